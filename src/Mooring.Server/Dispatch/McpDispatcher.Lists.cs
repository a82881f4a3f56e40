using System.Buffers.Text;
using System.Text;
using Mooring.Protocol;

namespace Mooring.Server;

internal sealed partial class McpDispatcher
{
    private ValueTask<McpOutgoingMessage> ListToolsAsync(McpRequestContext ctx, ReadOnlyMemory<byte> raw)
    {
        if (!TryPage(ctx, raw, _server.Tools, out IReadOnlyList<McpServerTool> page, out string? next, out McpOutgoingMessage? error))
        {
            return ValueTask.FromResult(error!);
        }

        var result = new ListToolsResult { Tools = [.. page.Select(t => t.ProtocolTool)], NextCursor = next };
        return ValueTask.FromResult(ctx.Reply(result, McpJsonContext.Default.ListToolsResult, _server.Options.Caching.Lists));
    }

    private ValueTask<McpOutgoingMessage> ListPromptsAsync(McpRequestContext ctx, ReadOnlyMemory<byte> raw)
    {
        if (!TryPage(ctx, raw, _server.Prompts, out IReadOnlyList<McpServerPrompt> page, out string? next, out McpOutgoingMessage? error))
        {
            return ValueTask.FromResult(error!);
        }

        var result = new ListPromptsResult { Prompts = [.. page.Select(p => p.ProtocolPrompt)], NextCursor = next };
        return ValueTask.FromResult(ctx.Reply(result, McpJsonContext.Default.ListPromptsResult, _server.Options.Caching.Lists));
    }

    private ValueTask<McpOutgoingMessage> ListResourcesAsync(McpRequestContext ctx, ReadOnlyMemory<byte> raw)
    {
        if (!TryPage(ctx, raw, _server.Resources, out IReadOnlyList<McpServerResource> page, out string? next, out McpOutgoingMessage? error))
        {
            return ValueTask.FromResult(error!);
        }

        var result = new ListResourcesResult { Resources = [.. page.Select(r => r.ProtocolResource!)], NextCursor = next };
        return ValueTask.FromResult(ctx.Reply(result, McpJsonContext.Default.ListResourcesResult, _server.Options.Caching.Lists));
    }

    private ValueTask<McpOutgoingMessage> ListResourceTemplatesAsync(McpRequestContext ctx, ReadOnlyMemory<byte> raw)
    {
        if (!TryPage(ctx, raw, _server.ResourceTemplates, out IReadOnlyList<McpServerResource> page, out string? next, out McpOutgoingMessage? error))
        {
            return ValueTask.FromResult(error!);
        }

        var result = new ListResourceTemplatesResult { ResourceTemplates = [.. page.Select(r => r.ProtocolResourceTemplate!)], NextCursor = next };
        return ValueTask.FromResult(ctx.Reply(result, McpJsonContext.Default.ListResourceTemplatesResult, _server.Options.Caching.Lists));
    }

    /// <summary>
    /// One page of a collection. Cursors are the base64url of the last key served: opaque to clients, and stable
    /// while the collection changes (a page starts after that key, wherever it now sits).
    /// </summary>
    private bool TryPage<T>(McpRequestContext ctx, ReadOnlyMemory<byte> raw, McpServerPrimitiveCollection<T> collection, out IReadOnlyList<T> page, out string? nextCursor, out McpOutgoingMessage? error)
        where T : class, IMcpServerPrimitive
    {
        page = [];
        nextCursor = null;
        if (!TryParams(ctx, raw, McpJsonContext.Default.PaginatedRequestParams, new PaginatedRequestParams(), out PaginatedRequestParams p, out error))
        {
            return false;
        }

        string? afterKey = null;
        if (!string.IsNullOrEmpty(p.Cursor) && !TryDecodeCursor(p.Cursor, out afterKey))
        {
            error = McpOutgoingMessage.Rejection(ctx.RequestId, McpRejection.InvalidParams, "Invalid params: the cursor is not one this server issued.");
            return false;
        }

        (page, bool hasMore) = collection.GetPage(afterKey, _server.Options.PageSize);
        nextCursor = hasMore && page.Count > 0 ? EncodeCursor(page[^1].Key) : null;
        return true;
    }

    internal static string EncodeCursor(string key) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(key));

    internal static bool TryDecodeCursor(string cursor, out string? key)
    {
        key = null;
        // IsValid first: TryDecodeFromChars returns false only when the destination is too small and throws
        // FormatException on characters outside the alphabet or an impossible length.
        if (cursor.Length > 4096 || !Base64Url.IsValid(cursor))
        {
            return false;
        }

        byte[] buffer = new byte[Base64Url.GetMaxDecodedLength(cursor.Length)];
        if (!Base64Url.TryDecodeFromChars(cursor, buffer, out int written))
        {
            return false;
        }

        try
        {
            key = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer, 0, written);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
