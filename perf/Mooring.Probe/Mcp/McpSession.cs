namespace Mooring.Probe.Mcp;

/// <summary>What initialize negotiated: the session id (null for a stateless server) and protocol version.</summary>
internal sealed record McpSession(string? SessionId, string ProtocolVersion);
