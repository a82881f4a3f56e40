using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Unicode;

namespace Mooring.AspNetCore;

/// <summary>
/// The value encoding of the mirrored request headers (streamable-http.mdx §Value Encoding): a value is plain
/// visible ASCII, or the UTF-8 bytes in Base64 between the case-sensitive markers <c>=?base64?</c> and <c>?=</c>.
/// Applies to <c>Mcp-Name</c> and <c>Mcp-Param-*</c>; <c>Mcp-Method</c> is never encoded.
/// </summary>
public static class McpHeaderValue
{
    /// <summary>The marker that opens an encoded value.</summary>
    public const string Base64Prefix = "=?base64?";

    /// <summary>The marker that closes an encoded value.</summary>
    public const string Base64Suffix = "?=";

    // Decoded values this short stay on the stack; longer ones rent (headers are bounded by the server's header limits).
    private const int StackBytes = 256;

    // RFC 9110 field-value characters: VCHAR, SP and HTAB. obs-text (0x80-0xFF) is excluded: non-ASCII must be encoded.
    private static readonly SearchValues<char> FieldChars = SearchValues.Create(
        "\t !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~");

    private static readonly SearchValues<char> Base64Alphabet = SearchValues.Create(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/");

    /// <summary>
    /// Decodes a received header value: trims optional whitespace (SP, HTAB), then decodes it when it both starts with
    /// <see cref="Base64Prefix"/> and ends with <see cref="Base64Suffix"/>; otherwise takes it literally. Returns false
    /// for characters a header may not carry (controls, non-ASCII) and for a malformed encoding: characters outside
    /// the Base64 alphabet (embedded whitespace included), missing or misplaced padding, non-zero padding bits, or
    /// bytes that are not UTF-8. Allocates nothing for a plain value without surrounding whitespace.
    /// </summary>
    /// <param name="raw">The header value as received.</param>
    /// <param name="decoded">The value to compare with the body.</param>
    public static bool TryDecode(string? raw, [NotNullWhen(true)] out string? decoded)
    {
        decoded = null;
        if (raw is null || !TryDecode(raw, out ReadOnlySpan<char> value, out string? allocated))
        {
            return false;
        }

        decoded = allocated ?? (value.Length == raw.Length ? raw : value.ToString());
        return true;
    }

    /// <summary>
    /// Encodes a value as a client would: as is when it is plain printable ASCII without leading or trailing spaces
    /// and does not look like an encoded value; otherwise as <c>=?base64?{Base64 of the UTF-8 bytes}?=</c>.
    /// </summary>
    /// <param name="value">The string to send (an integer in decimal, a boolean as <c>true</c>/<c>false</c>).</param>
    public static string Encode(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        ReadOnlySpan<char> span = value;
        bool plain = !span.ContainsAnyExcept(FieldChars) && !span.Contains('\t')
            && (span.IsEmpty || (span[0] != ' ' && span[^1] != ' '))
            && !(span.StartsWith(Base64Prefix, StringComparison.Ordinal) && span.EndsWith(Base64Suffix, StringComparison.Ordinal));
        return plain ? value : Base64Prefix + Convert.ToBase64String(Encoding.UTF8.GetBytes(value)) + Base64Suffix;
    }

    /// <summary>
    /// The span form of <see cref="TryDecode(string?, out string?)"/>: <paramref name="value"/> is a slice of
    /// <paramref name="raw"/> for a plain value, or of <paramref name="allocated"/> (the one allocation) for an encoded one.
    /// </summary>
    internal static bool TryDecode(string raw, out ReadOnlySpan<char> value, out string? allocated)
    {
        allocated = null;
        value = default;
        ReadOnlySpan<char> span = raw.AsSpan().Trim(" \t");
        if (!span.StartsWith(Base64Prefix, StringComparison.Ordinal) || !span.EndsWith(Base64Suffix, StringComparison.Ordinal))
        {
            return TryPlain(span, out value);
        }

        // "=?base64?=" matches both markers only by sharing the '?': malformed, not a literal (a client encodes it).
        if (span.Length < Base64Prefix.Length + Base64Suffix.Length
            || !TryDecodeBase64(span[Base64Prefix.Length..^Base64Suffix.Length], out allocated))
        {
            return false;
        }

        value = allocated;
        return true;
    }

    /// <summary>Trims OWS and checks the characters of a value that is never encoded (<c>Mcp-Method</c>).</summary>
    internal static bool TryPlain(string raw, out ReadOnlySpan<char> value) => TryPlain(raw.AsSpan().Trim(" \t"), out value);

    private static bool TryPlain(ReadOnlySpan<char> trimmed, out ReadOnlySpan<char> value)
    {
        // Kestrel already refuses CR, LF and NUL; other controls and non-ASCII are refused here (the spec's
        // "a header value contains invalid characters"), whatever the server's header encoding settings.
        value = trimmed;
        return !trimmed.ContainsAnyExcept(FieldChars);
    }

    private static bool TryDecodeBase64(ReadOnlySpan<char> payload, [NotNullWhen(true)] out string? decoded)
    {
        decoded = null;
        int padding = payload.EndsWith("==", StringComparison.Ordinal) ? 2 : payload.EndsWith('=') ? 1 : 0;
        ReadOnlySpan<char> data = payload[..^padding];

        // Strict: whole quanta, alphabet only ('=' only as final padding, no whitespace, which Convert would skip).
        if (payload.Length % 4 != 0 || data.ContainsAnyExcept(Base64Alphabet))
        {
            return false;
        }

        // Canonical form: the bits the padding leaves unused must be zero, so each value has exactly one encoding.
        if (padding > 0 && (SextetOf(data[^1]) & (padding == 1 ? 0b11 : 0b1111)) != 0)
        {
            return false;
        }

        int maxBytes = payload.Length / 4 * 3;
        byte[]? rented = null;
        Span<byte> buffer = maxBytes <= StackBytes ? stackalloc byte[StackBytes] : (rented = ArrayPool<byte>.Shared.Rent(maxBytes));
        try
        {
            if (!Convert.TryFromBase64Chars(payload, buffer, out int written) || !Utf8.IsValid(buffer[..written]))
            {
                return false;
            }

            decoded = Encoding.UTF8.GetString(buffer[..written]);
            return true;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static int SextetOf(char c) => c switch
    {
        >= 'A' and <= 'Z' => c - 'A',
        >= 'a' and <= 'z' => c - 'a' + 26,
        >= '0' and <= '9' => c - '0' + 52,
        '+' => 62,
        _ => 63,
    };
}
