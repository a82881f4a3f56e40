using System.Text.Json.Serialization;

namespace Mooring.Protocol;

/// <summary>Params of <c>completion/complete</c>.</summary>
public sealed class CompleteRequestParams : RequestParams
{
    /// <summary>What is being completed: a prompt or a resource template.</summary>
    public required CompletionReference Ref { get; set; }

    /// <summary>The argument and its partial value.</summary>
    public required CompletionArgument Argument { get; set; }

    /// <summary>Values of other arguments already chosen.</summary>
    public CompletionContext? Context { get; set; }
}
