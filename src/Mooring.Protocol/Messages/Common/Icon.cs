using System.Text.Json.Serialization;

namespace Mooring.Protocol;

/// <summary>An icon a client can display: an <c>https:</c> or <c>data:</c> URI with optional type, sizes and theme.</summary>
public sealed class Icon
{
    /// <summary>The icon URI.</summary>
    public required string Src { get; set; }

    /// <summary>MIME type override.</summary>
    public string? MimeType { get; set; }

    /// <summary>Sizes such as <c>48x48</c> or <c>any</c>.</summary>
    public IList<string>? Sizes { get; set; }

    /// <summary><c>light</c> or <c>dark</c>.</summary>
    public string? Theme { get; set; }
}
