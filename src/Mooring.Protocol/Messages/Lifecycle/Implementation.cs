using System.Text.Json.Serialization;

namespace Mooring.Protocol;

/// <summary>Name and version of an MCP implementation (client or server).</summary>
public sealed class Implementation
{
    /// <summary>Programmatic name.</summary>
    public required string Name { get; set; }

    /// <summary>Version string.</summary>
    public required string Version { get; set; }

    /// <summary>Human-readable display name.</summary>
    public string? Title { get; set; }

    /// <summary>Human-readable description.</summary>
    public string? Description { get; set; }

    /// <summary>Website of the implementation.</summary>
    public string? WebsiteUrl { get; set; }

    /// <summary>Icons for display.</summary>
    public IList<Icon>? Icons { get; set; }
}
