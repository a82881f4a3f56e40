namespace Mooring.Protocol;

/// <summary>The answer to <c>server/discover</c> (modern era): the revisions, capabilities and instructions of the server.</summary>
public sealed class DiscoverResult : Result
{
    /// <summary>Every revision the server serves, newest first.</summary>
    public required IReadOnlyList<string> SupportedVersions { get; set; }

    /// <summary>What the server offers to modern requests.</summary>
    public required ServerCapabilities Capabilities { get; set; }

    /// <summary>How to use the server, for the model.</summary>
    public string? Instructions { get; set; }
}
