using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mooring.Protocol;

/// <summary>The client's answer to <c>elicitation/create</c>.</summary>
public sealed class ElicitResult : Result
{
    /// <summary><c>accept</c>, <c>decline</c> or <c>cancel</c>.</summary>
    public required string Action { get; set; }

    /// <summary>Form values when accepted.</summary>
    public Dictionary<string, JsonElement>? Content { get; set; }
}
