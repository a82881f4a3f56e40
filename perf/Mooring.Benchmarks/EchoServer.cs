using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Mooring.Protocol;
using Mooring.Server;

namespace Mooring.Benchmarks;

/// <summary>
/// A Mooring server core with the echo tool and one session that has completed the handshake, built the way an
/// application builds it (DI, attribute registration). Shared by the benchmarks of the session-level hot path.
/// </summary>
internal sealed class EchoServer : IAsyncDisposable
{
    /// <summary>
    /// The tools/call body the load generator sends (perf/Mooring.LoadGen/McpRequests.cs), with an id of the same
    /// 14 digits, so the micro-benchmarks parse the bytes the side-by-side runs send.
    /// </summary>
    public static readonly byte[] ToolsCallBody = Encoding.UTF8.GetBytes(
        """{"jsonrpc":"2.0","id":10010000000000,"method":"tools/call","params":{"name":"echo","arguments":{"text":"hello"}}}""");

    /// <summary>The same call in the modern (2026-07-28) era: stateless, the client's identity in <c>params._meta</c>.</summary>
    public static readonly byte[] ModernToolsCallBody = Encoding.UTF8.GetBytes(
        """{"jsonrpc":"2.0","id":10010000000000,"method":"tools/call","params":{"name":"echo","arguments":{"text":"hello"},"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{}}}}""");

    /// <summary>The modern era's protocol revision, as sent in the header and in <c>_meta</c>.</summary>
    public const string ModernVersion = "2026-07-28";

    /// <summary>What a correct modern answer must contain: the result carries resultType and the server's identity.</summary>
    public const string ExpectedModernResponsePrefix = """{"jsonrpc":"2.0","id":10010000000000,"result":{"content":[{"type":"text","text":"hello"}],"_meta":{"io.modelcontextprotocol/serverInfo":""";

    public static readonly byte[] InitializeBody = Encoding.UTF8.GetBytes(
        """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"Mooring.Benchmarks","version":"1.0.0"}}}""");

    public static readonly byte[] InitializedBody = Encoding.UTF8.GetBytes(
        """{"jsonrpc":"2.0","method":"notifications/initialized"}""");

    /// <summary>What a correct answer must contain.</summary>
    public const string ExpectedResponse = """{"jsonrpc":"2.0","id":10010000000000,"result":{"content":[{"type":"text","text":"hello"}]}}""";

    private readonly ServiceProvider _services;

    private EchoServer(ServiceProvider services, McpServer server, McpSession session)
    {
        _services = services;
        Server = server;
        Session = session;
    }

    public McpServer Server { get; }

    public McpSession Session { get; }

    public IServiceProvider Services => _services;

    public NullMessageSink Sink { get; } = new();

    public static EchoServer Create()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMcpServer().WithPrimitives(typeof(EchoTool));
        ServiceProvider provider = services.BuildServiceProvider();
        McpServer server = provider.GetRequiredService<McpServer>();
        McpSession session = server.CreateSession("bench-session");
        var echo = new EchoServer(provider, server, session);
        echo.Handle(JsonRpcReader.Parse(InitializeBody).Message!);
        echo.Handle(JsonRpcReader.Parse(InitializedBody).Message!);
        if (!session.IsInitialized)
        {
            throw new InvalidOperationException("The benchmark session did not initialize.");
        }

        return echo;
    }

    /// <summary>
    /// <see cref="McpSession.HandleAsync"/>, waited for. The echo tool completes synchronously, so this is the
    /// path the HTTP endpoint takes when it answers with plain JSON.
    /// </summary>
    public McpOutgoingMessage? Handle(JsonRpcMessage message)
    {
        ValueTask<McpOutgoingMessage?> pending = Session.HandleAsync(message, Sink, _services, CancellationToken.None);
        return pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
    }

    /// <summary>Throws unless <paramref name="response"/> is the echo of "hello" for the tools/call request.</summary>
    public static void Verify(McpOutgoingMessage? response)
    {
        string json = response is null ? "(none)" : Encoding.UTF8.GetString(response.ToArray());
        if (json != ExpectedResponse)
        {
            throw new InvalidOperationException($"Unexpected echo response: {json}");
        }
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
