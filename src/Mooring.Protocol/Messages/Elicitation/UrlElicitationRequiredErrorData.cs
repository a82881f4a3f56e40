namespace Mooring.Protocol;

/// <summary>The <c>data</c> of a <c>-32042</c> URL-elicitation-required error: the URL-mode elicitations the client must complete first.</summary>
public sealed class UrlElicitationRequiredErrorData
{
    /// <summary>URL-mode elicitations (each with <c>mode: "url"</c>, <c>url</c> and <c>elicitationId</c>).</summary>
    public IList<ElicitRequestParams> Elicitations { get; set; } = [];
}
