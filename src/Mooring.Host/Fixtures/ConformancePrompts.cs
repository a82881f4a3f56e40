using System.ComponentModel;
using Mooring.Protocol;
using Mooring.Server;

namespace Mooring.Host.Fixtures;

/// <summary>The prompts the MCP conformance suite gets.</summary>
internal static class ConformancePrompts
{
    [McpPrompt("test_simple_prompt")]
    [Description("A simple prompt without arguments.")]
    public static string SimplePrompt() => "This is a simple prompt for testing.";

    [McpPrompt("test_prompt_with_arguments")]
    [Description("A prompt with two required arguments.")]
    public static string PromptWithArguments(
        [Description("First test argument")][McpCompletions("alpha", "alpine", "beta", "gamma")] string arg1,
        [Description("Second test argument")] string arg2) => $"Prompt with arguments: arg1='{arg1}', arg2='{arg2}'";

    [McpPrompt("test_prompt_with_embedded_resource")]
    [Description("A prompt that embeds a resource.")]
    public static IEnumerable<PromptMessage> PromptWithEmbeddedResource([Description("URI of the resource to embed")] string resourceUri) =>
    [
        new PromptMessage
        {
            Role = Role.User,
            Content = new EmbeddedResource { Resource = new TextResourceContents { Uri = resourceUri, MimeType = "text/plain", Text = "Embedded resource content for testing." } },
        },
        new PromptMessage { Role = Role.User, Content = new TextContent { Text = "Please process the embedded resource above." } },
    ];

    [McpPrompt("test_prompt_with_image")]
    [Description("A prompt that includes an image.")]
    public static IEnumerable<PromptMessage> PromptWithImage() =>
    [
        new PromptMessage { Role = Role.User, Content = new ImageContent { Data = FixtureMedia.PngBase64, MimeType = "image/png" } },
        new PromptMessage { Role = Role.User, Content = new TextContent { Text = "Please analyze the image above." } },
    ];
}
