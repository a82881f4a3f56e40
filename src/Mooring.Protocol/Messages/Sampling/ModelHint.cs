using System.Text.Json.Serialization;

namespace Mooring.Protocol;

/// <summary>A model name hint.</summary>
public sealed class ModelHint
{
    /// <summary>A model name or family.</summary>
    public string? Name { get; set; }
}
