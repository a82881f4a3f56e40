using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using MooringServer = Mooring.Server.McpServer;
using MooringTool = Mooring.Server.McpServerTool;

namespace Mooring.Server.Stdio.Tests;

/// <summary>
/// The official C# SDK client (ModelContextProtocol 2.4) against the stdio transport, over in-process pipes. With its
/// default options it probes <c>server/discover</c> first and, answered, stays in the modern era.
/// </summary>
[Collection("stdio")] // StdioTools holds static signals: one test at a time.
public sealed class SdkClientOverStdioTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    public SdkClientOverStdioTests() => StdioTools.Reset();

    [Fact]
    public async Task SdkClient_DefaultVersion_StaysModern_CallsToolsAndAnswersInputRequired()
    {
        using var cts = new CancellationTokenSource(Timeout);
        await using StdioTestServer server = await StdioTestServer.StartAsync(b => b.WithPrimitives(typeof(StdioTools)));
        await using McpClient client = await ConnectAsync(server, cts.Token);

        Assert.Equal("2026-07-28", client.NegotiatedProtocolVersion);
        IList<McpClientTool> tools = await client.ListToolsAsync(cancellationToken: cts.Token);
        Assert.Contains(tools, t => t.Name == "echo");

        CallToolResult echoed = await client.CallToolAsync("echo", new Dictionary<string, object?> { ["text"] = "over sdk" }, cancellationToken: cts.Token);
        Assert.Equal("over sdk", Assert.IsType<TextContentBlock>(Assert.Single(echoed.Content)).Text);

        // The tool's elicitation comes back as input_required; the SDK answers through its handler and retries.
        CallToolResult greeted = await client.CallToolAsync("ask_name", cancellationToken: cts.Token);
        Assert.Equal("Hello, Ada!", Assert.IsType<TextContentBlock>(Assert.Single(greeted.Content)).Text);

        Assert.Empty(server.Services.GetRequiredService<MooringServer>().Sessions);
    }

    [Fact]
    public async Task SdkClient_CancelsACall_AndTheHandlerTokenFires()
    {
        using var cts = new CancellationTokenSource(Timeout);
        await using StdioTestServer server = await StdioTestServer.StartAsync(b => b.WithPrimitives(typeof(StdioTools)));
        await using McpClient client = await ConnectAsync(server, cts.Token);

        using var call = CancellationTokenSource.CreateLinkedTokenSource(cts.Token);
        Task<CallToolResult> waiting = client.CallToolAsync("wait_for_cancel", cancellationToken: call.Token).AsTask();
        await Task.Delay(100, cts.Token);
        await call.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        await StdioTools.Cancelled.Task.WaitAsync(cts.Token);

        // The connection is still good afterwards.
        CallToolResult echoed = await client.CallToolAsync("echo", new Dictionary<string, object?> { ["text"] = "still here" }, cancellationToken: cts.Token);
        Assert.Equal("still here", Assert.IsType<TextContentBlock>(Assert.Single(echoed.Content)).Text);
    }

    [Fact]
    public async Task SdkClient_Listen_GetsTheAcknowledgementAndATaggedListChange()
    {
        using var cts = new CancellationTokenSource(Timeout);
        await using StdioTestServer server = await StdioTestServer.StartAsync(b => b.WithPrimitives(typeof(StdioTools)));
        await using McpClient client = await ConnectAsync(server, cts.Token);
        MooringServer core = server.Services.GetRequiredService<MooringServer>();

        var acknowledged = new TaskCompletionSource<JsonNode?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var changed = new TaskCompletionSource<JsonNode?>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using IAsyncDisposable ackHandler = client.RegisterNotificationHandler("notifications/subscriptions/acknowledged", (n, _) => { acknowledged.TrySetResult(n.Params); return ValueTask.CompletedTask; });
        await using IAsyncDisposable changeHandler = client.RegisterNotificationHandler(NotificationMethods.ToolListChangedNotification, (n, _) => { changed.TrySetResult(n.Params); return ValueTask.CompletedTask; });

        using var listen = CancellationTokenSource.CreateLinkedTokenSource(cts.Token);
        var request = new JsonRpcRequest
        {
            Id = new RequestId("sdk-listen"),
            Method = "subscriptions/listen",
            Params = new JsonObject { ["notifications"] = new JsonObject { ["toolsListChanged"] = true } },
        };
        Task<JsonRpcResponse> stream = client.SendRequestAsync(request, listen.Token);

        JsonNode? ack = await acknowledged.Task.WaitAsync(cts.Token);
        Assert.Equal("sdk-listen", ack?["_meta"]?["io.modelcontextprotocol/subscriptionId"]?.GetValue<string>());
        core.Tools.Add(MooringTool.Create("sdk_added", () => "added", core.Options));
        JsonNode? change = await changed.Task.WaitAsync(cts.Token);
        Assert.Equal("sdk-listen", change?["_meta"]?["io.modelcontextprotocol/subscriptionId"]?.GetValue<string>());

        // Cancelling the request sends notifications/cancelled; the server ends the stream and releases it.
        await listen.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stream);
        DateTime deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (core.Governor.Held(McpBudget.ListenStreams) != 0 || core.Subscriptions.Count != 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the listen stream was not released after the client cancelled it");
            await Task.Delay(10, cts.Token);
        }
    }

    private static Task<McpClient> ConnectAsync(StdioTestServer server, CancellationToken cancellationToken)
    {
        var options = new McpClientOptions
        {
            ClientInfo = new Implementation { Name = "stdio-sdk-tests", Version = "1.0.0" },
            Handlers = new McpClientHandlers
            {
                ElicitationHandler = (_, _) => ValueTask.FromResult(new ElicitResult
                {
                    Action = "accept",
                    Content = new Dictionary<string, JsonElement> { ["name"] = JsonSerializer.SerializeToElement("Ada") },
                }),
            },
        };
        return McpClient.CreateAsync(new StreamClientTransport(server.ClientToServer, server.ServerToClient), options, cancellationToken: cancellationToken);
    }
}
