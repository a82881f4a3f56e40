using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mooring.Protocol;

/// <summary>Params of <c>elicitation/create</c> in form or URL mode.</summary>
public sealed class ElicitRequestParams : RequestParams
{
    /// <summary><c>form</c> (default) or <c>url</c>.</summary>
    public string? Mode { get; set; }

    /// <summary>What is being asked, for the user.</summary>
    public required string Message { get; set; }

    /// <summary>Form mode: a flat object schema of primitive properties.</summary>
    public JsonElement? RequestedSchema { get; set; }

    /// <summary>URL mode: the URL the user should open.</summary>
    public string? Url { get; set; }

    /// <summary>URL mode: correlates the completion notification.</summary>
    public string? ElicitationId { get; set; }
}
