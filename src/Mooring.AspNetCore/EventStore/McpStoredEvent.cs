namespace Mooring.AspNetCore;

/// <summary>One SSE event kept for replay: the JSON-RPC message of event <c>{StreamId}.{Sequence}</c> in a session.</summary>
/// <param name="SessionId">The session.</param>
/// <param name="StreamId">The stream within the session.</param>
/// <param name="Sequence">The event's position in its stream (1, 2, …).</param>
/// <param name="Data">The UTF-8 JSON of the message.</param>
public sealed record McpStoredEvent(string SessionId, string StreamId, long Sequence, ReadOnlyMemory<byte> Data);
