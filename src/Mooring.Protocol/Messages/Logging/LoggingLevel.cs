using System.Text.Json.Serialization;

namespace Mooring.Protocol;

/// <summary>Syslog severities (RFC 5424), from least to most severe.</summary>
[JsonConverter(typeof(StrictStringEnumConverter<LoggingLevel>))]
public enum LoggingLevel
{
    /// <summary>Debugging detail.</summary>
    [JsonStringEnumMemberName("debug")]
    Debug,

    /// <summary>Informational.</summary>
    [JsonStringEnumMemberName("info")]
    Info,

    /// <summary>Normal but significant.</summary>
    [JsonStringEnumMemberName("notice")]
    Notice,

    /// <summary>Warning.</summary>
    [JsonStringEnumMemberName("warning")]
    Warning,

    /// <summary>Error.</summary>
    [JsonStringEnumMemberName("error")]
    Error,

    /// <summary>Critical condition.</summary>
    [JsonStringEnumMemberName("critical")]
    Critical,

    /// <summary>Action must be taken immediately.</summary>
    [JsonStringEnumMemberName("alert")]
    Alert,

    /// <summary>System is unusable.</summary>
    [JsonStringEnumMemberName("emergency")]
    Emergency,
}
