using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mooring.Protocol;

/// <summary>Params of <c>notifications/message</c>.</summary>
public sealed class LoggingMessageNotificationParams : NotificationParams
{
    /// <summary>Severity.</summary>
    public required LoggingLevel Level { get; set; }

    /// <summary>Logger name.</summary>
    public string? Logger { get; set; }

    /// <summary>The message: any JSON value.</summary>
    public JsonElement Data { get; set; }
}
