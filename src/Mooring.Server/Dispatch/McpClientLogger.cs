using System.Text.Json;
using Mooring.Protocol;

namespace Mooring.Server;

/// <summary>
/// Sends <c>notifications/message</c> to the client for the current request, honouring the level the client set
/// with <c>logging/setLevel</c>. Messages go on the request's stream when it has one.
/// </summary>
public sealed class McpClientLogger
{
    private readonly McpRequestContext _context;

    internal McpClientLogger(McpRequestContext context) => _context = context;

    /// <summary>True when a message at <paramref name="level"/> would be sent.</summary>
    public bool IsEnabled(LoggingLevel level) => _context.LogLevel is { } minimum && level >= minimum;

    /// <summary>Sends a text message at <paramref name="level"/> if the client wants it.</summary>
    public ValueTask LogAsync(LoggingLevel level, string message, string? logger = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        return IsEnabled(level) ? SendAsync(level, McpRequestContext.ToElement(message), logger) : ValueTask.CompletedTask;
    }

    /// <summary>Sends structured data at <paramref name="level"/> if the client wants it.</summary>
    public ValueTask LogAsync(LoggingLevel level, JsonElement data, string? logger = null) =>
        IsEnabled(level) ? SendAsync(level, data, logger) : ValueTask.CompletedTask;

    /// <summary>Sends a debug message.</summary>
    public ValueTask DebugAsync(string message) => LogAsync(LoggingLevel.Debug, message);

    /// <summary>Sends an info message.</summary>
    public ValueTask InfoAsync(string message) => LogAsync(LoggingLevel.Info, message);

    /// <summary>Sends a warning message.</summary>
    public ValueTask WarningAsync(string message) => LogAsync(LoggingLevel.Warning, message);

    /// <summary>Sends an error message.</summary>
    public ValueTask ErrorAsync(string message) => LogAsync(LoggingLevel.Error, message);

    private async ValueTask SendAsync(LoggingLevel level, JsonElement data, string? logger)
    {
        var p = new LoggingMessageNotificationParams { Level = level, Data = data, Logger = logger };
        await _context.SendNotificationAsync(McpMethods.NotificationMessage, p, McpJsonContext.Default.LoggingMessageNotificationParams).ConfigureAwait(false);
    }
}
