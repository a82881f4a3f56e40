using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Mooring.Interop.Tests;

/// <summary>
/// The whole tour, driven by the official C# SDK client (ModelContextProtocol 2.4), once with its default options (it
/// probes <c>server/discover</c> for 2026-07-28 and, finding it served, stays in that stateless era) and once pinned
/// to 2025-11-25 (initialize and a session): every list, tools with and without progress, an elicitation answered by
/// the client's handler (through MRTR on modern, a server-to-client request on legacy) from the same host tool, a tool
/// argument mirrored in a header, a prompt, resources, completion, and a resource subscription that receives
/// <c>notifications/resources/updated</c> from the host's ticker. Subclasses connect and add transport checks.
/// </summary>
public abstract class InteropTourSuite
{
    protected const string ModernVersion = "2026-07-28";
    protected const string ElicitationTool = "test_input_required_result_elicitation";
    protected const string HeaderTool = "test_header_param";
    protected const string WatchedUri = "test://watched-resource";
    private const string ProgressTool = "test_tool_with_progress";

    /// <summary>The host's WatchedResourceTicker reports an update every 3 s (FixtureOptions.WatchedResourceInterval).</summary>
    protected static readonly TimeSpan UpdateWait = TimeSpan.FromSeconds(10);

    protected static readonly TimeSpan NotificationWait = TimeSpan.FromSeconds(5);

    /// <summary>Connects a new client with <paramref name="options"/> over the transport under test.</summary>
    protected abstract Task<McpClient> ConnectAsync(McpClientOptions options, CancellationToken cancellationToken);

    [Fact]
    public async Task Tour_SdkDefaultVersion_StaysModernWithoutASession()
    {
        using var cts = new CancellationTokenSource(InteropClientOptions.TestTimeout);
        var tour = new Tour();
        await using McpClient client = await ConnectAsync(tour.CreateOptions(protocolVersion: null), cts.Token);

        Assert.Equal(ModernVersion, client.NegotiatedProtocolVersion);
        Assert.Null(client.SessionId);
        Assert.NotNull(client.ServerCapabilities.Tools);
        Assert.NotNull(client.ServerCapabilities.Prompts);
        Assert.NotNull(client.ServerCapabilities.Resources);
        Assert.False(string.IsNullOrEmpty(client.ServerInfo?.Name), "serverInfo comes from the discover result's _meta");

        await tour.RunAsync(client, cts.Token);
        await AfterModernTourAsync(client, cts.Token);
    }

    [Fact]
    public async Task Tour_PinnedLegacyVersion_UsesASession()
    {
        using var cts = new CancellationTokenSource(InteropClientOptions.TestTimeout);
        var tour = new Tour();
        await using McpClient client = await ConnectAsync(tour.CreateOptions(InteropClientOptions.LegacyProtocolVersion), cts.Token);

        Assert.Equal(InteropClientOptions.LegacyProtocolVersion, client.NegotiatedProtocolVersion);

        await tour.RunAsync(client, cts.Token);

        var updates = new EventRecorder<string>();
        await using (await client.SubscribeToResourceAsync(WatchedUri, (n, _) =>
        {
            updates.Report(n.Uri);
            return ValueTask.CompletedTask;
        }, cancellationToken: cts.Token))
        {
            Assert.NotEmpty(await updates.WaitForAsync(u => u == WatchedUri, 1, UpdateWait));
        }

        await AfterLegacyTourAsync(client, cts.Token);
    }

    /// <summary>Transport-specific steps after the modern tour (HTTP: subscriptions/listen and the wire).</summary>
    protected virtual Task AfterModernTourAsync(McpClient client, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Transport-specific checks after the legacy tour.</summary>
    protected virtual Task AfterLegacyTourAsync(McpClient client, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The part of the tour both eras share, and what the client's handlers saw.</summary>
    private sealed class Tour
    {
        private readonly EventRecorder<ElicitRequestParams> _elicitations = new();
        private readonly EventRecorder<ProgressNotificationParams> _progress = new();

        public McpClientOptions CreateOptions(string? protocolVersion)
        {
            McpClientOptions options = InteropClientOptions.Create(protocolVersion);
            options.Handlers.ElicitationHandler = (request, _) =>
            {
                _elicitations.Report(request!);
                return ValueTask.FromResult(new ElicitResult
                {
                    Action = "accept",
                    Content = new Dictionary<string, JsonElement> { ["name"] = JsonSerializer.SerializeToElement("Ada") },
                });
            };

            // A session-level handler sees every progress notification; the per-call one may miss late ones.
            options.Handlers.NotificationHandlers =
            [
                new(NotificationMethods.ProgressNotification, (notification, _) =>
                {
                    if (notification.Params.Deserialize<ProgressNotificationParams>(McpJsonUtilities.DefaultOptions) is { } value)
                    {
                        _progress.Report(value);
                    }

                    return ValueTask.CompletedTask;
                }),
            ];
            return options;
        }

        public async Task RunAsync(McpClient client, CancellationToken cancellationToken)
        {
            var tools = await client.ListToolsAsync(cancellationToken: cancellationToken);
            Assert.Contains(tools, t => t.Name == "echo");
            Assert.Contains(tools, t => t.Name == ProgressTool);
            Assert.Contains(tools, t => t.Name == ElicitationTool);
            var prompts = await client.ListPromptsAsync(cancellationToken: cancellationToken);
            Assert.Contains(prompts, p => p.Name == "test_prompt_with_arguments");
            var resources = await client.ListResourcesAsync(cancellationToken: cancellationToken);
            Assert.Contains(resources, r => r.Uri == "test://static-text");
            Assert.Contains(resources, r => r.Uri == WatchedUri);
            var templates = await client.ListResourceTemplatesAsync(cancellationToken: cancellationToken);
            Assert.Contains(templates, t => t.UriTemplate == "test://template/{id}/data");

            var echo = await client.CallToolAsync("echo", new Dictionary<string, object?> { ["text"] = "around the world" }, cancellationToken: cancellationToken);
            Assert.Equal("around the world", Text(echo));

            var progressed = await client.CallToolAsync(ProgressTool, progress: new EventRecorder<ProgressNotificationValue>(), cancellationToken: cancellationToken);
            Assert.NotEqual(true, progressed.IsError);
            var values = await _progress.WaitForAsync(_ => true, 3, NotificationWait);
            Assert.True(values.Count >= 3, $"expected >= 3 progress notifications, got {values.Count}");

            // The same host tool in both eras; the client's one handler answers either way.
            var elicited = await client.CallToolAsync(ElicitationTool, cancellationToken: cancellationToken);
            Assert.Equal("Hello, Ada!", Text(elicited));
            ElicitRequestParams asked = Assert.Single(_elicitations.Items);
            Assert.Equal("What is your name?", asked.Message);
            Assert.Contains("name", asked.RequestedSchema?.Properties.Keys ?? []);

            var header = await client.CallToolAsync(HeaderTool, new Dictionary<string, object?> { ["region"] = "eu-north1" }, cancellationToken: cancellationToken);
            Assert.Equal("Region: eu-north1", Text(header));

            var prompt = await client.GetPromptAsync("test_prompt_with_arguments", new Dictionary<string, object?> { ["arg1"] = "one", ["arg2"] = "two" }, cancellationToken: cancellationToken);
            string promptText = string.Concat(prompt.Messages.Select(m => m.Content).OfType<TextContentBlock>().Select(t => t.Text));
            Assert.Contains("arg1='one'", promptText, StringComparison.Ordinal);

            var read = await client.ReadResourceAsync("test://static-text", cancellationToken: cancellationToken);
            Assert.Equal("This is the content of the static text resource.", Assert.IsType<TextResourceContents>(Assert.Single(read.Contents)).Text);
            var templated = await client.ReadResourceAsync("test://template/42/data", cancellationToken: cancellationToken);
            Assert.Contains("42", Assert.IsType<TextResourceContents>(Assert.Single(templated.Contents)).Text, StringComparison.Ordinal);

            var completion = await client.CompleteAsync(new PromptReference { Name = "test_prompt_with_arguments" }, "arg1", "al", cancellationToken: cancellationToken);
            Assert.Equal(["alpha", "alpine"], completion.Completion.Values.Order(StringComparer.Ordinal));
        }

        private static string Text(CallToolResult result)
        {
            Assert.NotEqual(true, result.IsError);
            return Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text;
        }
    }
}
