using Mooring.Server;

namespace Mooring.AspNetCore;

/// <summary>A queued message, or (with <see cref="ReconnectAfter"/>) a request to close the connection for polling.</summary>
internal readonly record struct OutboundItem(McpOutgoingMessage? Message, TimeSpan? ReconnectAfter);
