using Microsoft.Extensions.Logging;

namespace Mooring.Server;

/// <summary>Source-generated log messages of the server core (event ids 1000–1099).</summary>
internal static partial class McpServerLog
{
    [LoggerMessage(1000, LogLevel.Debug, "Session {SessionId} initialized with protocol {ProtocolVersion} by {ClientName} {ClientVersion}.")]
    public static partial void SessionInitialized(ILogger logger, string sessionId, string protocolVersion, string clientName, string clientVersion);

    [LoggerMessage(1001, LogLevel.Error, "Handler for {Method} failed in session {SessionId}.")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, string method, string sessionId);

    [LoggerMessage(1002, LogLevel.Error, "Tool {ToolName} failed.")]
    public static partial void ToolFailed(ILogger logger, Exception exception, string toolName);

    [LoggerMessage(1004, LogLevel.Warning, "Tool {ToolName} gave up waiting for the client to answer its request.")]
    public static partial void ClientRequestTimedOut(ILogger logger, string toolName);

    [LoggerMessage(1003, LogLevel.Debug, "Session {SessionId} received a response with id {ResponseId} that matches no pending request.")]
    public static partial void UnmatchedClientResponse(ILogger logger, string sessionId, string responseId);

    [LoggerMessage(1005, LogLevel.Error, "Task {TaskId} failed unexpectedly.")]
    public static partial void TaskFailed(ILogger logger, Exception exception, string taskId);
}
