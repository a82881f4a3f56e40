using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Mooring.Interop.Tests;

/// <summary>Client options shared by the interop tests.</summary>
public static class InteropClientOptions
{
    /// <summary>
    /// The legacy (initialize-handshake, sessions) revision the tests pin. Left unset, the 2.4 client
    /// probes with server/discover for 2026-07-28 first; pinning skips the probe and sends initialize directly.
    /// </summary>
    public const string LegacyProtocolVersion = "2025-11-25";

    /// <summary>Bounds every test so a stuck server fails the test instead of hanging the run.</summary>
    public static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(30);

    public static McpClientOptions Create(string? protocolVersion = LegacyProtocolVersion) => new()
    {
        ProtocolVersion = protocolVersion,
        ClientInfo = new Implementation { Name = "mooring-interop-tests", Version = "1.0.0" },
        InitializationTimeout = TimeSpan.FromSeconds(20),
    };
}
