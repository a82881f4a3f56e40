namespace Mooring.Server;

/// <summary>
/// A primitive with rules a subclass's data can break (a tool's <c>x-mcp-header</c> annotations):
/// <see cref="McpServerPrimitiveCollection{T}"/> checks it on <c>Add</c> and <c>Set</c>, so a hand-made primitive
/// fails at registration rather than when a request first needs it.
/// </summary>
internal interface IMcpValidatedPrimitive
{
    /// <summary>Throws an <see cref="ArgumentException"/> when the primitive is invalid.</summary>
    void Validate();
}
