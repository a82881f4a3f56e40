using System.ComponentModel;
using System.Text.Json;
using Mooring.Protocol;
using Mooring.Server;

namespace Mooring.Host.Fixtures;

/// <summary>The tools the MCP conformance suite calls, with the names, texts and behaviours it expects.</summary>
internal static class ConformanceTools
{
    [McpTool("test_simple_text")]
    [Description("Returns a simple text response.")]
    public static string SimpleText() => "This is a simple text response for testing.";

    [McpTool("test_image_content")]
    [Description("Returns an image.")]
    public static ContentBlock ImageContent() => new ImageContent { Data = FixtureMedia.PngBase64, MimeType = "image/png" };

    [McpTool("test_audio_content")]
    [Description("Returns an audio clip.")]
    public static ContentBlock AudioContent() => new AudioContent { Data = FixtureMedia.WavBase64, MimeType = "audio/wav" };

    [McpTool("test_embedded_resource")]
    [Description("Returns an embedded resource.")]
    public static ContentBlock EmbeddedResource() => new EmbeddedResource
    {
        Resource = new TextResourceContents { Uri = "test://embedded-resource", MimeType = "text/plain", Text = "This is an embedded resource content." },
    };

    [McpTool("test_multiple_content_types")]
    [Description("Returns text, an image and an embedded resource.")]
    public static IEnumerable<ContentBlock> MultipleContentTypes() =>
    [
        new TextContent { Text = "Multiple content types test:" },
        new ImageContent { Data = FixtureMedia.PngBase64, MimeType = "image/png" },
        new EmbeddedResource { Resource = new TextResourceContents { Uri = "test://mixed-content-resource", MimeType = "application/json", Text = "{\"test\":\"data\",\"value\":123}" } },
    ];

    [McpTool("test_tool_with_logging")]
    [Description("Sends three log messages while it runs.")]
    public static async Task<string> ToolWithLogging(McpClientLogger log, CancellationToken cancellationToken)
    {
        await log.InfoAsync("Tool execution started").ConfigureAwait(false);
        await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        await log.InfoAsync("Tool processing data").ConfigureAwait(false);
        await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        await log.InfoAsync("Tool execution completed").ConfigureAwait(false);
        return "Logging test completed.";
    }

    [McpTool("test_error_handling")]
    [Description("Always fails, as a tool error result.")]
    public static CallToolResult ErrorHandling() => new()
    {
        IsError = true,
        Content = [new TextContent { Text = "This tool intentionally returns an error for testing" }],
    };

    [McpTool("test_tool_with_progress")]
    [Description("Reports progress 0, 50 and 100 of 100.")]
    public static async Task<string> ToolWithProgress(McpRequestContext context, CancellationToken cancellationToken)
    {
        await context.ReportProgressAsync(0, 100).ConfigureAwait(false);
        await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        await context.ReportProgressAsync(50, 100).ConfigureAwait(false);
        await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        await context.ReportProgressAsync(100, 100).ConfigureAwait(false);
        return "Progress test completed.";
    }

    [McpTool("test_sampling")]
    [Description("Asks the client's LLM to answer a prompt.")]
    public static async Task<string> Sampling([Description("The prompt to send.")] string prompt, McpRequestContext context)
    {
        CreateMessageResult result = await context.SampleAsync(new CreateMessageRequestParams
        {
            Messages = [new SamplingMessage { Role = Role.User, Content = [new TextContent { Text = prompt }] }],
            MaxTokens = 100,
        }, context.CancellationToken).ConfigureAwait(false);
        string text = result.Content.OfType<TextContent>().FirstOrDefault()?.Text ?? string.Empty;
        return $"LLM response: {text}";
    }

    [McpTool("test_elicitation")]
    [Description("Asks the user for a username and an email.")]
    public static async Task<string> Elicitation([Description("The message to show the user.")] string message, McpRequestContext context)
    {
        var schema = new ElicitationRequestedSchema
        {
            Properties =
            {
                ["username"] = new StringSchema { Description = "Your username" },
                ["email"] = new StringSchema { Description = "Your email address", Format = "email" },
            },
            Required = ["username", "email"],
        };
        ElicitResult result = await context.ElicitAsync(ElicitRequestParams.Form(message, schema), context.CancellationToken).ConfigureAwait(false);
        return $"User response: action={result.Action}, content={JsonSerializer.Serialize(result.Content ?? [], McpJsonContext.Default.DictionaryStringJsonElement)}";
    }

    [McpTool("test_reconnection")]
    [Description("Closes its SSE stream mid-call; the client resumes with Last-Event-ID to get the result.")]
    public static async Task<string> Reconnection(McpRequestContext context)
    {
        bool closed = await context.CloseStreamForReconnectAsync(TimeSpan.FromMilliseconds(500)).ConfigureAwait(false);
        await Task.Delay(closed ? 300 : 0, context.CancellationToken).ConfigureAwait(false);
        return closed ? "Reconnection test completed: the result arrived after the stream was resumed." : "Reconnection test completed (this transport cannot close the stream).";
    }
}
