namespace Mooring.Protocol;

/// <summary>MCP method names: requests and notifications in both directions.</summary>
public static class McpMethods
{
    /// <summary>Client → server: start a legacy session.</summary>
    public const string Initialize = "initialize";

    /// <summary>Either direction: liveness check.</summary>
    public const string Ping = "ping";

    /// <summary>Asks a modern server for its versions, capabilities and identity.</summary>
    public const string ServerDiscover = "server/discover";

    /// <summary>Opens a stream of the notifications a modern client asks for.</summary>
    public const string SubscriptionsListen = "subscriptions/listen";

    /// <summary>The first message of a <c>subscriptions/listen</c> stream.</summary>
    public const string NotificationSubscriptionsAcknowledged = "notifications/subscriptions/acknowledged";

    /// <summary>Client → server: list tools.</summary>
    public const string ToolsList = "tools/list";

    /// <summary>Client → server: call a tool.</summary>
    public const string ToolsCall = "tools/call";

    /// <summary>Client → server: list resources.</summary>
    public const string ResourcesList = "resources/list";

    /// <summary>Client → server: list resource templates.</summary>
    public const string ResourcesTemplatesList = "resources/templates/list";

    /// <summary>Client → server: read a resource.</summary>
    public const string ResourcesRead = "resources/read";

    /// <summary>Client → server: subscribe to a resource's updates.</summary>
    public const string ResourcesSubscribe = "resources/subscribe";

    /// <summary>Client → server: unsubscribe from a resource's updates.</summary>
    public const string ResourcesUnsubscribe = "resources/unsubscribe";

    /// <summary>Client → server: list prompts.</summary>
    public const string PromptsList = "prompts/list";

    /// <summary>Client → server: get a prompt.</summary>
    public const string PromptsGet = "prompts/get";

    /// <summary>Client → server: complete an argument.</summary>
    public const string CompletionComplete = "completion/complete";

    /// <summary>Client → server: set the minimum log level.</summary>
    public const string LoggingSetLevel = "logging/setLevel";

    /// <summary>Either direction: get a task's state.</summary>
    public const string TasksGet = "tasks/get";

    /// <summary>Either direction: get a task's result.</summary>
    public const string TasksResult = "tasks/result";

    /// <summary>Either direction: list tasks.</summary>
    public const string TasksList = "tasks/list";

    /// <summary>Either direction: cancel a task.</summary>
    public const string TasksCancel = "tasks/cancel";

    /// <summary>Answers the input a task waits for (tasks extension, modern era).</summary>
    public const string TasksUpdate = "tasks/update";

    /// <summary>Server → client: sample from an LLM.</summary>
    public const string SamplingCreateMessage = "sampling/createMessage";

    /// <summary>Server → client: ask the user for input.</summary>
    public const string ElicitationCreate = "elicitation/create";

    /// <summary>Server → client: list the client's roots.</summary>
    public const string RootsList = "roots/list";

    /// <summary>Client → server: the client finished initializing.</summary>
    public const string NotificationInitialized = "notifications/initialized";

    /// <summary>Either direction: cancel an in-flight request.</summary>
    public const string NotificationCancelled = "notifications/cancelled";

    /// <summary>Either direction: progress of a request.</summary>
    public const string NotificationProgress = "notifications/progress";

    /// <summary>Server → client: a log message.</summary>
    public const string NotificationMessage = "notifications/message";

    /// <summary>Server → client: a subscribed resource changed.</summary>
    public const string NotificationResourceUpdated = "notifications/resources/updated";

    /// <summary>Server → client: the resource list changed.</summary>
    public const string NotificationResourceListChanged = "notifications/resources/list_changed";

    /// <summary>Server → client: the tool list changed.</summary>
    public const string NotificationToolListChanged = "notifications/tools/list_changed";

    /// <summary>Server → client: the prompt list changed.</summary>
    public const string NotificationPromptListChanged = "notifications/prompts/list_changed";

    /// <summary>Client → server: the client's roots changed.</summary>
    public const string NotificationRootsListChanged = "notifications/roots/list_changed";

    /// <summary>Server → client: a URL-mode elicitation completed.</summary>
    public const string NotificationElicitationComplete = "notifications/elicitation/complete";

    /// <summary>Either direction: a task's status changed.</summary>
    public const string NotificationTaskStatus = "notifications/tasks/status";
}
