using System.ComponentModel;
using System.Text.Json.Nodes;
using Mooring.Server;

namespace Mooring.Host.Fixtures;

/// <summary>The resources the MCP conformance suite reads and watches.</summary>
internal static class ConformanceResources
{
    public const string WatchedUri = "test://watched-resource";

    [McpResource("test://static-text", Name = "static_text", MimeType = "text/plain", CacheSeconds = 300, CachePublic = true)]
    [Description("A static text resource.")]
    public static string StaticText() => "This is the content of the static text resource.";

    [McpResource("test://static-binary", Name = "static_binary", MimeType = "image/png")]
    [Description("A static binary resource (a PNG image).")]
    public static byte[] StaticBinary() => Convert.FromBase64String(FixtureMedia.PngBase64);

    [McpResource("test://template/{id}/data", Name = "template_data", MimeType = "application/json")]
    [Description("A resource template: data for any id.")]
    public static string TemplateData([Description("The id")] string id) =>
        new JsonObject { ["id"] = id, ["templateTest"] = true, ["data"] = $"Data for ID: {id}" }.ToJsonString();

    [McpResource(WatchedUri, Name = "watched_resource", MimeType = "text/plain")]
    [Description("A resource that reports updates to subscribers every few seconds.")]
    public static string Watched() => $"Watched resource content at {DateTimeOffset.UtcNow:O}";
}
