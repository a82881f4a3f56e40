namespace Mooring.Host;

/// <summary>Embedded defaults of the host, used when configuration says nothing.</summary>
internal static class MooringHostDefaults
{
    /// <summary>Where Kestrel listens without <c>--urls</c>: loopback only, so a fresh run is never exposed on the network.</summary>
    public const string Url = "http://127.0.0.1:3001";

    /// <summary>The MCP endpoint path.</summary>
    public const string Path = "/mcp";
}
