using System.Text.Json.Serialization;

namespace Mooring.Protocol;

/// <summary>The client's roots capability.</summary>
public sealed class RootsCapability
{
    /// <summary>Whether the client notifies when its roots change.</summary>
    public bool? ListChanged { get; set; }
}
