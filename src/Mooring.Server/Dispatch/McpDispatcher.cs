using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Mooring.Protocol;

namespace Mooring.Server;

/// <summary>
/// Routes a request to its handler by method name. Each handler deserializes its typed params before its first
/// await (the raw params are only valid until then) and returns the response message.
/// </summary>
internal sealed partial class McpDispatcher
{
    private readonly McpServer _server;
    private readonly FrozenDictionary<string, Handler> _handlers;

    public McpDispatcher(McpServer server)
    {
        _server = server;
        _handlers = new Dictionary<string, Handler>(StringComparer.Ordinal)
        {
            [McpMethods.Ping] = static (_, ctx, _) => ValueTask.FromResult(McpOutgoingMessage.Result(ctx.RequestId, new EmptyResult(), McpJsonContext.Default.EmptyResult)),
            [McpMethods.ToolsList] = static (d, ctx, p) => d.ListToolsAsync(ctx, p),
            [McpMethods.ToolsCall] = static (d, ctx, p) => d.CallToolAsync(ctx, p),
            [McpMethods.PromptsList] = static (d, ctx, p) => d.ListPromptsAsync(ctx, p),
            [McpMethods.PromptsGet] = static (d, ctx, p) => d.GetPromptAsync(ctx, p),
            [McpMethods.ResourcesList] = static (d, ctx, p) => d.ListResourcesAsync(ctx, p),
            [McpMethods.ResourcesTemplatesList] = static (d, ctx, p) => d.ListResourceTemplatesAsync(ctx, p),
            [McpMethods.ResourcesRead] = static (d, ctx, p) => d.ReadResourceAsync(ctx, p),
            [McpMethods.ResourcesSubscribe] = static (_, ctx, p) => SubscribeAsync(ctx, p, subscribe: true),
            [McpMethods.ResourcesUnsubscribe] = static (_, ctx, p) => SubscribeAsync(ctx, p, subscribe: false),
            [McpMethods.CompletionComplete] = static (d, ctx, p) => d.CompleteAsync(ctx, p),
            [McpMethods.LoggingSetLevel] = static (_, ctx, p) => SetLevelAsync(ctx, p),
        }.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private delegate ValueTask<McpOutgoingMessage> Handler(McpDispatcher dispatcher, McpRequestContext context, ReadOnlyMemory<byte> parameters);

    public ValueTask<McpOutgoingMessage> DispatchAsync(McpRequestContext context, ReadOnlyMemory<byte> parameters) =>
        _handlers.TryGetValue(context.Method, out Handler? handler)
            ? InvokeAsync(handler, context, parameters)
            : ValueTask.FromResult(McpOutgoingMessage.Rejection(context.RequestId, McpRejection.MethodNotFound, $"Method not found: {Truncate(context.Method)}"));

    private async ValueTask<McpOutgoingMessage> InvokeAsync(Handler handler, McpRequestContext context, ReadOnlyMemory<byte> parameters)
    {
        try
        {
            return await handler(this, context, parameters).ConfigureAwait(false);
        }
        catch (McpUrlElicitationRequiredException ex)
        {
            return ex.ToResponse(context.RequestId);
        }
        catch (McpException ex)
        {
            return McpOutgoingMessage.Error(context.RequestId, ex.ErrorCode, ex.Message);
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            McpServerLog.HandlerFailed(_server.Logger, ex, context.Method, context.Session.Id);
            return McpOutgoingMessage.Rejection(context.RequestId, McpRejection.InternalError, _server.Options.IncludeExceptionDetails ? $"Internal error: {ex.Message}" : null);
        }
    }

    /// <summary>Deserializes params; an absent params member gives <paramref name="whenAbsent"/> (null means "required").</summary>
    private static bool TryParams<T>(McpRequestContext context, ReadOnlyMemory<byte> raw, JsonTypeInfo<T> typeInfo, T? whenAbsent, out T value, out McpOutgoingMessage? error)
        where T : RequestParams
    {
        error = null;
        T? parsed = null;
        if (raw.IsEmpty)
        {
            parsed = whenAbsent;
        }
        else
        {
            try
            {
                parsed = JsonSerializer.Deserialize(raw.Span, typeInfo);
            }
            catch (JsonException)
            {
                parsed = null;
            }
        }

        if (parsed is null)
        {
            value = null!;
            error = McpOutgoingMessage.Rejection(context.RequestId, McpRejection.InvalidParams, $"Invalid params for {context.Method}.");
            return false;
        }

        context.ProgressToken = parsed.Meta?.ProgressToken;
        value = parsed;
        return true;
    }

    private static string Truncate(string text) => text.Length <= 100 ? text : string.Concat(text.AsSpan(0, 100), "…");
}
