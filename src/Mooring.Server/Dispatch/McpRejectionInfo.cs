namespace Mooring.Server;

/// <summary>How a rejection appears on the wire: JSON-RPC error code, HTTP status (for HTTP transports) and message.</summary>
/// <param name="Code">The JSON-RPC error code.</param>
/// <param name="HttpStatus">The HTTP status code.</param>
/// <param name="Message">The error message sent to the client. Never contains exception text.</param>
public readonly record struct McpRejectionInfo(int Code, int HttpStatus, string Message);
