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
    private readonly FrozenDictionary<string, Route> _handlers;

    public McpDispatcher(McpServer server)
    {
        _server = server;
        var routes = new Dictionary<string, Route>(StringComparer.Ordinal)
        {
            [McpMethods.Ping] = new(static (_, ctx, _) => ValueTask.FromResult(ctx.Reply(new EmptyResult(), McpJsonContext.Default.EmptyResult)), Legacy: true, Modern: false),
            [McpMethods.ServerDiscover] = new(static (d, ctx, p) => d.DiscoverAsync(ctx, p), Legacy: false, Modern: true),
            [McpMethods.SubscriptionsListen] = new(static (_, ctx, _) => ValueTask.FromResult(ListenUnavailable(ctx)), Legacy: false, Modern: true),
            [McpMethods.ToolsList] = Both(static (d, ctx, p) => d.ListToolsAsync(ctx, p)),
            [McpMethods.ToolsCall] = Both(static (d, ctx, p) => d.CallToolAsync(ctx, p)),
            [McpMethods.PromptsList] = Both(static (d, ctx, p) => d.ListPromptsAsync(ctx, p)),
            [McpMethods.PromptsGet] = Both(static (d, ctx, p) => d.GetPromptAsync(ctx, p)),
            [McpMethods.ResourcesList] = Both(static (d, ctx, p) => d.ListResourcesAsync(ctx, p)),
            [McpMethods.ResourcesTemplatesList] = Both(static (d, ctx, p) => d.ListResourceTemplatesAsync(ctx, p)),
            [McpMethods.ResourcesRead] = Both(static (d, ctx, p) => d.ReadResourceAsync(ctx, p)),
            [McpMethods.ResourcesSubscribe] = new(static (_, ctx, p) => SubscribeAsync(ctx, p, subscribe: true), Legacy: true, Modern: false),
            [McpMethods.ResourcesUnsubscribe] = new(static (_, ctx, p) => SubscribeAsync(ctx, p, subscribe: false), Legacy: true, Modern: false),
            [McpMethods.CompletionComplete] = Both(static (d, ctx, p) => d.CompleteAsync(ctx, p)),
            [McpMethods.LoggingSetLevel] = new(static (_, ctx, p) => SetLevelAsync(ctx, p), Legacy: true, Modern: false),
            [McpMethods.TasksGet] = Both(static (d, ctx, p) => d.TasksGetAsync(ctx, p)),
            [McpMethods.TasksCancel] = Both(static (d, ctx, p) => d.TasksCancelAsync(ctx, p)),
            [McpMethods.TasksUpdate] = new(static (d, ctx, p) => d.TasksUpdateAsync(ctx, p), Legacy: false, Modern: true),
            [McpMethods.TasksResult] = new(static (d, ctx, p) => d.TasksResultAsync(ctx, p), Legacy: true, Modern: false),
            [McpMethods.TasksList] = new(static (d, ctx, p) => d.TasksListAsync(ctx, p), Legacy: true, Modern: false),
        };
        foreach (McpServerExtension extension in server.Extensions)
        {
            foreach (KeyValuePair<string, McpRequestHandler> method in extension.Methods)
            {
                McpRequestHandler handler = method.Value;
                if (!routes.TryAdd(method.Key, new((_, ctx, p) => handler(ctx, p), extension.Legacy, extension.Modern)))
                {
                    throw new InvalidOperationException($"The extension '{extension.Id}' adds the method '{method.Key}', which is already served.");
                }
            }
        }

        _handlers = routes.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private delegate ValueTask<McpOutgoingMessage> Handler(McpDispatcher dispatcher, McpRequestContext context, ReadOnlyMemory<byte> parameters);

    /// <summary>True when a modern request may call <paramref name="method"/> (it exists in 2026-07-28 and is not removed).</summary>
    public bool IsModernMethod(string method) => _handlers.TryGetValue(method, out Route? route) && route.Modern;

    public ValueTask<McpOutgoingMessage> DispatchAsync(McpRequestContext context, ReadOnlyMemory<byte> parameters)
    {
        if (_handlers.TryGetValue(context.Method, out Route? route) && (context.IsModern ? route.Modern : route.Legacy))
        {
            return InvokeAsync(route.Handler, context, parameters);
        }

        // A method removed from the modern era (initialize, ping, logging/setLevel, resources/subscribe) is unknown there: 404 on HTTP.
        McpRejection rejection = context.IsModern ? McpRejection.ModernMethodNotFound : McpRejection.MethodNotFound;
        return ValueTask.FromResult(McpOutgoingMessage.Rejection(context.RequestId, rejection, $"Method not found: {Truncate(context.Method)}"));
    }

    private static Route Both(Handler handler) => new(handler, Legacy: true, Modern: true);

    private async ValueTask<McpOutgoingMessage> InvokeAsync(Handler handler, McpRequestContext context, ReadOnlyMemory<byte> parameters)
    {
        try
        {
            return await handler(this, context, parameters).ConfigureAwait(false);
        }
        catch (McpUrlElicitationRequiredException ex) when (!context.IsModern)
        {
            return ex.ToResponse(context.RequestId);
        }
        catch (McpRejectionException ex)
        {
            return McpOutgoingMessage.Rejection(context.RequestId, ex.Rejection, ex.Message);
        }
        catch (McpUrlElicitationRequiredException ex) when (context.IsModern)
        {
            // 2026-07-28 retired -32042: the same need is an input request for URL-mode elicitations.
            return UrlElicitationInput(context, ex);
        }
        catch (McpClientCapabilityRequiredException ex) when (context.IsModern)
        {
            var data = new MissingClientCapabilityErrorData { RequiredCapabilities = ex.Required };
            return McpOutgoingMessage.Rejection(context.RequestId, McpRejection.MissingClientCapability, data, McpJsonContext.Default.MissingClientCapabilityErrorData, ex.Message);
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
            McpServerLog.HandlerFailed(_server.Logger, ex, context.Method, context.Session?.Id ?? "stateless");
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

    private sealed record Route(Handler Handler, bool Legacy, bool Modern);
}
