namespace Mooring.AspNetCore.Tests.Http.BadInput;

/// <summary>Which session a corpus case is sent on.</summary>
internal enum BadInputSession
{
    /// <summary>A session that negotiated 2025-11-25 (no batches).</summary>
    Current,

    /// <summary>A session that negotiated 2025-03-26 (batches allowed).</summary>
    Legacy,

    /// <summary>No MCP-Session-Id header.</summary>
    None,
}
