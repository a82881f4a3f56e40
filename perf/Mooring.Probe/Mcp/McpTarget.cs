using System.Net;

namespace Mooring.Probe.Mcp;

/// <summary>Where the MCP endpoint is: the address to connect to, the Host header and path to send.</summary>
internal sealed record McpTarget(Uri Url, IPEndPoint EndPoint)
{
    public string HostHeader => Url.IsDefaultPort ? Url.Host : $"{Url.Host}:{Url.Port}";

    public string PathAndQuery => string.IsNullOrEmpty(Url.PathAndQuery) ? "/" : Url.PathAndQuery;

    public int Port => EndPoint.Port;
}
