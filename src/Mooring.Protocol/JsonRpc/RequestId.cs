using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mooring.Protocol;

/// <summary>
/// A JSON-RPC request id (also the shape of an MCP progress token): a string or an integer, never null.
/// </summary>
[JsonConverter(typeof(RequestIdConverter))]
public readonly struct RequestId : IEquatable<RequestId>
{
    private readonly string? _string;
    private readonly long _number;

    /// <summary>Creates a string id.</summary>
    public RequestId(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _string = value;
        _number = 0;
    }

    /// <summary>Creates an integer id.</summary>
    public RequestId(long value)
    {
        _string = null;
        _number = value;
    }

    /// <summary>True when the id is a string.</summary>
    public bool IsString => _string is not null;

    /// <summary>The string value, or null for an integer id.</summary>
    public string? AsString => _string;

    /// <summary>The integer value; meaningful only when <see cref="IsString"/> is false.</summary>
    public long AsNumber => _number;

    /// <summary>Writes the id as a JSON value.</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (_string is not null)
        {
            writer.WriteStringValue(_string);
        }
        else
        {
            writer.WriteNumberValue(_number);
        }
    }

    /// <inheritdoc />
    public bool Equals(RequestId other) =>
        _string is null ? other._string is null && _number == other._number : string.Equals(_string, other._string, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is RequestId other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _string is null ? _number.GetHashCode() : StringComparer.Ordinal.GetHashCode(_string);

    /// <inheritdoc />
    public override string ToString() => _string ?? _number.ToString(CultureInfo.InvariantCulture);

    /// <summary>Equality.</summary>
    public static bool operator ==(RequestId left, RequestId right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(RequestId left, RequestId right) => !left.Equals(right);

    /// <summary>Implicit conversion from a string.</summary>
    public static implicit operator RequestId(string value) => new(value);

    /// <summary>Implicit conversion from an integer.</summary>
    public static implicit operator RequestId(long value) => new(value);

    /// <summary>Named alternative to the implicit conversion from a string.</summary>
    public static RequestId FromString(string value) => new(value);

    /// <summary>Named alternative to the implicit conversion from an integer.</summary>
    public static RequestId FromInt64(long value) => new(value);

    /// <summary>
    /// Reads an id at the reader's current token. Returns false for anything that is not a string or an
    /// integer that fits in 64 bits (null, fractions, huge numbers, objects).
    /// </summary>
    public static bool TryRead(ref Utf8JsonReader reader, out RequestId id)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                id = new RequestId(reader.GetString()!);
                return true;
            case JsonTokenType.Number when reader.TryGetInt64(out long n):
                id = new RequestId(n);
                return true;
            default:
                id = default;
                return false;
        }
    }
}
