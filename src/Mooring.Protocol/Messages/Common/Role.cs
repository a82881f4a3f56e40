using System.Text.Json.Serialization;

namespace Mooring.Protocol;

/// <summary>The sender or recipient of a message.</summary>
[JsonConverter(typeof(StrictStringEnumConverter<Role>))]
public enum Role
{
    /// <summary>The user.</summary>
    [JsonStringEnumMemberName("user")]
    User,

    /// <summary>The model.</summary>
    [JsonStringEnumMemberName("assistant")]
    Assistant,
}
