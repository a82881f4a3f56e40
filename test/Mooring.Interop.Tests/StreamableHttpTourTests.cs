using System.Globalization;
using System.Net;
using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Xunit.Abstractions;

namespace Mooring.Interop.Tests;

/// <summary>
/// The tour over Streamable HTTP against one host process, with every request recorded: on modern, discover first,
/// never <c>initialize</c> or a session id, MRTR as two POSTs of the same call, and a <c>subscriptions/listen</c> stream
/// that receives the watched resource's updates and is closed by the client; on legacy, a session on every request.
/// </summary>
/// <remarks>
/// The 2.4 client has no typed API for <c>subscriptions/listen</c> (its <c>SubscribeToResourceAsync</c> is the removed
/// <c>resources/subscribe</c>), so the modern tour sends it with the low-level
/// <see cref="McpSession.SendRequestAsync(JsonRpcRequest, CancellationToken)"/>, receives the stream's notifications
/// through <see cref="McpSession.RegisterNotificationHandler"/>, and ends it by cancelling that request, which closes the
/// response stream. The host's <c>/metrics</c> shows the stream's lease taken and given back.
/// </remarks>
public sealed class StreamableHttpTourTests : InteropTourSuite, IClassFixture<HttpHostFixture>, IDisposable
{
    private const string SessionIdHeader = "Mcp-Session-Id";
    private const string ListenId = "tour-listen";

    private readonly HttpHostFixture _host;
    private readonly ITestOutputHelper _output;
    private readonly RecordingHandler _wire = new();

    public StreamableHttpTourTests(HttpHostFixture host, ITestOutputHelper output)
    {
        _host = host;
        _output = output;
    }

    public void Dispose() => _output.WriteLine(_wire.Describe());

    protected override async Task<McpClient> ConnectAsync(McpClientOptions options, CancellationToken cancellationToken)
    {
        var transport = new HttpClientTransport(
            new HttpClientTransportOptions { Endpoint = _host.McpEndpoint, Name = "mooring-tour", TransportMode = HttpTransportMode.StreamableHttp },
            new HttpClient(_wire),
            ownsHttpClient: true);
        return await McpClient.CreateAsync(transport, options, cancellationToken: cancellationToken);
    }

    protected override async Task AfterModernTourAsync(McpClient client, CancellationToken cancellationToken)
    {
        await ListenForResourceUpdateAsync(client, cancellationToken);

        // resources/subscribe was removed in 2026-07-28. The 2.4 client's docs say it refuses it locally with
        // MethodNotFound; it does send it, and the server's 404 + -32601 surfaces as HttpRequestException (as any
        // non-400 status does). Either way the call fails and nothing is subscribed.
        Exception subscribe = await Assert.ThrowsAnyAsync<Exception>(() => client.SubscribeToResourceAsync(WatchedUri, cancellationToken: cancellationToken));
        Assert.True(subscribe is McpException or HttpRequestException { StatusCode: HttpStatusCode.NotFound }, subscribe.ToString());
        Assert.All(_wire.Exchanges.Where(e => e.McpMethod == RequestMethods.ResourcesSubscribe), e => Assert.Equal(HttpStatusCode.NotFound, e.StatusCode));

        // Discover first, never initialize, never a session id either way, every POST with the modern headers.
        var posts = _wire.Exchanges.Where(e => e.Method == HttpMethod.Post).ToList();
        Assert.Equal(RequestMethods.ServerDiscover, posts[0].McpMethod);
        Assert.Equal(HttpStatusCode.OK, posts[0].StatusCode);
        Assert.DoesNotContain(posts, p => p.McpMethod == RequestMethods.Initialize);
        Assert.All(_wire.Exchanges, e => Assert.Null(e.Header(SessionIdHeader)));
        Assert.All(_wire.Exchanges, e => Assert.False(e.ResponseHeaders?.ContainsKey(SessionIdHeader) ?? false, $"a modern response carried a session id: {e}"));
        Assert.All(posts, p => Assert.Equal(ModernVersion, p.Header("MCP-Protocol-Version")));
        Assert.All(posts, p => Assert.False(string.IsNullOrEmpty(p.McpMethod), $"no Mcp-Method: {p}"));

        // The elicitation went through MRTR: the same tools/call twice (input_required, then the retry with the answer).
        var elicitationCalls = posts.Where(p => p.McpMethod == RequestMethods.ToolsCall && p.Header("Mcp-Name") == ElicitationTool).ToList();
        Assert.Equal(2, elicitationCalls.Count);
        Assert.All(elicitationCalls, c => Assert.Equal(HttpStatusCode.OK, c.StatusCode));

        // The x-mcp-header argument was mirrored by the client and accepted by the server.
        var headerCall = Assert.Single(posts, p => p.McpMethod == RequestMethods.ToolsCall && p.Header("Mcp-Name") == HeaderTool);
        Assert.Equal("eu-north1", headerCall.Header("Mcp-Param-Region"));
        Assert.Equal(HttpStatusCode.OK, headerCall.StatusCode);
    }

    protected override Task AfterLegacyTourAsync(McpClient client, CancellationToken cancellationToken)
    {
        Assert.False(string.IsNullOrEmpty(client.SessionId));
        var posts = _wire.Exchanges.Where(e => e.Method == HttpMethod.Post).ToList();
        Assert.Equal(RequestMethods.Initialize, posts[0].McpMethod);
        Assert.DoesNotContain(posts, p => p.McpMethod == RequestMethods.ServerDiscover);
        Assert.All(posts.Skip(1), p => Assert.Equal(client.SessionId, p.Header(SessionIdHeader)));

        // Legacy elicitation is a server-to-client request on the call's stream: one tools/call, answered in the session.
        Assert.Single(posts, p => p.McpMethod == RequestMethods.ToolsCall && p.Header("Mcp-Name") == ElicitationTool);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Opens <c>subscriptions/listen</c> for the watched resource, waits for the acknowledgement and an update (both
    /// tagged with the subscription id), then closes the stream by cancelling the request.
    /// </summary>
    private async Task ListenForResourceUpdateAsync(McpClient client, CancellationToken cancellationToken)
    {
        var acknowledged = new EventRecorder<JsonElement>();
        var updates = new EventRecorder<JsonElement>();
        await using IAsyncDisposable ackHandler = client.RegisterNotificationHandler(NotificationMethods.SubscriptionsAcknowledgedNotification, Record(acknowledged));
        await using IAsyncDisposable updateHandler = client.RegisterNotificationHandler(NotificationMethods.ResourceUpdatedNotification, Record(updates));
        var parameters = new SubscriptionsListenRequestParams { Notifications = new SubscriptionsListenNotifications { ResourceSubscriptions = [WatchedUri] } };
        var request = new JsonRpcRequest
        {
            Id = new RequestId(ListenId),
            Method = RequestMethods.SubscriptionsListen,
            Params = JsonSerializer.SerializeToNode(parameters, McpJsonUtilities.DefaultOptions),
        };
        using var listening = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        Task<JsonRpcResponse> listen = client.SendRequestAsync(request, listening.Token);

        JsonElement ack = Assert.Single(await acknowledged.WaitForAsync(_ => true, 1, NotificationWait));
        Assert.Equal(ListenId, SubscriptionId(ack));
        Assert.Equal([WatchedUri], ack.GetProperty("notifications").GetProperty("resourceSubscriptions").EnumerateArray().Select(u => u.GetString()));
        IReadOnlyList<JsonElement> received = await updates.WaitForAsync(_ => true, 1, UpdateWait);
        Assert.True(received.Count > 0, $"no notifications/resources/updated for {WatchedUri} within {UpdateWait}");
        Assert.Equal(WatchedUri, received[0].GetProperty("uri").GetString());
        Assert.Equal(ListenId, SubscriptionId(received[0]));
        Assert.False(listen.IsCompleted, "the listen request stays open until the client closes it");
        await WaitForListenStreamsAsync(1, cancellationToken);

        listening.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => listen);

        // Cancelling closed the response stream, and the server let go of the stream's lease.
        await WaitForListenStreamsAsync(0, cancellationToken);
    }

    /// <summary>Polls the host's Prometheus scrape until its held <c>listen_streams</c> leases equal <paramref name="expected"/>.</summary>
    private async Task WaitForListenStreamsAsync(int expected, CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        DateTime deadline = DateTime.UtcNow + NotificationWait;
        string? line = null;
        while (DateTime.UtcNow < deadline)
        {
            using HttpResponseMessage response = await http.GetAsync(new Uri(_host.BaseAddress, "metrics"), cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return; // Another server under test (MOORING_HOST_DLL) without Mooring's scrape endpoint.
            }

            string scrape = await response.EnsureSuccessStatusCode().Content.ReadAsStringAsync(cancellationToken);
            line = scrape.Split('\n').FirstOrDefault(l => l.StartsWith("mcp_server_leases_held{", StringComparison.Ordinal) && l.Contains("mcp_budget=\"listen_streams\"", StringComparison.Ordinal));
            if (line is not null && line[(line.LastIndexOf(' ') + 1)..].Trim() == expected.ToString(CultureInfo.InvariantCulture))
            {
                return;
            }

            await Task.Delay(100, cancellationToken);
        }

        Assert.Fail($"listen_streams leases did not reach {expected} within {NotificationWait}: {line ?? "(no such series)"}");
    }

    private static Func<JsonRpcNotification, CancellationToken, ValueTask> Record(EventRecorder<JsonElement> recorder) => (notification, _) =>
    {
        recorder.Report(JsonSerializer.SerializeToElement(notification.Params, McpJsonUtilities.DefaultOptions));
        return ValueTask.CompletedTask;
    };

    private static string? SubscriptionId(JsonElement parameters) =>
        parameters.GetProperty("_meta").GetProperty("io.modelcontextprotocol/subscriptionId").GetString();
}
