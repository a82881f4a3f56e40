using System.Text.Json;
using System.Text.Json.Serialization;
using Mooring.Protocol;

namespace Mooring.Extensions.Skills;

/// <summary>
/// Source-generated serialization metadata for the skills extension's messages, with the options of the core's
/// <see cref="McpJsonContext"/>: camelCase names, nulls omitted, nullable annotations enforced (a missing or null
/// <c>uri</c> is rejected while reading, before a handler sees it).
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    AllowOutOfOrderMetadataProperties = true,
    NumberHandling = JsonNumberHandling.Strict,
    UseStringEnumConverter = true,
    RespectNullableAnnotations = true)]
[JsonSerializable(typeof(PaginatedRequestParams))]
[JsonSerializable(typeof(GetSkillRequestParams))]
[JsonSerializable(typeof(ReadResourceDirectoryRequestParams))]
[JsonSerializable(typeof(ListSkillsResult))]
[JsonSerializable(typeof(GetSkillResult))]
[JsonSerializable(typeof(ReadResourceDirectoryResult))]
public sealed partial class McpSkillsJsonContext : JsonSerializerContext;
