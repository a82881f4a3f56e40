using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Mooring.Protocol;

namespace Mooring.Server;

/// <summary>A tool backed by a method or delegate, bound by <see cref="McpMethodBinder"/>.</summary>
internal sealed class MethodServerTool : McpServerTool
{
    private readonly McpMethodBinder _binder;
    private readonly JsonSerializerOptions _serializerOptions;
    private readonly bool _structured;

    public MethodServerTool(McpMethodBinder binder, McpToolAttribute? attribute, (string Name, string? Description)? explicitName, McpServerOptions options)
    {
        _binder = binder;
        _serializerOptions = options.SerializerOptions;
        MethodInfo method = binder.Method;
        string name = explicitName?.Name ?? attribute?.Name ?? McpNaming.ToSnakeCase(method.Name);
        string? description = explicitName?.Description ?? method.GetCustomAttribute<DescriptionAttribute>()?.Description;

        JsonElement? outputSchema = null;
        if ((attribute?.UseStructuredContent ?? true) && McpResultConverter.IsStructuredCandidate(binder.ResultType))
        {
            JsonNode schema = binder.ExportSchema(binder.ResultType!);

            // 2025-11-25 requires an object at the root of an output schema; other shapes go out as text only.
            if (schema is JsonObject obj && obj["type"] is JsonValue type && type.ToString() == "object")
            {
                outputSchema = JsonSerializer.SerializeToElement(obj, McpJsonContext.Default.JsonObject);
                _structured = true;
            }
        }

        ToolAnnotations? annotations = attribute is null || (attribute.Title is null && attribute.ReadOnlyHint is null && attribute.DestructiveHint is null
            && attribute.IdempotentHint is null && attribute.OpenWorldHint is null)
            ? null
            : new ToolAnnotations
            {
                Title = attribute.Title,
                ReadOnlyHint = attribute.ReadOnlyHint,
                DestructiveHint = attribute.DestructiveHint,
                IdempotentHint = attribute.IdempotentHint,
                OpenWorldHint = attribute.OpenWorldHint,
            };

        ProtocolTool = new Tool
        {
            Name = name,
            Title = attribute?.Title,
            Description = description,
            InputSchema = JsonSerializer.SerializeToElement(binder.BuildArgumentsSchema(), McpJsonContext.Default.JsonObject),
            OutputSchema = outputSchema,
            Annotations = annotations,
            Icons = attribute?.IconSource is { } icon ? [new Icon { Src = icon }] : null,
            Execution = attribute?.TaskSupport is McpTaskSupport.Optional or McpTaskSupport.Required
                ? new ToolExecution { TaskSupport = attribute.TaskSupport == McpTaskSupport.Required ? "required" : "optional" }
                : null,
        };
        TaskSupport = attribute?.TaskSupport ?? McpTaskSupport.Forbidden;
        DefersTaskCreation = attribute?.DeferTaskCreation ?? false;

        // Bad [McpHeader] annotations fail here, when the tool is created, naming the tool and the property.
        _ = HeaderParameters;
    }

    public override Tool ProtocolTool { get; }

    public override McpTaskSupport TaskSupport { get; }

    public override bool DefersTaskCreation { get; }

    public override ValueTask<CallToolResult> InvokeAsync(McpRequestContext context, JsonElement? arguments) =>
        InvokeCoreAsync(context, arguments, default, fromBytes: false);

    /// <summary>Binds straight from the bytes (no <see cref="JsonDocument"/> per call) unless the binder declines.</summary>
    internal override ValueTask<CallToolResult> InvokeRawAsync(McpRequestContext context, ReadOnlyMemory<byte> arguments) =>
        InvokeCoreAsync(context, null, arguments, fromBytes: true);

    // The bytes are bound before the first await, while the caller still holds them.
    private async ValueTask<CallToolResult> InvokeCoreAsync(McpRequestContext context, JsonElement? arguments, ReadOnlyMemory<byte> utf8Arguments, bool fromBytes)
    {
        object? value;
        try
        {
            ValueTask<object?> invocation = fromBytes && _binder.TryInvoke(context, utf8Arguments.Span, out ValueTask<object?> bound)
                ? bound
                : _binder.InvokeAsync(context, fromBytes ? ParseArguments(utf8Arguments) : arguments);
            value = await invocation.ConfigureAwait(false);
        }
        catch (ArgumentBindingException ex)
        {
            // Invalid input is a tool execution error the model can correct (SEP-1303), not a protocol error.
            return McpResultConverter.ErrorResult($"Invalid arguments for tool '{ProtocolTool.Name}': {ex.Message}");
        }
        catch (McpProtocolException)
        {
            // A protocol error (-32042, -32021, a malformed input response) is one by definition: the dispatcher
            // turns it into a JSON-RPC error.
            throw;
        }
        catch (McpException ex)
        {
            return McpResultConverter.ErrorResult(ex.Message);
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (McpClientRequestTimeoutException)
        {
            // The client did not answer a sampling, elicitation or roots request in time: its doing, not a server fault.
            McpServerLog.ClientRequestTimedOut(context.Server.Logger, ProtocolTool.Name);
            return McpResultConverter.ErrorResult($"The tool '{ProtocolTool.Name}' timed out waiting for the client.");
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            McpServerLog.ToolFailed(context.Server.Logger, ex, ProtocolTool.Name);
            return McpResultConverter.ErrorResult(context.Server.Options.IncludeExceptionDetails
                ? $"The tool '{ProtocolTool.Name}' failed: {ex.Message}"
                : $"The tool '{ProtocolTool.Name}' failed.");
        }

        return McpResultConverter.ToCallToolResult(value, _binder.ResultType, _structured, _serializerOptions);
    }

    internal McpMethodBinder Binder => _binder;

    private static JsonElement? ParseArguments(ReadOnlyMemory<byte> utf8) =>
        utf8.IsEmpty ? null : JsonSerializer.Deserialize(utf8.Span, McpJsonContext.Default.JsonElement);
}
