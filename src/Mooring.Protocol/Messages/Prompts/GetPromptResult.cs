using System.Text.Json.Serialization;

namespace Mooring.Protocol;

/// <summary>Result of <c>prompts/get</c>.</summary>
public sealed class GetPromptResult : Result
{
    /// <summary>Description.</summary>
    public string? Description { get; set; }

    /// <summary>The prompt's messages.</summary>
    public IList<PromptMessage> Messages { get; set; } = [];
}
