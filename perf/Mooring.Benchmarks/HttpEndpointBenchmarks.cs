using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using BenchmarkDotNet.Attributes;
using Mooring.AspNetCore;
using Mooring.Server;

namespace Mooring.Benchmarks;

/// <summary>
/// The whole POST handler of the echo tools/call (McpHttpEndpoint), against a raw handler that does what
/// perf/Mooring.Benchmarks.RawKestrel does, on the same in-memory <see cref="DefaultHttpContext"/>. The context,
/// its features and the stream-backed body pipes are allocated by this harness, not by Kestrel (which reuses them
/// per connection): compare <see cref="McpEndpoint"/> with <see cref="RawHandler"/>, never read it alone.
/// </summary>
[MemoryDiagnoser]
public class HttpEndpointBenchmarks
{
    private const string Host = "127.0.0.1:5000";
    private static readonly byte[] FixedResponse = Encoding.UTF8.GetBytes(EchoServer.ExpectedResponse);

    private readonly MemoryStream _requestStream = new(EchoServer.ToolsCallBody, writable: false);
    private readonly MemoryStream _modernRequestStream = new(EchoServer.ModernToolsCallBody, writable: false);
    private readonly MemoryStream _responseStream = new(4096);
    private ServiceProvider _services = null!;
    private McpHttpEndpoint _endpoint = null!;
    private IServiceScopeFactory _scopes = null!;
    private McpHttpOptions _options = null!;
    private string _sessionId = null!;
    private DefaultHttpContext _gateContext = null!;

    [GlobalSetup]
    public void Setup()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMcpServer().WithPrimitives(typeof(EchoTool)).WithHttpTransport();
        _services = services.BuildServiceProvider();
        _endpoint = _services.GetRequiredService<McpHttpEndpoint>();
        _scopes = _services.GetRequiredService<IServiceScopeFactory>();
        _options = _services.GetRequiredService<Microsoft.Extensions.Options.IOptions<McpHttpOptions>>().Value;

        DefaultHttpContext initialize = Post(EchoServer.InitializeBody, sessionId: null, new MemoryStream(EchoServer.InitializeBody, writable: false));
        Run(_endpoint.HandleAsync(initialize));
        _sessionId = initialize.Response.Headers[McpHttpHeaders.SessionId].ToString();
        if (initialize.Response.StatusCode != 200 || string.IsNullOrEmpty(_sessionId))
        {
            throw new InvalidOperationException($"initialize failed: HTTP {initialize.Response.StatusCode}.");
        }

        DefaultHttpContext initialized = Post(EchoServer.InitializedBody, _sessionId, new MemoryStream(EchoServer.InitializedBody, writable: false));
        Run(_endpoint.HandleAsync(initialized));
        if (initialized.Response.StatusCode != 202)
        {
            throw new InvalidOperationException($"notifications/initialized failed: HTTP {initialized.Response.StatusCode}.");
        }

        McpEndpoint();
        string answer = Encoding.UTF8.GetString(_responseStream.GetBuffer(), 0, (int)_responseStream.Length);
        if (answer != EchoServer.ExpectedResponse)
        {
            throw new InvalidOperationException($"Unexpected echo response over HTTP: {answer}");
        }

        McpEndpointModern();
        answer = Encoding.UTF8.GetString(_responseStream.GetBuffer(), 0, (int)_responseStream.Length);
        if (!answer.StartsWith(EchoServer.ExpectedModernResponsePrefix, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Unexpected modern echo response over HTTP: {answer}");
        }

        _gateContext = Post(EchoServer.ToolsCallBody, _sessionId, _requestStream);
    }

    [GlobalCleanup]
    public void Cleanup() => _services.DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>The ceiling on this harness: drain the body, write the fixed echo answer with a Content-Length.</summary>
    [Benchmark(Baseline = true)]
    public int RawHandler()
    {
        DefaultHttpContext context = Post(EchoServer.ToolsCallBody, _sessionId, _requestStream);
        Run(RawHandlerAsync(context));
        return context.Response.StatusCode;
    }

    /// <summary>McpHttpEndpoint.HandleAsync of the echo tools/call in an initialized session, answered as JSON.</summary>
    [Benchmark]
    public int McpEndpoint()
    {
        DefaultHttpContext context = Post(EchoServer.ToolsCallBody, _sessionId, _requestStream);
        Run(_endpoint.HandleAsync(context));
        return context.Response.StatusCode;
    }

    /// <summary>
    /// The same call in the modern era: no session, <c>MCP-Protocol-Version: 2026-07-28</c> with the mirrored
    /// <c>Mcp-Method</c> and <c>Mcp-Name</c> headers, the client's identity in <c>params._meta</c>.
    /// </summary>
    [Benchmark]
    public int McpEndpointModern()
    {
        DefaultHttpContext context = Post(EchoServer.ModernToolsCallBody, sessionId: null, _modernRequestStream, EchoServer.ModernVersion);
        context.Request.Headers[McpHttpHeaders.Method] = "tools/call";
        context.Request.Headers[McpHttpHeaders.Name] = "echo";
        Run(_endpoint.HandleAsync(context));
        return context.Response.StatusCode;
    }

    /// <summary>McpRequestGate's checks of every POST: host/origin, Accept and Content-Type, protocol version.</summary>
    [Benchmark]
    public bool RequestGate() =>
        McpRequestGate.CheckHostAndOrigin(_gateContext.Request, _options) is null
        && McpRequestGate.CheckPostHeaders(_gateContext.Request, _options) is null
        && McpRequestGate.CheckProtocolVersion(_gateContext.Request) is null;

    /// <summary>McpHttpEndpoint.HandleRequestsAsync's per-POST sink: a bounded channel, completed at once.</summary>
    [Benchmark]
    public object PostExchange()
    {
        var exchange = new PostExchange(_options.MaxQueuedMessagesPerStream, canReconnect: true);
        exchange.Complete();
        return exchange;
    }

    /// <summary>McpHttpEndpoint.DispatchAsync's per-request DI scope.</summary>
    [Benchmark]
    public void ServiceScope()
    {
        AsyncServiceScope scope = _scopes.CreateAsyncScope();
        scope.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    private static async Task RawHandlerAsync(HttpContext context)
    {
        while (true)
        {
            System.IO.Pipelines.ReadResult read = await context.Request.BodyReader.ReadAsync();
            context.Request.BodyReader.AdvanceTo(read.Buffer.End);
            if (read.IsCompleted)
            {
                break;
            }
        }

        HttpResponse response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json";
        response.ContentLength = FixedResponse.Length;
        await response.BodyWriter.WriteAsync(FixedResponse);
    }

    private DefaultHttpContext Post(byte[] body, string? sessionId, MemoryStream bodyStream, string protocolVersion = "2025-11-25")
    {
        var context = new DefaultHttpContext();
        HttpRequest request = context.Request;
        request.Method = HttpMethods.Post;
        request.Scheme = "http";
        request.Host = new HostString(Host);
        request.Path = "/mcp";
        request.Headers.Accept = "application/json, text/event-stream";
        request.ContentType = "application/json";
        request.ContentLength = body.Length;
        request.Headers[McpHttpHeaders.ProtocolVersion] = protocolVersion;
        if (sessionId is not null)
        {
            request.Headers[McpHttpHeaders.SessionId] = sessionId;
        }

        bodyStream.Position = 0;
        request.Body = bodyStream;
        _responseStream.SetLength(0);
        context.Response.Body = _responseStream;
        return context;
    }

    private static void Run(Task task)
    {
        if (!task.IsCompletedSuccessfully)
        {
            task.GetAwaiter().GetResult();
        }
    }
}
