namespace Mooring.Server;

/// <summary>
/// Handles one request of a method an extension adds. It must read <paramref name="parameters"/> before its first
/// await (the buffer is only valid until then) and answer with <see cref="McpRequestContext.CreateResult{T}"/> or an
/// error (<see cref="McpOutgoingMessage.Error(Mooring.Protocol.RequestId?, int, string, int)"/>).
/// </summary>
/// <param name="context">The request.</param>
/// <param name="parameters">The raw JSON of the request's params; empty when absent.</param>
public delegate ValueTask<McpOutgoingMessage> McpRequestHandler(McpRequestContext context, ReadOnlyMemory<byte> parameters);
