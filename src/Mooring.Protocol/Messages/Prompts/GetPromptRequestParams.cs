using System.Text.Json.Serialization;

namespace Mooring.Protocol;

/// <summary>Params of <c>prompts/get</c>.</summary>
public sealed class GetPromptRequestParams : InputResponseRequestParams
{
    /// <summary>The prompt.</summary>
    public required string Name { get; set; }

    /// <summary>Argument values.</summary>
    public Dictionary<string, string>? Arguments { get; set; }
}
