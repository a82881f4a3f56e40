using System.Diagnostics;
using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Mooring.Interop.Tests;

/// <summary>
/// The interop scenarios every transport must pass, driven by the official C# SDK client.
/// Subclasses say how to connect (Streamable HTTP, stdio) and add transport-specific scenarios.
/// </summary>
public abstract class InteropSuite
{
    protected const string EchoTool = "echo";
    protected const string SleepTool = "sleep";
    protected const string ProgressTool = "test_tool_with_progress";
    protected const string LoggingTool = "test_tool_with_logging";
    protected const string StaticTextUri = "test://static-text";
    protected const string WatchedUri = "test://watched-resource";
    protected const string PromptWithArguments = "test_prompt_with_arguments";

    // The revisions ModelContextProtocol 2.4.0 speaks (its McpProtocolVersions is internal).
    private static readonly string[] KnownProtocolVersions = ["2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25", "2026-07-28"];

    private static readonly TimeSpan NotificationWait = TimeSpan.FromSeconds(5);

    /// <summary>Connects a new client with <paramref name="options"/> over the transport under test.</summary>
    protected abstract Task<McpClient> ConnectAsync(McpClientOptions options, CancellationToken cancellationToken);

    protected Task<McpClient> ConnectAsync(CancellationToken cancellationToken) =>
        ConnectAsync(InteropClientOptions.Create(), cancellationToken);

    [Fact]
    public async Task Connect_PinnedLegacyVersion_NegotiatesItWithAllCapabilities()
    {
        using var cts = new CancellationTokenSource(InteropClientOptions.TestTimeout);
        await using var client = await ConnectAsync(cts.Token);

        Assert.Equal(InteropClientOptions.LegacyProtocolVersion, client.NegotiatedProtocolVersion);
        var capabilities = client.ServerCapabilities;
        Assert.NotNull(capabilities.Tools);
        Assert.NotNull(capabilities.Resources);
        Assert.True(capabilities.Resources.Subscribe, "resources.subscribe should be advertised");
        Assert.NotNull(capabilities.Prompts);
        Assert.NotNull(capabilities.Logging);
        Assert.NotNull(capabilities.Completions);
        Assert.False(string.IsNullOrEmpty(client.ServerInfo?.Name), "initialize should return serverInfo");
    }

    [Fact]
    public async Task Connect_SdkDefaultVersion_ConnectsWithoutWaitingOutTheDiscoverProbe()
    {
        using var cts = new CancellationTokenSource(InteropClientOptions.TestTimeout);
        var options = InteropClientOptions.Create(protocolVersion: null);
        var stopwatch = Stopwatch.StartNew();

        await using var client = await ConnectAsync(options, cts.Token);
        stopwatch.Stop();

        Assert.Contains(client.NegotiatedProtocolVersion, KnownProtocolVersions);
        // Not ping: 2026-07-28 removed it, and a server may legitimately negotiate that revision here.
        var tools = await client.ListToolsAsync(cancellationToken: cts.Token);
        Assert.Contains(tools, t => t.Name == EchoTool);
        await AfterDefaultVersionConnectAsync(client, cts.Token);

        // The 2.4 client sends server/discover first and waits up to DiscoverProbeTimeout (5 s) for an answer.
        // A legacy server must answer it (an error is fine) rather than drop it, or every default client stalls.
        Assert.True(stopwatch.Elapsed < options.DiscoverProbeTimeout - TimeSpan.FromSeconds(1),
            $"connect took {stopwatch.Elapsed}: the server/discover probe probably timed out instead of being rejected");
    }

    [Fact]
    public async Task Ping_Connected_Succeeds()
    {
        using var cts = new CancellationTokenSource(InteropClientOptions.TestTimeout);
        await using var client = await ConnectAsync(cts.Token);

        await client.PingAsync(cancellationToken: cts.Token);
    }

    [Fact]
    public async Task ListTools_Connected_ListsTheFixtureTools()
    {
        using var cts = new CancellationTokenSource(InteropClientOptions.TestTimeout);
        await using var client = await ConnectAsync(cts.Token);

        var tools = await client.ListToolsAsync(cancellationToken: cts.Token);

        var names = tools.Select(t => t.Name).ToHashSet();
        foreach (var expected in new[]
        {
            EchoTool, SleepTool, "test_simple_text", ProgressTool, LoggingTool, "test_sampling", "test_elicitation", "test_reconnection",
        })
        {
            Assert.Contains(expected, names);
        }
    }

    [Fact]
    public async Task CallTool_Echo_ReturnsTheSameText()
    {
        using var cts = new CancellationTokenSource(InteropClientOptions.TestTimeout);
        await using var client = await ConnectAsync(cts.Token);

        var result = await client.CallToolAsync(EchoTool, new Dictionary<string, object?> { ["text"] = "hello, mooring" }, cancellationToken: cts.Token);

        Assert.NotEqual(true, result.IsError);
        Assert.Equal("hello, mooring", Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text);
    }

    [Fact]
    public async Task CallTool_SimpleText_ReturnsTheFixedText()
    {
        using var cts = new CancellationTokenSource(InteropClientOptions.TestTimeout);
        await using var client = await ConnectAsync(cts.Token);

        var result = await client.CallToolAsync("test_simple_text", cancellationToken: cts.Token);

        Assert.Equal("This is a simple text response for testing.", Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text);
    }

    [Fact]
    public async Task CallTool_WithProgress_ReportsNonDecreasingProgress()
    {
        // The SDK drops the per-call progress handler as soon as the response arrives, while notifications are still
        // being dispatched, so late ones can be lost on its side. A session-level handler sees everything the server
        // sent; the per-call IProgress is still passed so that the client puts a progress token on the request.
        using var cts = new CancellationTokenSource(InteropClientOptions.TestTimeout);
        var sent = new EventRecorder<ProgressNotificationParams>();
        await using var client = await ConnectAsync(WithNotificationRecorder(NotificationMethods.ProgressNotification, sent), cts.Token);

        var result = await client.CallToolAsync(ProgressTool, progress: new EventRecorder<ProgressNotificationValue>(), cancellationToken: cts.Token);

        Assert.NotEqual(true, result.IsError);
        var values = await sent.WaitForAsync(_ => true, 3, NotificationWait);
        Assert.True(values.Count >= 3, $"expected >= 3 progress notifications, got {values.Count}: {string.Join(", ", values.Select(v => v.Progress.Progress))}");
        Assert.Single(values.Select(v => v.ProgressToken.ToString()).Distinct());
        for (var i = 1; i < values.Count; i++)
        {
            Assert.True(values[i].Progress.Progress > values[i - 1].Progress.Progress,
                $"progress did not increase: {string.Join(", ", values.Select(v => v.Progress.Progress))}");
        }
    }

    [Fact]
    public async Task ReadResource_StaticText_ReturnsItsText()
    {
        using var cts = new CancellationTokenSource(InteropClientOptions.TestTimeout);
        await using var client = await ConnectAsync(cts.Token);

        var result = await client.ReadResourceAsync(StaticTextUri, cancellationToken: cts.Token);

        var text = Assert.IsType<TextResourceContents>(Assert.Single(result.Contents));
        Assert.Equal("This is the content of the static text resource.", text.Text);
        Assert.Equal("text/plain", text.MimeType);
        Assert.Equal(StaticTextUri, text.Uri);
    }

    [Fact]
    public async Task ReadResource_TemplateWithId_ReturnsJsonContainingTheId()
    {
        using var cts = new CancellationTokenSource(InteropClientOptions.TestTimeout);
        await using var client = await ConnectAsync(cts.Token);

        var result = await client.ReadResourceAsync("test://template/7/data", cancellationToken: cts.Token);

        var text = Assert.IsType<TextResourceContents>(Assert.Single(result.Contents));
        Assert.Contains("7", text.Text, StringComparison.Ordinal);
        Assert.Equal("application/json", text.MimeType);
        using var json = JsonDocument.Parse(text.Text);
    }

    [Fact]
    public async Task SubscribeResource_Watched_SubscribesAndUnsubscribes()
    {
        using var cts = new CancellationTokenSource(InteropClientOptions.TestTimeout);
        await using var client = await ConnectAsync(cts.Token);

        await client.SubscribeToResourceAsync(WatchedUri, cancellationToken: cts.Token);
        await client.UnsubscribeFromResourceAsync(WatchedUri, cancellationToken: cts.Token);

        await client.PingAsync(cancellationToken: cts.Token);
    }

    [Fact]
    public async Task ListPrompts_Connected_ListsTheFixturePrompts()
    {
        using var cts = new CancellationTokenSource(InteropClientOptions.TestTimeout);
        await using var client = await ConnectAsync(cts.Token);

        var prompts = await client.ListPromptsAsync(cancellationToken: cts.Token);

        var names = prompts.Select(p => p.Name).ToHashSet();
        Assert.Contains("test_simple_prompt", names);
        Assert.Contains(PromptWithArguments, names);
        var withArguments = prompts.Single(p => p.Name == PromptWithArguments).ProtocolPrompt;
        Assert.NotNull(withArguments.Arguments);
        Assert.All(withArguments.Arguments.Where(a => a.Name is "arg1" or "arg2"), a => Assert.True(a.Required));
    }

    [Fact]
    public async Task GetPrompt_WithBothArguments_EmbedsBothValues()
    {
        using var cts = new CancellationTokenSource(InteropClientOptions.TestTimeout);
        await using var client = await ConnectAsync(cts.Token);

        var result = await client.GetPromptAsync(
            PromptWithArguments,
            new Dictionary<string, object?> { ["arg1"] = "first-value", ["arg2"] = "second-value" },
            cancellationToken: cts.Token);

        var text = string.Concat(result.Messages.Select(m => m.Content).OfType<TextContentBlock>().Select(t => t.Text));
        Assert.Contains("first-value", text, StringComparison.Ordinal);
        Assert.Contains("second-value", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Complete_PromptArgumentPrefix_ReturnsMatchingValues()
    {
        using var cts = new CancellationTokenSource(InteropClientOptions.TestTimeout);
        await using var client = await ConnectAsync(cts.Token);

        var result = await client.CompleteAsync(new PromptReference { Name = PromptWithArguments }, "arg1", "al", cancellationToken: cts.Token);

        Assert.Equal(["alpha", "alpine"], result.Completion.Values.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task SetLoggingLevel_Warning_SuppressesInfoMessages()
    {
        using var cts = new CancellationTokenSource(InteropClientOptions.TestTimeout);
        var messages = new EventRecorder<LoggingMessageNotificationParams>();
        await using var client = await ConnectAsync(WithLogRecorder(messages), cts.Token);

        await client.SetLoggingLevelAsync(LoggingLevel.Warning, cancellationToken: cts.Token);
        var result = await client.CallToolAsync(LoggingTool, cancellationToken: cts.Token);

        Assert.NotEqual(true, result.IsError);
        // Notifications precede the result on the wire; give the client's dispatch a moment anyway.
        var info = await messages.WaitForAsync(m => m.Level < LoggingLevel.Warning, 1, TimeSpan.FromMilliseconds(500));
        Assert.Empty(info);
    }

    [Fact]
    public async Task SetLoggingLevel_Debug_DeliversTheInfoMessages()
    {
        using var cts = new CancellationTokenSource(InteropClientOptions.TestTimeout);
        var messages = new EventRecorder<LoggingMessageNotificationParams>();
        await using var client = await ConnectAsync(WithLogRecorder(messages), cts.Token);

        await client.SetLoggingLevelAsync(LoggingLevel.Debug, cancellationToken: cts.Token);
        var result = await client.CallToolAsync(LoggingTool, cancellationToken: cts.Token);

        Assert.NotEqual(true, result.IsError);
        var info = await messages.WaitForAsync(m => m.Level == LoggingLevel.Info, 3, NotificationWait);
        Assert.True(info.Count >= 3, $"expected >= 3 info messages, got {info.Count}");
        var texts = info.Select(m => m.Data.ValueKind == JsonValueKind.String ? m.Data.GetString() : m.Data.GetRawText()).ToList();
        Assert.Contains(texts, t => t is not null && t.Contains("Tool execution started", StringComparison.Ordinal));
        Assert.Contains(texts, t => t is not null && t.Contains("Tool execution completed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CallTool_Sampling_ReturnsTheClientsAnswer()
    {
        using var cts = new CancellationTokenSource(InteropClientOptions.TestTimeout);
        var prompts = new EventRecorder<string>();
        var options = InteropClientOptions.Create();
        options.Handlers.SamplingHandler = (request, progress, cancellationToken) =>
        {
            prompts.Report(string.Concat(request?.Messages.SelectMany(m => m.Content).OfType<TextContentBlock>().Select(t => t.Text) ?? []));
            return ValueTask.FromResult(new CreateMessageResult
            {
                Model = "interop-test-model",
                Role = Role.Assistant,
                Content = [new TextContentBlock { Text = "from-client" }],
            });
        };
        await using var client = await ConnectAsync(options, cts.Token);

        var result = await client.CallToolAsync("test_sampling", new Dictionary<string, object?> { ["prompt"] = "What is 2+2?" }, cancellationToken: cts.Token);

        var text = Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text;
        Assert.Contains("from-client", text, StringComparison.Ordinal);
        Assert.Equal("What is 2+2?", Assert.Single(prompts.Items));
    }

    [Fact]
    public async Task CallTool_ListRoots_ReturnsTheClientsRoots()
    {
        using var cts = new CancellationTokenSource(InteropClientOptions.TestTimeout);
        var options = InteropClientOptions.Create();
        options.Handlers.RootsHandler = (request, cancellationToken) => ValueTask.FromResult(new ListRootsResult
        {
            Roots = [new Root { Uri = "file:///srv/projects/alpha", Name = "alpha" }, new Root { Uri = "file:///srv/projects/beta" }],
        });
        await using var client = await ConnectAsync(options, cts.Token);

        var result = await client.CallToolAsync("list_roots", cancellationToken: cts.Token);

        Assert.NotEqual(true, result.IsError);
        Assert.Equal("alpha: file:///srv/projects/alpha\nfile:///srv/projects/beta", Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text);
    }

    [Fact]
    public async Task ToggleDynamicTool_ChangesTheList_AndTheClientIsNotified()
    {
        using var cts = new CancellationTokenSource(InteropClientOptions.TestTimeout);
        var changes = new EventRecorder<string>();
        var options = InteropClientOptions.Create();
        options.Handlers.NotificationHandlers =
        [
            new(NotificationMethods.ToolListChangedNotification, (notification, _) =>
            {
                changes.Report(notification.Method);
                return ValueTask.CompletedTask;
            }),
        ];
        await using var client = await ConnectAsync(options, cts.Token);
        bool presentBefore = (await client.ListToolsAsync(cancellationToken: cts.Token)).Any(t => t.Name == "dynamic_tool");

        await client.CallToolAsync("toggle_dynamic_tool", cancellationToken: cts.Token);
        bool presentAfterOne = (await client.ListToolsAsync(cancellationToken: cts.Token)).Any(t => t.Name == "dynamic_tool");
        await client.CallToolAsync("toggle_dynamic_tool", cancellationToken: cts.Token);
        bool presentAfterTwo = (await client.ListToolsAsync(cancellationToken: cts.Token)).Any(t => t.Name == "dynamic_tool");

        Assert.NotEqual(presentBefore, presentAfterOne);
        Assert.Equal(presentBefore, presentAfterTwo);
        var received = await changes.WaitForAsync(_ => true, 2, NotificationWait);
        Assert.True(received.Count >= 2, $"expected two notifications/tools/list_changed, got {received.Count}");
    }

    [Fact]
    public async Task CallTool_Elicitation_ReturnsTheAcceptedContent()
    {
        using var cts = new CancellationTokenSource(InteropClientOptions.TestTimeout);
        var requests = new EventRecorder<ElicitRequestParams>();
        var options = InteropClientOptions.Create();
        options.Handlers.ElicitationHandler = (request, cancellationToken) =>
        {
            requests.Report(request!);
            return ValueTask.FromResult(new ElicitResult
            {
                Action = "accept",
                Content = new Dictionary<string, JsonElement>
                {
                    ["username"] = JsonSerializer.SerializeToElement("alice"),
                    ["email"] = JsonSerializer.SerializeToElement("a@example.com"),
                },
            });
        };
        await using var client = await ConnectAsync(options, cts.Token);

        var result = await client.CallToolAsync("test_elicitation", new Dictionary<string, object?> { ["message"] = "Who are you?" }, cancellationToken: cts.Token);

        var text = Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text;
        Assert.Contains("alice", text, StringComparison.Ordinal);
        Assert.Contains("accept", text, StringComparison.Ordinal);
        var request = Assert.Single(requests.Items);
        Assert.Equal("Who are you?", request.Message);
        Assert.NotNull(request.RequestedSchema);
        Assert.Contains("username", request.RequestedSchema.Properties.Keys);
        Assert.Contains("email", request.RequestedSchema.Properties.Keys);
        Assert.Contains("username", request.RequestedSchema.Required ?? []);
        Assert.Contains("email", request.RequestedSchema.Required ?? []);
    }

    [Fact]
    public async Task CallTool_TokenCancelledMidCall_ThrowsPromptlyAndSessionSurvives()
    {
        using var cts = new CancellationTokenSource(InteropClientOptions.TestTimeout);
        await using var client = await ConnectAsync(cts.Token);
        using var callCts = CancellationTokenSource.CreateLinkedTokenSource(cts.Token);
        callCts.CancelAfter(TimeSpan.FromMilliseconds(300));
        var stopwatch = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            await client.CallToolAsync(SleepTool, new Dictionary<string, object?> { ["ms"] = 30_000 }, cancellationToken: callCts.Token));

        stopwatch.Stop();
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"cancellation took {stopwatch.Elapsed}");
        Assert.False(cts.IsCancellationRequested, "the test timeout fired, not the call's token");
        await client.PingAsync(cancellationToken: cts.Token);
    }

    /// <summary>Transport-specific checks after <see cref="Connect_SdkDefaultVersion_ConnectsWithoutWaitingOutTheDiscoverProbe"/>.</summary>
    protected virtual Task AfterDefaultVersionConnectAsync(McpClient client, CancellationToken cancellationToken) => Task.CompletedTask;

    private static McpClientOptions WithLogRecorder(EventRecorder<LoggingMessageNotificationParams> messages) =>
        WithNotificationRecorder(NotificationMethods.LoggingMessageNotification, messages);

    private static McpClientOptions WithNotificationRecorder<T>(string method, EventRecorder<T> recorder)
        where T : class
    {
        var options = InteropClientOptions.Create();
        options.Handlers.NotificationHandlers =
        [
            new(method, (notification, _) =>
            {
                var value = notification.Params.Deserialize<T>(McpJsonUtilities.DefaultOptions);
                if (value is not null)
                {
                    recorder.Report(value);
                }

                return ValueTask.CompletedTask;
            }),
        ];
        return options;
    }
}
