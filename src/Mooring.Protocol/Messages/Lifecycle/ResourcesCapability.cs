using System.Text.Json.Serialization;

namespace Mooring.Protocol;

/// <summary>The server's resources capability.</summary>
public sealed class ResourcesCapability
{
    /// <summary>Whether clients can subscribe to resource updates.</summary>
    public bool? Subscribe { get; set; }

    /// <summary>Whether the server notifies when the resource list changes.</summary>
    public bool? ListChanged { get; set; }
}
