using Mooring.Server;
using static Mooring.AspNetCore.Tests.Http.BadInput.BadInputCase;

namespace Mooring.AspNetCore.Tests.Http.BadInput;

/// <summary>
/// Well-formed JSON that is not a valid JSON-RPC 2.0 message: wrong or missing <c>jsonrpc</c>, ids that are not a
/// string or a 64-bit integer, missing or non-string methods, params that are not structured, results and errors
/// together, duplicate members. Each is an invalid request (-32600, 400); the id is echoed when it could be read.
/// Also odd but valid notifications and client responses, which get 202 and no body.
/// </summary>
internal static class JsonRpcShapeCases
{
    public static IEnumerable<BadInputCase> All()
    {
        foreach ((string name, string json) in NotAnObject)
        {
            yield return Invalid($"top-level-{name}", json);
        }

        foreach ((string name, string version) in Versions)
        {
            yield return Invalid($"jsonrpc-{name}", $$"""{"jsonrpc":{{version}},"id":1,"method":"ping"}""", "1");
        }

        yield return Invalid("jsonrpc-missing", """{"id":1,"method":"ping"}""", "1");
        yield return Invalid("jsonrpc-wrong-case-name", """{"JSONRPC":"2.0","id":1,"method":"ping"}""", "1");
        yield return Invalid("empty-object", "{}");

        foreach ((string name, string id) in BadIds)
        {
            yield return Invalid($"id-{name}", $$"""{"jsonrpc":"2.0","id":{{id}},"method":"ping"}""");
        }

        yield return Invalid("method-missing", """{"jsonrpc":"2.0","id":1}""", "1");
        yield return Invalid("method-missing-with-params", """{"jsonrpc":"2.0","id":1,"params":{}}""", "1");
        foreach ((string name, string method) in BadMethods)
        {
            yield return Invalid($"method-{name}", $$"""{"jsonrpc":"2.0","id":1,"method":{{method}}}""", "1");
        }

        foreach ((string name, string parameters) in BadParams)
        {
            yield return Invalid($"params-{name}", $$"""{"jsonrpc":"2.0","id":1,"method":"ping","params":{{parameters}}}""", "1");
        }

        yield return Invalid("notification-params-string", """{"jsonrpc":"2.0","method":"notifications/initialized","params":"x"}""");
        yield return Invalid("result-and-error", """{"jsonrpc":"2.0","id":1,"result":{},"error":{"code":1,"message":"x"}}""", "1");
        yield return Invalid("method-and-result", """{"jsonrpc":"2.0","id":1,"method":"ping","result":{}}""", "1");
        yield return Invalid("method-and-error", """{"jsonrpc":"2.0","id":1,"method":"ping","error":{"code":1,"message":"x"}}""", "1");
        yield return Invalid("result-without-id", """{"jsonrpc":"2.0","result":{}}""");
        yield return Invalid("result-with-null-id", """{"jsonrpc":"2.0","id":null,"result":{}}""");
        yield return Invalid("error-not-object", """{"jsonrpc":"2.0","id":1,"error":"x"}""", "1");
        yield return Invalid("error-empty-object", """{"jsonrpc":"2.0","id":1,"error":{}}""", "1");
        yield return Invalid("error-code-string", """{"jsonrpc":"2.0","id":1,"error":{"code":"1","message":"x"}}""", "1");
        yield return Invalid("error-code-fraction", """{"jsonrpc":"2.0","id":1,"error":{"code":1.5,"message":"x"}}""", "1");
        yield return Invalid("error-message-missing", """{"jsonrpc":"2.0","id":1,"error":{"code":1}}""", "1");
        yield return Invalid("error-message-number", """{"jsonrpc":"2.0","id":1,"error":{"code":1,"message":2}}""", "1");
        yield return Invalid("duplicate-jsonrpc", """{"jsonrpc":"2.0","jsonrpc":"2.0","id":1,"method":"ping"}""", "1");
        // The reader keeps the last of repeated ids (pinned by Mooring.Protocol.Tests); the answer is addressed to it.
        yield return Invalid("duplicate-id", """{"jsonrpc":"2.0","id":1,"id":2,"method":"ping"}""");
        yield return Invalid("duplicate-method", """{"jsonrpc":"2.0","id":1,"method":"ping","method":"tools/list"}""", "1");
        yield return Invalid("duplicate-params", """{"jsonrpc":"2.0","id":1,"method":"ping","params":{},"params":{}}""", "1");
        yield return Invalid("duplicate-result", """{"jsonrpc":"2.0","id":1,"result":{},"result":{}}""", "1");

        yield return Accepted("notification-unknown-method", """{"jsonrpc":"2.0","method":"notifications/unheard_of","params":{"x":[1,2,3]}}""");
        yield return Accepted("notification-cancelled-bad-request-id", """{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":{"nested":true}}}""");
        yield return Accepted("notification-cancelled-unknown-request", """{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":"never-sent","reason":"x"}}""");
        yield return Accepted("notification-progress-from-client", """{"jsonrpc":"2.0","method":"notifications/progress","params":{"progressToken":1,"progress":"lots"}}""");
        yield return Accepted("request-method-sent-as-notification", """{"jsonrpc":"2.0","method":"tools/call","params":{"name":"echo"}}""");
        yield return Accepted("response-to-nothing", """{"jsonrpc":"2.0","id":424242,"result":{"anything":[1]}}""");
        yield return Accepted("error-response-with-null-id", """{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"client could not parse"}}""");
        yield return Accepted("error-response-to-nothing", """{"jsonrpc":"2.0","id":"never","error":{"code":-32000,"message":"no"}}""");
    }

    private static (string, string)[] NotAnObject =>
    [
        ("number", "42"),
        ("fraction", "1.5"),
        ("string", "\"ping\""),
        ("true", "true"),
        ("false", "false"),
        ("null", "null"),
    ];

    private static (string, string)[] Versions =>
    [
        ("1.0", "\"1.0\""),
        ("2", "\"2\""),
        ("2.00", "\"2.00\""),
        ("padded", "\" 2.0 \""),
        ("number", "2.0"),
        ("null", "null"),
        ("true", "true"),
        ("object", "{}"),
        ("array", "[\"2.0\"]"),
        ("empty", "\"\""),
    ];

    private static (string, string)[] BadIds =>
    [
        ("null-on-request", "null"),
        ("object", "{}"),
        ("array", "[1]"),
        ("fraction", "1.5"),
        ("integral-fraction", "1.0"),
        ("exponent", "1e2"),
        ("true", "true"),
        ("false", "false"),
    ];

    private static (string, string)[] BadMethods =>
    [
        ("number", "42"),
        ("null", "null"),
        ("true", "true"),
        ("object", "{\"name\":\"ping\"}"),
        ("array", "[\"ping\"]"),
        ("empty", "\"\""),
    ];

    private static (string, string)[] BadParams =>
    [
        ("string", "\"x\""),
        ("number", "1"),
        ("true", "true"),
        ("null", "null"),
    ];

    private static BadInputCase Invalid(string name, string json, string id = "null") => Reject(name, json, McpRejection.InvalidRequest, id);
}
