using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Mooring.AspNetCore;

/// <summary>
/// Compares mirrored header values with the body, reading the raw UTF-8 JSON with <see cref="Utf8JsonReader"/> so
/// that the common case (plain ASCII headers that match) allocates nothing.
/// </summary>
/// <remarks>
/// Member names match ignoring case and every occurrence counts, because that is what the handler may bind:
/// Mooring deserializes <c>params</c> and nested argument objects with case-insensitive names (the Web defaults),
/// and a duplicate key's last occurrence wins. A body that could bind a value the header does not mirror is
/// therefore refused; checking only the first exact-case occurrence would let the body and a router disagree,
/// which is the attack these headers exist to stop.
/// </remarks>
internal static class McpJsonMemberMatcher
{
    /// <summary>The body already passed the server's depth limit (at most 1024, <c>McpServerOptions.MaxJsonDepth</c>).</summary>
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 1024 };

    private const int StackChars = 128;

    /// <summary>How the body's value(s) at a path relate to a header.</summary>
    internal enum Outcome
    {
        /// <summary>Every non-null value matches, or there is none (so no header is expected).</summary>
        Match,

        /// <summary>A non-null value exists and the header is absent.</summary>
        Missing,

        /// <summary>A non-null value differs from the header.</summary>
        Mismatch,
    }

    /// <summary>Creates a reader over an object's raw JSON, positioned on its first token; false when it is not an object.</summary>
    public static bool TryOpenObject(ReadOnlySpan<byte> json, out Utf8JsonReader reader)
    {
        reader = new Utf8JsonReader(json, ReaderOptions);
        return !json.IsEmpty && reader.Read() && reader.TokenType == JsonTokenType.StartObject;
    }

    /// <summary>
    /// Checks the value(s) at <paramref name="path"/> inside the object at <paramref name="json"/> against a header
    /// (<paramref name="header"/> is meaningful only when <paramref name="headerPresent"/>).
    /// </summary>
    public static Outcome CheckPath(ReadOnlySpan<byte> json, IReadOnlyList<string> path, ReadOnlySpan<char> header, bool headerPresent)
    {
        // Arguments that are absent or not an object hold no value at any path; the binder rejects a non-object itself.
        return TryOpenObject(json, out Utf8JsonReader reader) ? Walk(ref reader, path, 0, header, headerPresent) : Outcome.Match;
    }

    /// <summary>True when the property name under the reader equals <paramref name="name"/> ignoring case.</summary>
    public static bool NameMatches(ref Utf8JsonReader reader, string name)
    {
        if (reader.ValueTextEquals(name))
        {
            return true;
        }

        ReadOnlySpan<byte> raw = reader.ValueSpan;
        if (!reader.ValueIsEscaped && Ascii.IsValid(raw) && Ascii.IsValid(name))
        {
            return Ascii.EqualsIgnoreCase(raw, name);
        }

        // Unescaped UTF-16 is never longer than the raw UTF-8 (escapes only shrink), so longer names cannot match.
        if (name.Length > raw.Length)
        {
            return false;
        }

        char[]? rented = null;
        Span<char> buffer = raw.Length <= StackChars ? stackalloc char[StackChars] : (rented = ArrayPool<char>.Shared.Rent(raw.Length));
        try
        {
            int length = reader.CopyString(buffer);
            return buffer[..length].Equals(name, StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Compares the value token under the reader with a decoded header value.</summary>
    public static bool ValueMatches(ref Utf8JsonReader reader, ReadOnlySpan<char> header) => reader.TokenType switch
    {
        JsonTokenType.String => reader.ValueTextEquals(header),
        JsonTokenType.Number => NumberMatches(ref reader, header),
        JsonTokenType.True => header.SequenceEqual("true"),
        JsonTokenType.False => header.SequenceEqual("false"),

        // Objects and arrays have no header form: nothing a client sends can mirror them.
        _ => false,
    };

    // The reader is on a StartObject; reads through the matching EndObject unless it returns early.
    private static Outcome Walk(ref Utf8JsonReader reader, IReadOnlyList<string> path, int index, ReadOnlySpan<char> header, bool headerPresent)
    {
        bool last = index == path.Count - 1;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool matches = NameMatches(ref reader, path[index]);
            reader.Read();
            if (matches && last && reader.TokenType != JsonTokenType.Null)
            {
                Outcome outcome = !headerPresent ? Outcome.Missing : ValueMatches(ref reader, header) ? Outcome.Match : Outcome.Mismatch;
                if (outcome != Outcome.Match)
                {
                    return outcome;
                }
            }
            else if (matches && !last && reader.TokenType == JsonTokenType.StartObject)
            {
                Outcome outcome = Walk(ref reader, path, index + 1, header, headerPresent);
                if (outcome != Outcome.Match)
                {
                    return outcome;
                }

                continue;
            }

            // Moves past an object or array value; a no-op on a primitive.
            reader.Skip();
        }

        return Outcome.Match;
    }

    /// <summary>
    /// Integers compare numerically (streamable-http.mdx §Server Validation: "42.0 and 42 are considered equal");
    /// numbers beyond <see cref="decimal"/> fall back to comparing the text exactly.
    /// </summary>
    private static bool NumberMatches(ref Utf8JsonReader reader, ReadOnlySpan<char> header)
    {
        const NumberStyles Styles = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;
        if (reader.TryGetDecimal(out decimal body) && decimal.TryParse(header, Styles, CultureInfo.InvariantCulture, out decimal mirrored))
        {
            return body == mirrored;
        }

        return Ascii.Equals(reader.ValueSpan, header);
    }
}
