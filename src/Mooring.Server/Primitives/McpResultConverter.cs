using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Mooring.Protocol;

namespace Mooring.Server;

/// <summary>Turns what a tool, prompt or resource method returned into the protocol result.</summary>
internal static class McpResultConverter
{
    /// <summary>True when values of <paramref name="type"/> are data to serialize, not content.</summary>
    public static bool IsStructuredCandidate(Type? type) =>
        type is not null
        && type != typeof(string)
        && type != typeof(CallToolResult)
        && !typeof(ContentBlock).IsAssignableFrom(type)
        && !typeof(IEnumerable<ContentBlock>).IsAssignableFrom(type)
        && type != typeof(object);

    public static CallToolResult ErrorResult(string message) => new() { Content = [new TextContent { Text = message }], IsError = true };

    public static CallToolResult ToCallToolResult(object? value, Type? declaredType, bool structured, JsonSerializerOptions options)
    {
        switch (value)
        {
            case null:
                return new CallToolResult();
            case CallToolResult result:
                return result;
            case string text:
                return new CallToolResult { Content = [new TextContent { Text = text }] };
            case ContentBlock block:
                return new CallToolResult { Content = [block] };
            case IEnumerable<ContentBlock> blocks:
                return new CallToolResult { Content = [.. blocks] };
        }

        JsonElement element = JsonSerializer.SerializeToElement(value, options.GetTypeInfo(declaredType ?? value.GetType()));

        // Structured output also goes out as serialized text, for clients that only read content (spec SHOULD).
        var content = new TextContent { Text = element.GetRawText() };
        return structured
            ? new CallToolResult { Content = [content], StructuredContent = element }
            : new CallToolResult { Content = [content] };
    }
}
