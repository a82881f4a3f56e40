using System.ComponentModel;
using Mooring.Server;

namespace Mooring.AspNetCore.Tests;

/// <summary>A fixed resource and a template, for resources/read, subscriptions and completion.</summary>
internal static class TestResources
{
    public const string HelloUri = "test://static/hello";

    [McpResource(HelloUri, Name = "hello", MimeType = "text/plain")]
    [Description("A fixed text.")]
    public static string Hello() => "hello";

    [McpResource("test://items/{id}", Name = "item", MimeType = "text/plain")]
    [Description("An item by id.")]
    public static string Item([McpCompletions("one", "two")] string id) => $"item {id}";
}
