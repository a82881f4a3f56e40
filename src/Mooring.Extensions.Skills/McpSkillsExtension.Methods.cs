using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Mooring.Protocol;
using Mooring.Server;

namespace Mooring.Extensions.Skills;

public sealed partial class McpSkillsExtension
{
    private ValueTask<McpOutgoingMessage> ListSkills(McpRequestContext context, ReadOnlyMemory<byte> parameters)
    {
        if (!TryRead(context, parameters, McpSkillsJsonContext.Default.PaginatedRequestParams, new PaginatedRequestParams(), out PaginatedRequestParams? request, out McpOutgoingMessage? error))
        {
            return ValueTask.FromResult(error);
        }

        McpSkillCatalog catalog = _catalog;
        if (!McpSkillsPaging.TryPage(catalog.Skills, static s => s.Uri, request.Cursor, _pageSize, out List<Skill> page, out string? next))
        {
            return ValueTask.FromResult(InvalidCursor(context));
        }

        var result = new ListSkillsResult { Skills = page, NextCursor = next };
        return ValueTask.FromResult(context.CreateResult(result, McpSkillsJsonContext.Default.ListSkillsResult, _options.ListCache));
    }

    private ValueTask<McpOutgoingMessage> GetSkill(McpRequestContext context, ReadOnlyMemory<byte> parameters)
    {
        if (!TryRead(context, parameters, McpSkillsJsonContext.Default.GetSkillRequestParams, null, out GetSkillRequestParams? request, out McpOutgoingMessage? error))
        {
            return ValueTask.FromResult(error);
        }

        if (!_catalog.TryGetSkill(request.Uri, out Skill? skill))
        {
            return ValueTask.FromResult(UnknownUri(context, request.Uri, $"No skill is served at {Truncate(request.Uri)}."));
        }

        return ValueTask.FromResult(context.CreateResult(new GetSkillResult { Skill = skill }, McpSkillsJsonContext.Default.GetSkillResult, _options.GetCache));
    }

    private ValueTask<McpOutgoingMessage> ReadDirectory(McpRequestContext context, ReadOnlyMemory<byte> parameters)
    {
        if (!TryRead(context, parameters, McpSkillsJsonContext.Default.ReadResourceDirectoryRequestParams, null, out ReadResourceDirectoryRequestParams? request, out McpOutgoingMessage? error))
        {
            return ValueTask.FromResult(error);
        }

        McpSkillCatalog catalog = _catalog;
        if (!catalog.TryGetDirectory(request.Uri, out IReadOnlyList<Resource>? children))
        {
            string detail = catalog.TryGetFile(request.Uri, out _)
                ? $"{Truncate(request.Uri)} is not a directory resource."
                : $"No directory is served at {Truncate(request.Uri)}.";
            return ValueTask.FromResult(UnknownUri(context, request.Uri, detail));
        }

        if (!McpSkillsPaging.TryPage(children, static r => r.Uri, request.Cursor, _pageSize, out List<Resource> page, out string? next))
        {
            return ValueTask.FromResult(InvalidCursor(context));
        }

        // Not a cacheable result in the specification: no caching hints.
        var result = new ReadResourceDirectoryResult { Resources = page, NextCursor = next };
        return ValueTask.FromResult(context.CreateResult(result, McpSkillsJsonContext.Default.ReadResourceDirectoryResult));
    }

    /// <summary>Reads the params before the handler's first await (the buffer is only valid until then); absent params give <paramref name="whenAbsent"/>, or fail when it is null.</summary>
    private static bool TryRead<T>(McpRequestContext context, ReadOnlyMemory<byte> raw, JsonTypeInfo<T> typeInfo, T? whenAbsent, [NotNullWhen(true)] out T? value, [NotNullWhen(false)] out McpOutgoingMessage? error)
        where T : RequestParams
    {
        value = whenAbsent;
        if (!raw.IsEmpty)
        {
            try
            {
                value = JsonSerializer.Deserialize(raw.Span, typeInfo);
            }
            catch (JsonException)
            {
                value = null;
            }
        }

        error = value is null ? McpOutgoingMessage.Rejection(context.RequestId, McpRejection.InvalidParams, $"Invalid params for {context.Method}.") : null;
        return value is not null;
    }

    private static McpOutgoingMessage InvalidCursor(McpRequestContext context) =>
        McpOutgoingMessage.Rejection(context.RequestId, McpRejection.InvalidParams, "Invalid params: the cursor is not one this server issued.");

    /// <summary>-32602 naming the URI in <c>data</c>, as the core answers an unknown resource on modern requests.</summary>
    private static McpOutgoingMessage UnknownUri(McpRequestContext context, string uri, string detail) =>
        McpOutgoingMessage.Rejection(context.RequestId, McpRejection.InvalidParams, new JsonObject { ["uri"] = uri }, McpJsonContext.Default.JsonObject, detail);

    private static string Truncate(string text) => text.Length <= 200 ? text : string.Concat(text.AsSpan(0, 200), "…");
}
