using System.Text.Json.Serialization;

namespace Mooring.Protocol;

/// <summary>Params of <c>logging/setLevel</c>.</summary>
public sealed class SetLevelRequestParams : RequestParams
{
    /// <summary>The minimum level to send.</summary>
    public required LoggingLevel Level { get; set; }
}
