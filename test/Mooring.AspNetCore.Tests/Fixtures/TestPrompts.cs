using System.ComponentModel;
using Mooring.Server;

namespace Mooring.AspNetCore.Tests;

/// <summary>A prompt with a completable argument, for prompts/get and completion/complete.</summary>
internal static class TestPrompts
{
    [McpPrompt("greet")]
    [Description("Greets someone.")]
    public static string Greet([Description("Who to greet.")][McpCompletions("alice", "bob")] string name) => $"Hello {name}";
}
