using System.ComponentModel;
using System.Text.Json.Nodes;
using Mooring.Protocol;
using Mooring.Server.Tests.Infrastructure;

namespace Mooring.Server.Tests.Dispatch;

/// <summary>URL-mode elicitation: the -32042 error (a protocol error even from a tool) and the completion notification.</summary>
public sealed class UrlElicitationTests
{
    [Fact]
    public async Task ToolThrowingUrlElicitationRequired_AnswersMinus32042WithTheElicitations()
    {
        await using TestServer server = TestServer.Create(typeof(UrlElicitationTools));
        TestSession session = await server.InitializedSessionAsync("""{"elicitation":{"url":{}}}""");

        JsonNode response = await session.RequestAsync("tools/call", """{"name":"needs_authorization"}""");

        JsonNode error = response["error"]!;
        Assert.Equal(JsonRpcErrorCodes.UrlElicitationRequired, (int)error["code"]!);
        Assert.Equal("Authorization with the provider is required.", (string?)error["message"]);
        JsonNode elicitation = error["data"]!["elicitations"]![0]!;
        Assert.Equal("url", (string?)elicitation["mode"]);
        Assert.Equal("https://auth.example.com/start?state=abc", (string?)elicitation["url"]);
        Assert.Equal("elicit-1", (string?)elicitation["elicitationId"]);
        Assert.Null(response["result"]);
    }

    [Fact]
    public void UrlElicitationRequired_WithAFormModeEntry_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => new McpUrlElicitationRequiredException("m", [new ElicitRequestParams { Message = "form" }]));
    }

    [Fact]
    public async Task NotifyElicitationComplete_GoesOnlyToThatSession()
    {
        await using TestServer server = TestServer.Create(typeof(UrlElicitationTools));
        TestSession initiator = await server.InitializedSessionAsync();
        TestSession other = await server.InitializedSessionAsync();

        Assert.True(initiator.Session.NotifyElicitationComplete("elicit-1"));

        JsonNode notification = Assert.Single(initiator.SessionSink.Notifications("notifications/elicitation/complete"));
        Assert.Equal("elicit-1", (string?)notification["params"]!["elicitationId"]);
        Assert.Empty(other.SessionSink.Messages);
    }

    [Fact]
    public async Task NotifyElicitationComplete_WithoutAnOpenStream_ReportsItWasNotSent()
    {
        await using TestServer server = TestServer.Create(typeof(UrlElicitationTools));
        TestSession session = await server.InitializedSessionAsync();
        session.Session.SessionSink = null;

        Assert.False(session.Session.NotifyElicitationComplete("elicit-2"));
    }

    internal static class UrlElicitationTools
    {
        [McpTool("needs_authorization")]
        [Description("Needs the user to authorize with a third party first.")]
        public static string NeedsAuthorization() => throw new McpUrlElicitationRequiredException(
            "Authorization with the provider is required.",
            [ElicitRequestParams.ForUrl("Sign in to the provider", "https://auth.example.com/start?state=abc", "elicit-1")]);
    }
}
