using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Mooring.Protocol;

namespace Mooring.Server;

/// <summary>
/// Options of the transport-agnostic server core. Bound from the <c>Mooring</c> configuration section by the host;
/// every default is stated with its reason.
/// </summary>
public sealed class McpServerOptions
{
    private int _pageSize = 100;
    private TimeSpan _requestStateLifetime = TimeSpan.FromMinutes(5);
    private int _maxQueuedListenNotifications = 64;
    private TimeSpan _clientRequestTimeout = TimeSpan.FromMinutes(2);
    private int _maxJsonDepth = JsonRpcReader.DefaultMaxDepth;

    /// <summary>
    /// The server's name and version in <c>initialize</c> results. Default: <c>mooring</c> with the assembly's version.
    /// </summary>
    public Implementation ServerInfo { get; set; } = new()
    {
        Name = "mooring",
        Version = typeof(McpServerOptions).Assembly.GetName().Version?.ToString(3) ?? "0.0.0",
    };

    /// <summary>Instructions for the model about how to use this server. Default: none.</summary>
    public string? Instructions { get; set; }

    /// <summary>
    /// Items per page of <c>tools/list</c>, <c>prompts/list</c>, <c>resources/list</c> and
    /// <c>resources/templates/list</c>. Default 100: one page for typical servers, bounded for huge ones.
    /// </summary>
    public int PageSize
    {
        get => _pageSize;
        set => _pageSize = value is >= 1 and <= 10_000 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "PageSize must be between 1 and 10000.");
    }

    /// <summary>
    /// How long a server-to-client request (sampling, elicitation, roots, ping) waits for the client's answer before
    /// the server cancels it. Default 2 minutes: long enough for a person to answer an elicitation, short enough that
    /// an abandoned request does not hold its handler forever.
    /// </summary>
    public TimeSpan ClientRequestTimeout
    {
        get => _clientRequestTimeout;
        set => _clientRequestTimeout = value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "ClientRequestTimeout must be positive.");
    }

    /// <summary>
    /// Maximum JSON nesting depth accepted in a message. Default 64: deeper than any real schema or argument, shallow
    /// enough to stop stack-exhaustion attempts.
    /// </summary>
    public int MaxJsonDepth
    {
        get => _maxJsonDepth;
        set => _maxJsonDepth = value is >= 8 and <= 1024 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "MaxJsonDepth must be between 8 and 1024.");
    }

    /// <summary>
    /// The log level applied to a session that never sent <c>logging/setLevel</c>. Default <see cref="LoggingLevel.Info"/>:
    /// the spec lets the server choose, and info keeps debug chatter off the wire.
    /// </summary>
    public LoggingLevel DefaultClientLogLevel { get; set; } = LoggingLevel.Info;

    /// <summary>Caps of the resources the server holds; see <see cref="McpServerLimits"/> for each default.</summary>
    public McpServerLimits Limits { get; } = new();

    /// <summary>
    /// Notifications a <c>subscriptions/listen</c> stream may hold waiting to be written. Default 64: they are hints to
    /// refetch, so one that does not fit is dropped rather than letting a slow reader grow memory.
    /// </summary>
    public int MaxQueuedListenNotifications
    {
        get => _maxQueuedListenNotifications;
        set => _maxQueuedListenNotifications = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "MaxQueuedListenNotifications must be at least 1.");
    }

    /// <summary>How tasks live: default and longest lifetime, poll interval.</summary>
    public McpTaskOptions Tasks { get; } = new();

    /// <summary>Caching hints on cacheable modern (2026-07-28) results.</summary>
    public McpCachingOptions Caching { get; } = new();

    /// <summary>
    /// How long the <c>requestState</c> of a multi round-trip request stays valid. Default 5 minutes: long enough for a
    /// person to answer an elicitation, short enough that a leaked state is soon worthless.
    /// </summary>
    public TimeSpan RequestStateLifetime
    {
        get => _requestStateLifetime;
        set => _requestStateLifetime = value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "RequestStateLifetime must be positive.");
    }

    /// <summary>
    /// When true, the text of unexpected exceptions thrown by handlers is sent to clients. Default false: exception
    /// text can leak internals; it is always logged server-side.
    /// </summary>
    public bool IncludeExceptionDetails { get; set; }

    /// <summary>
    /// Serializer options for user types: tool arguments, structured results and generated schemas. Default: web
    /// defaults (camelCase) with strict number handling and enums by name, resolving MCP types from source-generated metadata and user types by reflection.
    /// </summary>
    public JsonSerializerOptions SerializerOptions { get; set; } = CreateDefaultSerializerOptions();

    /// <summary>
    /// Creates the default <see cref="SerializerOptions"/>. In a trimmed or Native AOT app, where reflection-based
    /// serialization is off, user types resolve only from source-generated contexts: add yours with
    /// <c>SerializerOptions.TypeInfoResolverChain.Insert(0, MyJsonContext.Default)</c> (with
    /// <c>UseStringEnumConverter = true</c> on it for enums by name).
    /// </summary>
    public static JsonSerializerOptions CreateDefaultSerializerOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            // Arguments are typed strictly: "5" is not an integer, so schemas say exactly what is accepted.
            NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict,
            TypeInfoResolver = McpJsonContext.Default,
            MaxDepth = JsonRpcReader.DefaultMaxDepth,
        };
        if (McpReflectionBinding.IsEnabled)
        {
            // Enums travel by name, so a schema lists the names a model can send (not opaque integers).
            options.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(namingPolicy: null, allowIntegerValues: false));
            options.TypeInfoResolverChain.Add(new DefaultJsonTypeInfoResolver());
        }

        return options;
    }
}
