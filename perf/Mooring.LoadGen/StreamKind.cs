namespace Mooring.LoadGen;

/// <summary>The kind of long-lived SSE stream <see cref="LoadMode.Streams"/> holds.</summary>
internal enum StreamKind
{
    /// <summary>One legacy session per stream, then <c>GET</c> with its <c>MCP-Session-Id</c>.</summary>
    Get,

    /// <summary>A 2026-07-28 <c>subscriptions/listen</c> POST per stream; no session.</summary>
    Listen,
}
