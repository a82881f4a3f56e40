using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Mooring.Protocol;

/// <summary>
/// Source-generated serialization metadata for every MCP message type: camelCase names, nulls omitted,
/// out-of-order <c>type</c> discriminators accepted (clients do not always write <c>type</c> first), and nullable
/// annotations enforced, so a JSON null where the schema requires a value (a tool name, a URI) is rejected while
/// reading instead of reaching a handler.
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    AllowOutOfOrderMetadataProperties = true,
    NumberHandling = JsonNumberHandling.Strict,
    UseStringEnumConverter = true,
    RespectNullableAnnotations = true)]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(JsonNode))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(Dictionary<string, JsonElement>))]
[JsonSerializable(typeof(RequestId))]
[JsonSerializable(typeof(EmptyResult))]
[JsonSerializable(typeof(RequestParams))]
[JsonSerializable(typeof(PaginatedRequestParams))]
[JsonSerializable(typeof(InitializeRequestParams))]
[JsonSerializable(typeof(InitializeResult))]
[JsonSerializable(typeof(ContentBlock))]
[JsonSerializable(typeof(IList<ContentBlock>))]
[JsonSerializable(typeof(TextResourceContents))]
[JsonSerializable(typeof(BlobResourceContents))]
[JsonSerializable(typeof(ResourceContents))]
[JsonSerializable(typeof(CallToolRequestParams))]
[JsonSerializable(typeof(CallToolResult))]
[JsonSerializable(typeof(ListToolsResult))]
[JsonSerializable(typeof(ListResourcesResult))]
[JsonSerializable(typeof(ListResourceTemplatesResult))]
[JsonSerializable(typeof(ReadResourceRequestParams))]
[JsonSerializable(typeof(ReadResourceResult))]
[JsonSerializable(typeof(SubscribeRequestParams))]
[JsonSerializable(typeof(ResourceUpdatedNotificationParams))]
[JsonSerializable(typeof(ListPromptsResult))]
[JsonSerializable(typeof(GetPromptRequestParams))]
[JsonSerializable(typeof(GetPromptResult))]
[JsonSerializable(typeof(CompleteRequestParams))]
[JsonSerializable(typeof(CompleteResult))]
[JsonSerializable(typeof(SetLevelRequestParams))]
[JsonSerializable(typeof(LoggingMessageNotificationParams))]
[JsonSerializable(typeof(ProgressNotificationParams))]
[JsonSerializable(typeof(CancelledNotificationParams))]
[JsonSerializable(typeof(NotificationParams))]
[JsonSerializable(typeof(CreateMessageRequestParams))]
[JsonSerializable(typeof(CreateMessageResult))]
[JsonSerializable(typeof(ElicitRequestParams))]
[JsonSerializable(typeof(ElicitResult))]
[JsonSerializable(typeof(ElicitationCompleteNotificationParams))]
[JsonSerializable(typeof(UrlElicitationRequiredErrorData))]
[JsonSerializable(typeof(ElicitationRequestedSchema))]
[JsonSerializable(typeof(ListRootsResult))]
[JsonSerializable(typeof(CreateTaskResult))]
[JsonSerializable(typeof(TaskIdRequestParams))]
[JsonSerializable(typeof(ListTasksResult))]
[JsonSerializable(typeof(McpTask))]
[JsonSerializable(typeof(DiscoverResult))]
[JsonSerializable(typeof(UnsupportedProtocolVersionErrorData))]
[JsonSerializable(typeof(MissingClientCapabilityErrorData))]
[JsonSerializable(typeof(InputRequiredResult))]
[JsonSerializable(typeof(InputRequest))]
[JsonSerializable(typeof(SubscriptionsListenRequestParams))]
[JsonSerializable(typeof(SubscriptionsAcknowledgedNotificationParams))]
[JsonSerializable(typeof(ResultMeta))]
[JsonSerializable(typeof(DetailedTask))]
[JsonSerializable(typeof(TaskUpdateRequestParams))]
public sealed partial class McpJsonContext : JsonSerializerContext;
