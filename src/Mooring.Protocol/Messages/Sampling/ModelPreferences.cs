using System.Text.Json.Serialization;

namespace Mooring.Protocol;

/// <summary>The server's preferences for model selection.</summary>
public sealed class ModelPreferences
{
    /// <summary>Model name hints, in order of preference.</summary>
    public IList<ModelHint>? Hints { get; set; }

    /// <summary>0–1: how much cost matters.</summary>
    public double? CostPriority { get; set; }

    /// <summary>0–1: how much speed matters.</summary>
    public double? SpeedPriority { get; set; }

    /// <summary>0–1: how much capability matters.</summary>
    public double? IntelligencePriority { get; set; }
}
