namespace Mooring.Protocol;

/// <summary>The <c>data</c> of error <c>-32021</c>: the client capabilities the request would need.</summary>
public sealed class MissingClientCapabilityErrorData
{
    /// <summary>The capabilities to declare on the request, as a capabilities object (for example <c>{"sampling":{}}</c>).</summary>
    public required ClientCapabilities RequiredCapabilities { get; set; }
}
