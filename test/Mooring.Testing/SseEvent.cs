namespace Mooring.Testing;

/// <summary>
/// One block of an SSE stream (the lines up to a blank line), as the server wrote it: a block with only a
/// <c>retry</c> field or a comment is returned too, so tests can see everything on the wire.
/// </summary>
/// <param name="Id">The <c>id</c> field, or null.</param>
/// <param name="EventType">The <c>event</c> field, or null.</param>
/// <param name="Data">The <c>data</c> lines joined with <c>\n</c>; null when the block had no data field.</param>
/// <param name="RetryMilliseconds">The <c>retry</c> field, or null.</param>
/// <param name="Raw">The block's text.</param>
public sealed record SseEvent(string? Id, string? EventType, string? Data, long? RetryMilliseconds, string Raw)
{
    /// <summary>True for an event carrying a JSON-RPC message (non-empty data).</summary>
    public bool HasMessage => !string.IsNullOrEmpty(Data);
}
