using System.Text.Json.Serialization;

namespace Mooring.Protocol;

/// <summary>Params of <c>notifications/progress</c>.</summary>
public sealed class ProgressNotificationParams : NotificationParams
{
    /// <summary>The token from the request.</summary>
    public required RequestId ProgressToken { get; set; }

    /// <summary>Progress so far; increases with each notification.</summary>
    public required double Progress { get; set; }

    /// <summary>Total, if known.</summary>
    public double? Total { get; set; }

    /// <summary>Human-readable status.</summary>
    public string? Message { get; set; }
}
