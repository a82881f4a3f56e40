using System.Text;
using Mooring.Server;

namespace Mooring.AspNetCore.Tests.Http.BadInput;

/// <summary>
/// One malformed or hostile request of the corpus and the exact answer it must get. Requests default to a correct
/// POST (Accept, Content-Type, session and version headers) carrying <see cref="Body"/>, so each case changes one
/// thing; <see cref="Customize"/> changes headers, method or framing.
/// </summary>
internal sealed record BadInputCase(string Name, BadInputOutcome Outcome)
{
    public byte[] Body { get; init; } = [];

    public string Method { get; init; } = "POST";

    public BadInputSession Session { get; init; } = BadInputSession.Current;

    /// <summary>Adjusts the request; gets the case's session id (null for <see cref="BadInputSession.None"/>).</summary>
    public Action<RawHttpRequest, string?>? Customize { get; init; }

    public int Status { get; init; }

    public int Code { get; init; }

    /// <summary>The expected <c>id</c> of the error, as raw JSON.</summary>
    public string Id { get; init; } = "null";

    /// <summary>A rejection from the one table, addressed to <paramref name="id"/>.</summary>
    public static BadInputCase Reject(string name, string json, McpRejection rejection, string id = "null", BadInputSession session = BadInputSession.Current) =>
        Reject(name, Encoding.UTF8.GetBytes(json), rejection, id, session);

    /// <summary>A rejection of raw bytes.</summary>
    public static BadInputCase Reject(string name, byte[] body, McpRejection rejection, string id = "null", BadInputSession session = BadInputSession.Current)
    {
        McpRejectionInfo info = McpRejections.Describe(rejection);
        return new BadInputCase(name, BadInputOutcome.Error) { Body = body, Status = info.HttpStatus, Code = info.Code, Id = id, Session = session };
    }

    /// <summary>A method-level error (HTTP 200) with an explicit code, such as resource-not-found.</summary>
    public static BadInputCase Error(string name, string json, int code, string id) =>
        new(name, BadInputOutcome.Error) { Body = Encoding.UTF8.GetBytes(json), Status = 200, Code = code, Id = id };

    /// <summary>A <c>tools/call</c> whose arguments are wrong: a tool error result, not a protocol error.</summary>
    public static BadInputCase ToolError(string name, string json, string id) =>
        new(name, BadInputOutcome.ToolError) { Body = Encoding.UTF8.GetBytes(json), Status = 200, Id = id };

    /// <summary>A message that needs no answer: 202.</summary>
    public static BadInputCase Accepted(string name, string json, BadInputSession session = BadInputSession.Current) =>
        new(name, BadInputOutcome.Accepted) { Body = Encoding.UTF8.GetBytes(json), Status = 202, Session = session };

    /// <summary>A correct ping with one header (or the framing) made wrong.</summary>
    public static BadInputCase Header(string name, Action<RawHttpRequest, string?> customize, McpRejection rejection, string method = "POST", string id = "null") =>
        Reject(name, """{"jsonrpc":"2.0","id":1,"method":"ping"}""", rejection, id) with { Customize = customize, Method = method };

    /// <summary>A request that is malformed HTTP, which Kestrel answers with 400 itself.</summary>
    public static BadInputCase MalformedHttp(string name, Action<RawHttpRequest, string?> customize) =>
        new(name, BadInputOutcome.HttpRejected) { Body = """{"jsonrpc":"2.0","id":1,"method":"ping"}"""u8.ToArray(), Status = 400, Customize = customize };

    public override string ToString() => Name;
}
