using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Time.Testing;

namespace Mooring.Server.Tests.Input;

/// <summary>
/// The sealed <c>requestState</c> of multi round-trip requests: it carries the answers, opens only for the request it
/// was bound to (principal, method, target, arguments in any key order), never after its lifetime, and never once a
/// single character was changed. The expiry is stored in Unix milliseconds, so its boundary is a millisecond.
/// </summary>
public sealed class McpRequestStateProtectorTests
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    private static readonly DateTimeOffset Start = new(2026, 7, 28, 12, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Start);
    private readonly McpRequestStateProtector _protector;

    public McpRequestStateProtectorTests() => _protector = new McpRequestStateProtector(new EphemeralDataProtectionProvider(), _time, Lifetime);

    [Fact]
    public void TryOpen_SameRequest_ReturnsTheSealedAnswers()
    {
        byte[] binding = Bind("""{"city":"Paris"}""");
        string state = _protector.Protect(binding, Answers("""{"user_name":{"action":"accept","content":{"name":"Ada"}}}"""));

        Assert.True(_protector.TryOpen(state, binding, out Dictionary<string, JsonElement> answers, out string? error), error);

        Assert.Null(error);
        Assert.Equal("Ada", answers["user_name"].GetProperty("content").GetProperty("name").GetString());
    }

    [Fact]
    public void TryOpen_ArgumentsInAnotherKeyOrder_StillMatches()
    {
        string state = _protector.Protect(Bind("""{"a":1,"b":{"y":[1,2],"x":"s"}}"""), Answers("{}"));

        Assert.True(_protector.TryOpen(state, Bind("""{"b":{"x":"s","y":[1,2]},"a":1}"""), out _, out string? error), error);
    }

    public static TheoryData<string, string, string, string?> OtherRequests => new()
    {
        { "another principal", "mallory", "ask", """{"city":"Paris"}""" },
        { "another target", "alice", "ask_more", """{"city":"Paris"}""" },
        { "other arguments", "alice", "ask", """{"city":"Rome"}""" },
        { "no arguments", "alice", "ask", null },
        { "an array order changed", "alice", "ask", """{"city":"Paris","tags":["b","a"]}""" },
    };

    [Theory]
    [MemberData(nameof(OtherRequests))]
    public void TryOpen_BoundToAnotherRequest_IsRefused(string what, string principal, string target, string? arguments)
    {
        string state = _protector.Protect(
            McpRequestStateProtector.Bind("alice", "tools/call", "ask", Element(what == "an array order changed" ? """{"city":"Paris","tags":["a","b"]}""" : """{"city":"Paris"}""")),
            Answers("{}"));

        bool opened = _protector.TryOpen(state, McpRequestStateProtector.Bind(principal, "tools/call", target, arguments is null ? null : Element(arguments)), out _, out string? error);

        Assert.False(opened, what);
        Assert.Contains("another request", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryOpen_AnotherMethodWithTheSameTarget_IsRefused()
    {
        string state = _protector.Protect(McpRequestStateProtector.Bind(string.Empty, "tools/call", "x", null), Answers("{}"));

        Assert.False(_protector.TryOpen(state, McpRequestStateProtector.Bind(string.Empty, "prompts/get", "x", null), out _, out _));
    }

    [Fact]
    public void TryOpen_AtTheEndOfTheLifetime_Opens_OneMillisecondLater_IsExpired()
    {
        byte[] binding = Bind("{}");
        string state = _protector.Protect(binding, Answers("{}"));

        _time.Advance(Lifetime);
        Assert.True(_protector.TryOpen(state, binding, out _, out string? error), error);

        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.False(_protector.TryOpen(state, binding, out _, out error));
        Assert.Contains("expired", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryOpen_AnyCharacterChanged_IsRefused()
    {
        byte[] binding = Bind("""{"city":"Paris"}""");
        string state = _protector.Protect(binding, Answers("""{"k":{"action":"accept"}}"""));
        List<int> accepted = [];

        // Every position but the last: the last character of unpadded Base64url may only carry unused bits, and
        // changing those leaves the sealed bytes (and so the state) as they were.
        for (int i = 0; i < state.Length - 1; i++)
        {
            char[] chars = state.ToCharArray();
            chars[i] = chars[i] == 'A' ? 'B' : 'A';
            if (_protector.TryOpen(new string(chars), binding, out _, out _))
            {
                accepted.Add(i);
            }
        }

        Assert.True(accepted.Count == 0, $"altered state opened at positions {string.Join(", ", accepted)} of {state.Length}");
    }

    [Theory]
    [InlineData("")]
    [InlineData("not base64!")]
    [InlineData("AAAA")]
    public void TryOpen_Garbage_IsRefusedWithoutThrowing(string state)
    {
        Assert.False(_protector.TryOpen(state, Bind("{}"), out Dictionary<string, JsonElement> answers, out string? error));

        Assert.Empty(answers);
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void TryOpen_StateOfAnotherKeyRing_IsRefused()
    {
        var other = new McpRequestStateProtector(new EphemeralDataProtectionProvider(), _time, Lifetime);
        byte[] binding = Bind("{}");

        Assert.False(_protector.TryOpen(other.Protect(binding, Answers("{}")), binding, out _, out _));
    }

    private static byte[] Bind(string arguments) => McpRequestStateProtector.Bind("alice", "tools/call", "ask", Element(arguments));

    private static JsonElement Element(string json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private static Dictionary<string, JsonElement> Answers(string json) =>
        Element(json).EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal);
}
