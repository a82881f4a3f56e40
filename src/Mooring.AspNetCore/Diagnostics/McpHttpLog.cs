using Microsoft.Extensions.Logging;

namespace Mooring.AspNetCore;

/// <summary>Source-generated log messages of the HTTP transport (event ids 2000–2099).</summary>
internal static partial class McpHttpLog
{
    [LoggerMessage(2000, LogLevel.Debug, "Session {SessionId} ended ({Reason}).")]
    public static partial void SessionEnded(ILogger logger, string sessionId, Mooring.Server.McpEndReason reason);

    [LoggerMessage(2001, LogLevel.Error, "The idle-session sweep failed.")]
    public static partial void SweepFailed(ILogger logger, Exception exception);

    [LoggerMessage(2002, LogLevel.Debug, "Rejected {Method} {Path}: {Reason}.")]
    public static partial void Rejected(ILogger logger, string method, string path, Mooring.Server.McpRejection reason);

    [LoggerMessage(2003, LogLevel.Debug, "Client disconnected from stream {StreamId} of session {SessionId}.")]
    public static partial void ClientDisconnected(ILogger logger, string streamId, string sessionId);

    [LoggerMessage(2004, LogLevel.Error, "Stream {StreamId} of session {SessionId} failed.")]
    public static partial void StreamFailed(ILogger logger, Exception exception, string streamId, string sessionId);

    [LoggerMessage(2006, LogLevel.Error, "A response could not be serialized.")]
    public static partial void ResponseSerializationFailed(ILogger logger, Exception exception);

    [LoggerMessage(2007, LogLevel.Information, "Draining: {Sessions} sessions, {Handlers} handlers in flight; new work is refused.")]
    public static partial void DrainStarted(ILogger logger, int sessions, long handlers);

    [LoggerMessage(2008, LogLevel.Information, "Drain finished; {Handlers} handlers were still running and have been cancelled.")]
    public static partial void DrainFinished(ILogger logger, long handlers);

    [LoggerMessage(2009, LogLevel.Debug, "An answer on {Path} was not taken within the write timeout; the connection was aborted.")]
    public static partial void WriteTimedOut(ILogger logger, string path);

    [LoggerMessage(2005, LogLevel.Debug, "Session {SessionId} created.")]
    public static partial void SessionCreated(ILogger logger, string sessionId);
}
