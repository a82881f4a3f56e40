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

    /// <summary>A form-mode elicitation asking for the fields of <paramref name="schema"/>.</summary>
    public static ElicitRequestParams Form(string message, ElicitationRequestedSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return new ElicitRequestParams { Mode = "form", Message = message, RequestedSchema = schema.ToJsonElement() };
    }

    /// <summary>A URL-mode elicitation sending the user to <paramref name="url"/>, correlated by <paramref name="elicitationId"/>.</summary>
    public static ElicitRequestParams ForUrl(string message, string url, string elicitationId) =>
        new() { Mode = "url", Message = message, Url = url, ElicitationId = elicitationId };
}
