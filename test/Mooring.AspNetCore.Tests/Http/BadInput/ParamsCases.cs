using Mooring.Protocol;
using Mooring.Server;
using static Mooring.AspNetCore.Tests.Http.BadInput.BadInputCase;

namespace Mooring.AspNetCore.Tests.Http.BadInput;

/// <summary>
/// Valid JSON-RPC with params that do not fit the method (-32602, HTTP 200, the request's id), unknown methods
/// (-32601), unknown resources (-32002), and tool arguments of the wrong type or missing, which are tool errors
/// (a result with isError) the model can correct rather than protocol errors.
/// </summary>
internal static class ParamsCases
{
    public static IEnumerable<BadInputCase> All()
    {
        foreach ((string name, string parameters) in ToolsCallParams)
        {
            yield return InvalidParams($"tools-call-{name}", "tools/call", parameters);
        }

        foreach ((string name, string arguments) in EchoArguments)
        {
            yield return ToolError($"tools-call-echo-{name}", Request("\"t\"", "tools/call", $$"""{"name":"echo","arguments":{{arguments}}}"""), "\"t\"");
        }

        foreach ((string name, string arguments) in AddArguments)
        {
            yield return ToolError($"tools-call-add-{name}", Request("\"t\"", "tools/call", $$"""{"name":"add","arguments":{{arguments}}}"""), "\"t\"");
        }

        foreach ((string name, string parameters) in PromptsGetParams)
        {
            yield return InvalidParams($"prompts-get-{name}", "prompts/get", parameters);
        }

        foreach ((string name, string parameters) in ResourceUriParams)
        {
            yield return InvalidParams($"resources-read-{name}", "resources/read", parameters);
            yield return InvalidParams($"resources-subscribe-{name}", "resources/subscribe", parameters);
        }

        yield return InvalidParams("resources-subscribe-relative-uri", "resources/subscribe", """{"uri":"not absolute"}""");
        yield return InvalidParams("resources-unsubscribe-uri-missing", "resources/unsubscribe", "{}");
        yield return InvalidParams("resources-unsubscribe-uri-null", "resources/unsubscribe", """{"uri":null}""");
        yield return Error("resources-read-unknown-uri", Request("9", "resources/read", """{"uri":"test://nope"}"""), JsonRpcErrorCodes.ResourceNotFound, "9");
        yield return Error("resources-read-relative-uri", Request("9", "resources/read", """{"uri":"hello"}"""), JsonRpcErrorCodes.ResourceNotFound, "9");

        foreach ((string name, string parameters) in CompleteParams)
        {
            yield return InvalidParams($"completion-complete-{name}", "completion/complete", parameters);
        }

        foreach ((string name, string level) in Levels)
        {
            yield return InvalidParams($"logging-set-level-{name}", "logging/setLevel", $$"""{"level":{{level}}}""");
        }

        yield return InvalidParams("logging-set-level-no-params", "logging/setLevel", null);
        yield return InvalidParams("logging-set-level-empty-params", "logging/setLevel", "{}");

        foreach (string method in new[] { "tools/list", "prompts/list", "resources/list", "resources/templates/list" })
        {
            foreach ((string name, string parameters) in ListParams)
            {
                yield return InvalidParams($"{method.Replace('/', '-')}-{name}", method, parameters);
            }
        }

        foreach ((string name, string method) in UnknownMethods)
        {
            yield return Error($"unknown-method-{name}", Request("15", method, null), JsonRpcErrorCodes.MethodNotFound, "15");
        }

        foreach ((string name, string parameters) in InitializeParams)
        {
            yield return Reject($"initialize-{name}", Request("14", "initialize", parameters), McpRejection.InvalidParams, "14", BadInputSession.None);
        }

        yield return Reject("initialize-again-on-session", Request("14", "initialize", """{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"x","version":"1"}}"""), McpRejection.AlreadyInitialized, "14");
        yield return Reject("initialize-again-with-bad-params", Request("14", "initialize", "{}"), McpRejection.AlreadyInitialized, "14");
        yield return Reject("request-without-session", Request("16", "tools/list", null), McpRejection.SessionRequired, "16", BadInputSession.None);
        yield return Reject("notification-without-session", """{"jsonrpc":"2.0","method":"notifications/initialized"}""", McpRejection.SessionRequired, "null", BadInputSession.None);
    }

    private static (string, string)[] ToolsCallParams =>
    [
        ("params-missing", null!),
        ("params-empty", "{}"),
        ("name-number", """{"name":42}"""),
        ("name-null", """{"name":null}"""),
        ("name-object", """{"name":{"n":"echo"}}"""),
        ("name-array", """{"name":["echo"]}"""),
        ("name-true", """{"name":true}"""),
        ("name-empty", """{"name":""}"""),
        ("name-unknown", """{"name":"nope","arguments":{}}"""),
        ("name-very-long-unknown", $$"""{"name":"{{new string('z', 3000)}}"}"""),
        ("params-array", "[]"),
        ("params-positional", """["echo",{"text":"hi"}]"""),
        ("meta-string", """{"name":"echo","arguments":{"text":"a"},"_meta":"x"}"""),
        ("progress-token-object", """{"name":"echo","arguments":{"text":"a"},"_meta":{"progressToken":{}}}"""),
        ("progress-token-fraction", """{"name":"echo","arguments":{"text":"a"},"_meta":{"progressToken":1.5}}"""),
        ("progress-token-true", """{"name":"echo","arguments":{"text":"a"},"_meta":{"progressToken":true}}"""),
        ("progress-token-huge", """{"name":"echo","arguments":{"text":"a"},"_meta":{"progressToken":9223372036854775808}}"""),
        ("progress-token-1e400", """{"name":"echo","arguments":{"text":"a"},"_meta":{"progressToken":1e400}}"""),
        ("task-number", """{"name":"echo","arguments":{"text":"a"},"task":5}"""),
    ];

    private static (string, string)[] EchoArguments =>
    [
        ("arguments-array", "[\"hi\"]"),
        ("arguments-string", "\"hi\""),
        ("arguments-number", "5"),
        ("arguments-true", "true"),
        ("arguments-null", "null"),
        ("arguments-empty", "{}"),
        ("text-number", """{"text":5}"""),
        ("text-null", """{"text":null}"""),
        ("text-object", """{"text":{"value":"hi"}}"""),
        ("text-array", """{"text":["hi"]}"""),
        ("text-true", """{"text":true}"""),
        ("text-1e400", """{"text":1e400}"""),
        ("text-misspelled", """{"txt":"hi"}"""),
    ];

    private static (string, string)[] AddArguments =>
    [
        ("a-string", """{"a":"5","b":1}"""),
        ("a-fraction", """{"a":1.5,"b":1}"""),
        ("a-1e400", """{"a":1e400,"b":1}"""),
        ("a-overflow", """{"a":2147483648,"b":1}"""),
        ("a-null", """{"a":null,"b":1}"""),
        ("b-missing", """{"a":1}"""),
        ("a-hex-string", """{"a":"0x10","b":1}"""),
    ];

    private static (string, string)[] PromptsGetParams =>
    [
        ("params-missing", null!),
        ("params-empty", "{}"),
        ("name-number", """{"name":1}"""),
        ("name-null", """{"name":null}"""),
        ("name-unknown", """{"name":"nope"}"""),
        ("arguments-array", """{"name":"greet","arguments":["bob"]}"""),
        ("arguments-string", """{"name":"greet","arguments":"bob"}"""),
        ("argument-number", """{"name":"greet","arguments":{"name":1}}"""),
        ("argument-true", """{"name":"greet","arguments":{"name":true}}"""),
        ("argument-object", """{"name":"greet","arguments":{"name":{"first":"bob"}}}"""),
        ("argument-array", """{"name":"greet","arguments":{"name":["bob"]}}"""),
        ("required-argument-missing", """{"name":"greet","arguments":{}}"""),
    ];

    private static (string, string)[] ResourceUriParams =>
    [
        ("params-missing", null!),
        ("uri-missing", "{}"),
        ("uri-number", """{"uri":42}"""),
        ("uri-null", """{"uri":null}"""),
        ("uri-object", """{"uri":{"href":"test://static/hello"}}"""),
        ("uri-array", """{"uri":["test://static/hello"]}"""),
    ];

    private static (string, string)[] CompleteParams =>
    [
        ("params-missing", null!),
        ("params-empty", "{}"),
        ("ref-missing", """{"argument":{"name":"name","value":"a"}}"""),
        ("argument-missing", """{"ref":{"type":"ref/prompt","name":"greet"}}"""),
        ("ref-string", """{"ref":"ref/prompt","argument":{"name":"name","value":"a"}}"""),
        ("ref-type-missing", """{"ref":{"name":"greet"},"argument":{"name":"name","value":"a"}}"""),
        ("ref-type-number", """{"ref":{"type":1,"name":"greet"},"argument":{"name":"name","value":"a"}}"""),
        ("ref-type-unknown", """{"ref":{"type":"ref/tool","name":"echo"},"argument":{"name":"text","value":"a"}}"""),
        ("ref-prompt-name-missing", """{"ref":{"type":"ref/prompt"},"argument":{"name":"name","value":"a"}}"""),
        ("ref-prompt-unknown", """{"ref":{"type":"ref/prompt","name":"nope"},"argument":{"name":"name","value":"a"}}"""),
        ("ref-resource-uri-missing", """{"ref":{"type":"ref/resource"},"argument":{"name":"id","value":"o"}}"""),
        ("ref-resource-unknown", """{"ref":{"type":"ref/resource","uri":"test://nope/{x}"},"argument":{"name":"x","value":"o"}}"""),
        ("argument-value-number", """{"ref":{"type":"ref/prompt","name":"greet"},"argument":{"name":"name","value":1}}"""),
        ("argument-name-missing", """{"ref":{"type":"ref/prompt","name":"greet"},"argument":{"value":"a"}}"""),
        ("argument-array", """{"ref":{"type":"ref/prompt","name":"greet"},"argument":[{"name":"name","value":"a"}]}"""),
        ("ref-null", """{"ref":null,"argument":{"name":"name","value":"a"}}"""),
        ("ref-type-null", """{"ref":{"type":null,"name":"greet"},"argument":{"name":"name","value":"a"}}"""),
        ("argument-null", """{"ref":{"type":"ref/prompt","name":"greet"},"argument":null}"""),
        ("argument-name-null", """{"ref":{"type":"ref/prompt","name":"greet"},"argument":{"name":null,"value":"a"}}"""),
        ("argument-value-null", """{"ref":{"type":"ref/prompt","name":"greet"},"argument":{"name":"name","value":null}}"""),
        ("context-string", """{"ref":{"type":"ref/prompt","name":"greet"},"argument":{"name":"name","value":"a"},"context":"x"}"""),
    ];

    private static (string, string)[] Levels =>
    [
        ("verbose", "\"verbose\""),
        ("empty", "\"\""),
        ("uppercase", "\"DEBUG\""),
        ("integer", "3"),
        ("out-of-range-integer", "99"),
        ("negative-integer", "-1"),
        ("null", "null"),
        ("object", "{}"),
        ("array", "[\"debug\"]"),
        ("csharp-name", "\"Debug\""),
        ("numeric-string", "\"3\""),
    ];

    private static (string, string)[] ListParams =>
    [
        ("cursor-not-base64url", """{"cursor":"!!!"}"""),
        ("cursor-number", """{"cursor":5}"""),
        ("cursor-object", """{"cursor":{}}"""),
        ("cursor-too-long", $$"""{"cursor":"{{new string('A', 5000)}}"}"""),
        ("cursor-invalid-utf8-key", """{"cursor":"__4"}"""),
        ("params-array", "[]"),
    ];

    private static (string, string)[] UnknownMethods =>
    [
        ("plain", "foo"),
        ("uppercase-ping", "PING"),
        ("capitalised-ping", "Ping"),
        ("leading-space", " ping"),
        ("trailing-space", "ping "),
        ("wrong-case-segment", "tools/CALL"),
        ("namespace-only", "tools"),
        ("trailing-slash", "tools/"),
        ("leading-slash", "/ping"),
        ("extra-segment", "tools/call/extra"),
        ("path-traversal", "../../etc/passwd"),
        ("tasks-update-on-a-session", "tasks/update"),
        ("discover-on-a-session", "server/discover"),
        ("sampling-from-client", "sampling/createMessage"),
        ("elicitation-from-client", "elicitation/create"),
        ("roots-from-client", "roots/list"),
        ("notification-as-request", "notifications/initialized"),
        ("rpc-discover", "rpc.discover"),
        ("lsp-style", "$/cancelRequest"),
        ("escaped-nul", "ping\\u0000"),
        ("raw-delete-char", "pi\u007Fng"),
        ("non-ascii", "\u043F\u0438\u043D\u0433"),
        ("very-long", new string('m', 5000)),
    ];

    private static (string, string)[] InitializeParams =>
    [
        ("params-missing", null!),
        ("params-empty", "{}"),
        ("version-number", """{"protocolVersion":20251125,"capabilities":{},"clientInfo":{"name":"x","version":"1"}}"""),
        ("client-info-string", """{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":"x"}"""),
        ("client-info-name-missing", """{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"version":"1"}}"""),
        ("capabilities-array", """{"protocolVersion":"2025-11-25","capabilities":[],"clientInfo":{"name":"x","version":"1"}}"""),
        ("capabilities-missing", """{"protocolVersion":"2025-11-25","clientInfo":{"name":"x","version":"1"}}"""),
        ("params-array", """["2025-11-25",{},{"name":"x","version":"1"}]"""),
    ];

    private static string Request(string id, string method, string? parameters) => parameters is null
        ? $$"""{"jsonrpc":"2.0","id":{{id}},"method":"{{method}}"}"""
        : $$"""{"jsonrpc":"2.0","id":{{id}},"method":"{{method}}","params":{{parameters}}}""";

    private static BadInputCase InvalidParams(string name, string method, string? parameters) =>
        Reject(name, Request("7", method, parameters), McpRejection.InvalidParams, "7");
}
