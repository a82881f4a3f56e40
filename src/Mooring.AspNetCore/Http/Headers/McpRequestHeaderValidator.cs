using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Mooring.Protocol;
using Mooring.Server;

namespace Mooring.AspNetCore;

/// <summary>
/// Checks that a modern (2026-07-28) request's mirrored headers agree with its JSON-RPC body
/// (streamable-http.mdx §Standard Request Headers, §Custom Headers from Tool Parameters, §Server Validation):
/// <c>Mcp-Method</c> equals <c>method</c>; <c>Mcp-Name</c> equals <c>params.name</c>, <c>params.uri</c> or
/// <c>params.taskId</c> on the methods that carry one; and on <c>tools/call</c> each <c>Mcp-Param-{Name}</c> equals
/// the argument its tool annotated with <c>x-mcp-header</c>. Pure functions over header values: nothing here reads an
/// <see cref="HttpContext"/>, and a failure is a value the endpoint maps to HTTP 400 with JSON-RPC <c>-32020</c>
/// (<see cref="McpRejection.HeaderMismatch"/>).
/// </summary>
/// <remarks>
/// <para>
/// Header values are compared after trimming optional whitespace; they are case-sensitive (<c>TOOLS/LIST</c> is not
/// <c>tools/list</c>). <c>Mcp-Name</c> and <c>Mcp-Param-*</c> may use the <c>=?base64?…?=</c> form and are compared
/// after decoding (<see cref="McpHeaderValue"/>); <c>Mcp-Method</c> is always literal. A header sent twice is refused.
/// </para>
/// <para>
/// An annotated argument with a non-null value requires its header; a null or absent argument expects none, and one
/// sent anyway is tolerated if it is well formed. <c>Mcp-Param-*</c> headers no parameter declares are ignored, as are
/// <c>Mcp-Name</c> on methods without a name. Validation applies to the modern era only: legacy clients (the C# SDK
/// among them) may send these headers on 2025 requests, where they mean nothing.
/// </para>
/// <para>
/// The common path (plain ASCII headers that match) allocates nothing; a Base64 value costs one string.
/// </para>
/// </remarks>
public static class McpRequestHeaderValidator
{
    /// <summary>The tasks extension's update method; not (yet) among <see cref="McpMethods"/>.</summary>
    private const string TasksUpdate = "tasks/update";

    private const string NameMember = "name";
    private const string UriMember = "uri";
    private const string TaskIdMember = "taskId";
    private const string ArgumentsMember = "arguments";

    /// <summary>
    /// The <c>params</c> member that <c>Mcp-Name</c> mirrors for <paramref name="method"/>: <c>name</c> for
    /// <c>tools/call</c> and <c>prompts/get</c>, <c>uri</c> for <c>resources/read</c>, <c>taskId</c> for
    /// <c>tasks/get</c>, <c>tasks/update</c> and <c>tasks/cancel</c>; null for every other method (no <c>Mcp-Name</c> required).
    /// </summary>
    public static string? GetNameMember(string method) => method switch
    {
        McpMethods.ToolsCall or McpMethods.PromptsGet => NameMember,
        McpMethods.ResourcesRead => UriMember,
        McpMethods.TasksGet or McpMethods.TasksCancel or TasksUpdate => TaskIdMember,
        _ => null,
    };

    /// <summary>
    /// Validates everything from the raw <c>params</c> of the parsed request: the form the HTTP endpoint should call.
    /// Reads the name member and (for <c>tools/call</c>) the arguments straight from the UTF-8 JSON, looks the tool
    /// up in <paramref name="tools"/> by the name the headers and body agree on, and checks its
    /// <see cref="McpServerTool.HeaderParameters"/>. An unknown tool skips the parameter check, so the handler
    /// answers it as usual.
    /// </summary>
    /// <param name="headers">The request headers.</param>
    /// <param name="method">The body's <c>method</c>.</param>
    /// <param name="paramsJson">The body's raw <c>params</c> (<see cref="JsonRpcMessage.Params"/>); empty when absent.</param>
    /// <param name="tools">The server's tools; null skips the <c>Mcp-Param-*</c> check.</param>
    /// <exception cref="JsonException"><paramref name="paramsJson"/> is not valid JSON (the caller parses the body first).</exception>
    public static McpHeaderValidationResult ValidateRequest(IHeaderDictionary headers, string method, ReadOnlySpan<byte> paramsJson, McpServerPrimitiveCollection<McpServerTool>? tools)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(method);
        McpHeaderValidationResult result = ValidateMethod(method, headers[McpHttpHeaders.Method]);
        string? member = GetNameMember(method);
        if (!result.IsValid || member is null)
        {
            return result;
        }

        if (!TryReadName(headers[McpHttpHeaders.Name], out string? raw, out ReadOnlySpan<char> name, out string? decoded, out result))
        {
            return result;
        }

        // Every occurrence of the member, in any letter case, must match: the dispatcher binds params case-insensitively.
        bool seen = false;
        if (McpJsonMemberMatcher.TryOpenObject(paramsJson, out Utf8JsonReader reader))
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool isName = McpJsonMemberMatcher.NameMatches(ref reader, member);
                reader.Read();
                if (isName)
                {
                    if (reader.TokenType != JsonTokenType.String || !reader.ValueTextEquals(name))
                    {
                        return McpHeaderValidationResult.Fail(McpHeaderFailure.Mismatch, McpHttpHeaders.Name);
                    }

                    seen = true;
                }

                reader.Skip();
            }
        }

        if (!seen)
        {
            return McpHeaderValidationResult.Fail(McpHeaderFailure.Mismatch, McpHttpHeaders.Name);
        }

        if (method != McpMethods.ToolsCall || tools is null)
        {
            return McpHeaderValidationResult.Success;
        }

        // The name is now the header's value: reuse its string when no trimming or decoding made a new one.
        string toolName = decoded ?? (name.Length == raw.Length ? raw : name.ToString());
        if (!tools.TryGet(toolName, out McpServerTool? tool) || tool.HeaderParameters.Count == 0)
        {
            return McpHeaderValidationResult.Success;
        }

        // Arguments, like the name, may occur more than once or in another case: check each occurrence.
        bool sawArguments = false;
        McpJsonMemberMatcher.TryOpenObject(paramsJson, out reader);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool isArguments = McpJsonMemberMatcher.NameMatches(ref reader, ArgumentsMember);
            reader.Read();
            int start = (int)reader.TokenStartIndex;
            reader.Skip();
            if (isArguments)
            {
                sawArguments = true;
                result = ValidateParameterHeaders(tool.HeaderParameters, paramsJson[start..(int)reader.BytesConsumed], headers);
                if (!result.IsValid)
                {
                    return result;
                }
            }
        }

        // No arguments at all: no values, so no header is expected (but a malformed one is still refused).
        return sawArguments ? result : ValidateParameterHeaders(tool.HeaderParameters, default(ReadOnlySpan<byte>), headers);
    }

    /// <summary>
    /// Validates from values the caller already extracted: <c>Mcp-Method</c>, <c>Mcp-Name</c> (when the method
    /// has one) and, when <paramref name="headerParameters"/> is given, <c>Mcp-Param-*</c> against <paramref name="arguments"/>.
    /// </summary>
    /// <param name="headers">The request headers.</param>
    /// <param name="method">The body's <c>method</c>.</param>
    /// <param name="nameValue">The body's value for <see cref="GetNameMember"/> (<c>params.name</c>, <c>uri</c> or <c>taskId</c>); null when absent.</param>
    /// <param name="headerParameters">The called tool's <see cref="McpServerTool.HeaderParameters"/>; null or empty to skip.</param>
    /// <param name="arguments">The body's <c>params.arguments</c>; null when absent.</param>
    public static McpHeaderValidationResult Validate(IHeaderDictionary headers, string method, string? nameValue, IReadOnlyList<McpToolHeaderParameter>? headerParameters = null, JsonElement? arguments = null)
    {
        ArgumentNullException.ThrowIfNull(headers);
        McpHeaderValidationResult result = ValidateStandardHeaders(method, nameValue, headers[McpHttpHeaders.Method], headers[McpHttpHeaders.Name]);
        return result.IsValid && headerParameters is { Count: > 0 } ? ValidateParameterHeaders(headerParameters, arguments, headers) : result;
    }

    /// <summary>Validates <c>Mcp-Method</c> and, when <paramref name="method"/> has a name member, <c>Mcp-Name</c>.</summary>
    /// <param name="method">The body's <c>method</c>.</param>
    /// <param name="nameValue">The body's value for <see cref="GetNameMember"/>; null when absent (then any <c>Mcp-Name</c> mismatches).</param>
    /// <param name="methodHeader">The <c>Mcp-Method</c> values received.</param>
    /// <param name="nameHeader">The <c>Mcp-Name</c> values received.</param>
    public static McpHeaderValidationResult ValidateStandardHeaders(string method, string? nameValue, StringValues methodHeader, StringValues nameHeader)
    {
        ArgumentNullException.ThrowIfNull(method);
        McpHeaderValidationResult result = ValidateMethod(method, methodHeader);
        if (!result.IsValid || GetNameMember(method) is null)
        {
            return result;
        }

        if (!TryReadName(nameHeader, out _, out ReadOnlySpan<char> name, out _, out result))
        {
            return result;
        }

        return nameValue is not null && name.SequenceEqual(nameValue)
            ? McpHeaderValidationResult.Success
            : McpHeaderValidationResult.Fail(McpHeaderFailure.Mismatch, McpHttpHeaders.Name);
    }

    /// <summary>Validates the <c>Mcp-Param-*</c> headers of a <c>tools/call</c> against its arguments.</summary>
    /// <param name="parameters">The tool's <see cref="McpServerTool.HeaderParameters"/>.</param>
    /// <param name="arguments">The body's <c>params.arguments</c>; null when absent.</param>
    /// <param name="headers">The request headers.</param>
    public static McpHeaderValidationResult ValidateParameterHeaders(IReadOnlyList<McpToolHeaderParameter> parameters, JsonElement? arguments, IHeaderDictionary headers) =>
        ValidateParameterHeaders(parameters, arguments is { ValueKind: JsonValueKind.Object } a ? JsonMarshal.GetRawUtf8Value(a) : default, headers);

    /// <summary>Validates the <c>Mcp-Param-*</c> headers of a <c>tools/call</c> against its raw UTF-8 arguments.</summary>
    /// <param name="parameters">The tool's <see cref="McpServerTool.HeaderParameters"/>.</param>
    /// <param name="argumentsJson">The raw <c>params.arguments</c>; empty when absent.</param>
    /// <param name="headers">The request headers.</param>
    /// <exception cref="JsonException"><paramref name="argumentsJson"/> is not valid JSON.</exception>
    public static McpHeaderValidationResult ValidateParameterHeaders(IReadOnlyList<McpToolHeaderParameter> parameters, ReadOnlySpan<byte> argumentsJson, IHeaderDictionary headers)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(headers);
        for (int i = 0; i < parameters.Count; i++)
        {
            McpToolHeaderParameter parameter = parameters[i];
            StringValues values = headers[parameter.HeaderName];
            if (values.Count > 1)
            {
                return McpHeaderValidationResult.Fail(McpHeaderFailure.Repeated, parameter.HeaderName);
            }

            ReadOnlySpan<char> value = default;
            bool present = values.Count == 1 && values[0] is not null;

            // A recognised header must be well formed even when the body leaves its argument out ("MUST reject").
            if (present && !McpHeaderValue.TryDecode(values[0]!, out value, out _))
            {
                return McpHeaderValidationResult.Fail(McpHeaderFailure.InvalidValue, parameter.HeaderName);
            }

            switch (McpJsonMemberMatcher.CheckPath(argumentsJson, parameter.PropertyPath, value, present))
            {
                case McpJsonMemberMatcher.Outcome.Missing:
                    return McpHeaderValidationResult.Fail(McpHeaderFailure.Missing, parameter.HeaderName);
                case McpJsonMemberMatcher.Outcome.Mismatch:
                    return McpHeaderValidationResult.Fail(McpHeaderFailure.Mismatch, parameter.HeaderName);
            }
        }

        return McpHeaderValidationResult.Success;
    }

    private static McpHeaderValidationResult ValidateMethod(string method, StringValues header)
    {
        if (!TrySingle(header, McpHttpHeaders.Method, out string? raw, out McpHeaderValidationResult result))
        {
            return result;
        }

        if (!McpHeaderValue.TryPlain(raw, out ReadOnlySpan<char> value))
        {
            return McpHeaderValidationResult.Fail(McpHeaderFailure.InvalidValue, McpHttpHeaders.Method);
        }

        return value.SequenceEqual(method)
            ? McpHeaderValidationResult.Success
            : McpHeaderValidationResult.Fail(McpHeaderFailure.Mismatch, McpHttpHeaders.Method);
    }

    private static bool TryReadName(StringValues header, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? raw, out ReadOnlySpan<char> name, out string? decoded, out McpHeaderValidationResult result)
    {
        name = default;
        decoded = null;
        if (!TrySingle(header, McpHttpHeaders.Name, out raw, out result))
        {
            return false;
        }

        if (!McpHeaderValue.TryDecode(raw, out name, out decoded))
        {
            result = McpHeaderValidationResult.Fail(McpHeaderFailure.InvalidValue, McpHttpHeaders.Name);
            return false;
        }

        return true;
    }

    private static bool TrySingle(StringValues header, string headerName, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value, out McpHeaderValidationResult result)
    {
        value = header.Count == 1 ? header[0] : null;
        result = header.Count > 1
            ? McpHeaderValidationResult.Fail(McpHeaderFailure.Repeated, headerName)
            : value is null ? McpHeaderValidationResult.Fail(McpHeaderFailure.Missing, headerName) : McpHeaderValidationResult.Success;
        return value is not null;
    }
}
