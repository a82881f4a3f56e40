namespace Mooring.Protocol;

/// <summary>The <c>data</c> of error <c>-32022</c>: what the server serves and what was asked for.</summary>
public sealed class UnsupportedProtocolVersionErrorData
{
    /// <summary>The revisions the server serves (the same list as <c>server/discover</c>'s <c>supportedVersions</c>).</summary>
    public required IReadOnlyList<string> Supported { get; set; }

    /// <summary>The revision the request named.</summary>
    public required string Requested { get; set; }
}
