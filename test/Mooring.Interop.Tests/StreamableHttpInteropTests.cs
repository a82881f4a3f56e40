using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Xunit.Abstractions;

namespace Mooring.Interop.Tests;

/// <summary>
/// The suite over Streamable HTTP against one server process per class, plus the HTTP-only scenarios.
/// Every request the SDK client sends is recorded, and written to the test output when the test ends.
/// </summary>
public sealed class StreamableHttpInteropTests : InteropSuite, IClassFixture<HttpHostFixture>, IDisposable
{
    private const string SessionIdHeader = "Mcp-Session-Id";
    private const string ProtocolVersionHeader = "MCP-Protocol-Version";
    private const string LastEventIdHeader = "Last-Event-ID";

    private readonly HttpHostFixture _host;
    private readonly ITestOutputHelper _output;
    private readonly List<RecordingHandler> _recorders = [];

    public StreamableHttpInteropTests(HttpHostFixture host, ITestOutputHelper output)
    {
        _host = host;
        _output = output;
    }

    /// <summary>The requests of the most recent connection.</summary>
    private RecordingHandler Wire => _recorders[^1];

    protected override async Task<McpClient> ConnectAsync(McpClientOptions options, CancellationToken cancellationToken)
    {
        var recorder = new RecordingHandler();
        _recorders.Add(recorder);
        var transport = new HttpClientTransport(
            new HttpClientTransportOptions
            {
                Endpoint = _host.McpEndpoint,
                Name = "mooring-http",
                // Streamable HTTP only: a failure should surface as itself, not as a failed legacy-SSE fallback.
                TransportMode = HttpTransportMode.StreamableHttp,
            },
            new HttpClient(recorder),
            ownsHttpClient: true);
        return await McpClient.CreateAsync(transport, options, cancellationToken: cancellationToken);
    }

    [Fact]
    public async Task Initialize_PinnedLegacyVersion_SessionAndVersionHeadersFollowEveryRequest()
    {
        using var cts = new CancellationTokenSource(InteropClientOptions.TestTimeout);
        await using var client = await ConnectAsync(cts.Token);
        await client.PingAsync(cancellationToken: cts.Token);

        var posts = Wire.Exchanges.Where(e => e.Method == HttpMethod.Post).ToList();
        var initialize = posts[0];
        Assert.Equal(RequestMethods.Initialize, initialize.McpMethod);
        Assert.Equal(HttpStatusCode.OK, initialize.StatusCode);
        Assert.False(string.IsNullOrEmpty(client.SessionId), "initialize should answer with an Mcp-Session-Id");
        Assert.Equal(client.SessionId, initialize.ResponseHeaders?.GetValueOrDefault(SessionIdHeader));

        foreach (var post in posts.Skip(1))
        {
            Assert.Equal(client.SessionId, post.Header(SessionIdHeader));
            Assert.Equal(InteropClientOptions.LegacyProtocolVersion, post.Header(ProtocolVersionHeader));
            Assert.True(post.StatusCode is HttpStatusCode.OK or HttpStatusCode.Accepted, post.ToString());
        }

        Assert.Contains(posts, p => p.McpMethod == NotificationMethods.InitializedNotification && p.StatusCode == HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task CallTool_Reconnection_ResumesWithGetAndLastEventId()
    {
        using var cts = new CancellationTokenSource(InteropClientOptions.TestTimeout);
        await using var client = await ConnectAsync(cts.Token);

        var result = await client.CallToolAsync("test_reconnection", cancellationToken: cts.Token);

        Assert.NotEqual(true, result.IsError);
        Assert.False(string.IsNullOrEmpty(Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text));
        var exchanges = Wire.Exchanges.ToList();
        var call = exchanges.FindIndex(e => e.McpMethod == RequestMethods.ToolsCall);
        var resumes = exchanges.Skip(call + 1)
            .Where(e => e.Method == HttpMethod.Get && !string.IsNullOrEmpty(e.Header(LastEventIdHeader)))
            .ToList();
        Assert.True(resumes.Count > 0, $"no GET with Last-Event-ID after the call:{Environment.NewLine}{Wire.Describe()}");
        Assert.All(resumes, r => Assert.Equal(client.SessionId, r.Header(SessionIdHeader)));
        Assert.Contains(resumes, r => r.StatusCode == HttpStatusCode.OK);
    }

    [Fact]
    public async Task Dispose_Client_DeletesTheSessionAndItIsGone()
    {
        using var cts = new CancellationTokenSource(InteropClientOptions.TestTimeout);
        var client = await ConnectAsync(cts.Token);
        var sessionId = client.SessionId;
        Assert.False(string.IsNullOrEmpty(sessionId));

        await client.DisposeAsync();

        var delete = Assert.Single(Wire.Exchanges, e => e.Method == HttpMethod.Delete);
        Assert.Equal(sessionId, delete.Header(SessionIdHeader));
        Assert.True(delete.StatusCode is { } status && (int)status is >= 200 and < 300, delete.ToString());

        // The spec: a request naming a terminated session gets 404, which tells a client to start over.
        using var http = new HttpClient();
        using var ping = new HttpRequestMessage(HttpMethod.Post, _host.McpEndpoint)
        {
            Content = new StringContent("""{"jsonrpc":"2.0","id":1,"method":"ping"}""", Encoding.UTF8, "application/json"),
        };
        ping.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        ping.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        ping.Headers.Add(SessionIdHeader, sessionId);
        ping.Headers.Add(ProtocolVersionHeader, InteropClientOptions.LegacyProtocolVersion);
        using var response = await http.SendAsync(ping, cts.Token);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    protected override Task AfterDefaultVersionConnectAsync(McpClient client, CancellationToken cancellationToken)
    {
        // The 2.4 client's first POST is the server/discover probe for 2026-07-28, without a session.
        var posts = Wire.Exchanges.Where(e => e.Method == HttpMethod.Post).ToList();
        var discover = posts[0];
        Assert.Equal("server/discover", discover.McpMethod);
        Assert.Equal("2026-07-28", discover.Header(ProtocolVersionHeader));
        Assert.Null(discover.Header(SessionIdHeader));

        if (client.NegotiatedProtocolVersion != "2026-07-28")
        {
            // A legacy server: the client falls back to initialize only on a JSON-RPC error (any status),
            // or a bare 400 or 404. 405 sends it to the old HTTP+SSE GET; 401, 403, 406, 415, 5xx and 202 fail the connect.
            Assert.True(discover.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest or HttpStatusCode.NotFound, discover.ToString());
            Assert.Equal(RequestMethods.Initialize, posts[1].McpMethod);
            Assert.Null(posts[1].Header(SessionIdHeader));
        }

        return Task.CompletedTask;
    }

    public void Dispose()
    {
        foreach (var recorder in _recorders)
        {
            _output.WriteLine(recorder.Describe());
            _output.WriteLine(string.Empty);
        }
    }
}
