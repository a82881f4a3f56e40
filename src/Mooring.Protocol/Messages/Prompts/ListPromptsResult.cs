using System.Text.Json.Serialization;

namespace Mooring.Protocol;

/// <summary>Result of <c>prompts/list</c>.</summary>
public sealed class ListPromptsResult : PaginatedResult
{
    /// <summary>One page of prompts.</summary>
    public IList<Prompt> Prompts { get; set; } = [];
}
