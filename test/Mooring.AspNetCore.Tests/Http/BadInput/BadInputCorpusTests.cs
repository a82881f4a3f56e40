using System.Text.Json;
using Mooring.Server;

namespace Mooring.AspNetCore.Tests.Http.BadInput;

/// <summary>
/// Hundreds of malformed and hostile requests against one real server. For each: the exact HTTP status, a
/// well-formed JSON-RPC error with the expected code and id (or the documented empty answer), no exception text in
/// the answer, no error logged, no session leaked, and afterwards the session still answers ping.
/// </summary>
public sealed class BadInputCorpusTests : IClassFixture<BadInputServerFixture>
{
    private const string Ping = """{"jsonrpc":"2.0","id":"alive","method":"ping"}""";
    private readonly BadInputServerFixture _fixture;

    public BadInputCorpusTests(BadInputServerFixture fixture) => _fixture = fixture;

    public static TheoryData<string> CaseNames => new(BadInputCorpus.All.Keys);

    [Fact]
    public void Corpus_Enumerated_HasAtLeast200DistinctRequests()
    {
        Assert.True(BadInputCorpus.All.Count >= 200, $"The corpus has only {BadInputCorpus.All.Count} cases.");
        string[] duplicates = [.. BadInputCorpus.All.Values
            .GroupBy(c => Convert.ToBase64String(BuildRequest(c, "session-id", "legacy-id").ToBytes("127.0.0.1:1")))
            .Where(g => g.Count() > 1)
            .Select(g => string.Join(" = ", g.Select(c => c.Name)))];
        Assert.True(duplicates.Length == 0, "Cases that send the same bytes: " + string.Join("; ", duplicates));
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task BadInput_SentToRealServer_GetsExactAnswerAndServerKeepsServing(string name)
    {
        BadInputCase c = BadInputCorpus.All[name];
        KestrelTestServer server = _fixture.Server;
        int sessionsBefore = server.McpServer.SessionCount;
        int errorsBefore = server.Logs.UnexpectedErrors.Count;

        RawHttpResponse response = await RawHttpClient.ExchangeAsync(server.BaseAddress, BuildRequest(c, _fixture.CurrentSession, _fixture.LegacySession));

        Assert.True(c.Status == response.StatusCode, $"{name}: expected HTTP {c.Status}, got {response.StatusCode}: {response.BodyText}");
        JsonRpcAssert.NoInternals(response.BodyText);
        switch (c.Outcome)
        {
            case BadInputOutcome.Error:
                JsonRpcAssert.Error(response, c.Status, c.Code, c.Id);
                Assert.Null(response.Header("MCP-Session-Id"));
                break;
            case BadInputOutcome.Accepted:
                JsonRpcAssert.Accepted(response);
                break;
            case BadInputOutcome.ToolError:
                JsonRpcAssert.ToolError(response, c.Id);
                break;
            case BadInputOutcome.HttpRejected:
                Assert.NotEqual("application/json", JsonRpcAssert.MediaType(response.ContentType));
                break;
        }

        Assert.Equal(sessionsBefore, server.McpServer.SessionCount);
        IReadOnlyList<CapturedLog> errors = server.Logs.UnexpectedErrors;
        Assert.True(errors.Count == errorsBefore, $"{name} made the server log an error: {string.Join(" | ", errors.Skip(errorsBefore).Select(e => $"{e.Message} {e.Exception?.GetType().Name}"))}");
        string session = c.Session == BadInputSession.Legacy ? _fixture.LegacySession : _fixture.CurrentSession;
        RawHttpResponse pong = await RawHttpClient.ExchangeAsync(server.BaseAddress, RawHttpRequest.Post(Ping, session));
        JsonElement result = JsonRpcAssert.Result(pong, "\"alive\"");
        Assert.Equal(JsonValueKind.Object, result.ValueKind);
    }

    private static RawHttpRequest BuildRequest(BadInputCase c, string currentSession, string legacySession)
    {
        (string? session, string? version) = c.Session switch
        {
            BadInputSession.Current => (currentSession, "2025-11-25"),
            BadInputSession.Legacy => ((string?)legacySession, (string?)"2025-03-26"),
            _ => (null, null),
        };
        RawHttpRequest request = c.Method switch
        {
            "POST" => RawHttpRequest.Post(c.Body, session, version),
            "GET" => RawHttpRequest.Get(session, protocolVersion: version),
            _ => RawHttpRequest.Create(c.Method).WithSession(session, version),
        };
        c.Customize?.Invoke(request, session);
        return request;
    }
}
