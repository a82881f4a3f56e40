using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http;
using Mooring.Server;

namespace Mooring.AspNetCore;

internal sealed partial class McpHttpEndpoint
{
    /// <summary>
    /// GET opens the session's stream for server-initiated messages, or, with <c>Last-Event-ID</c>, resumes the stream
    /// that event belongs to: stored events after it are replayed, then the stream continues live until it ends.
    /// A new GET replaces an older connection, so a client whose stream broke silently can always reconnect.
    /// </summary>
    private async Task HandleGetAsync(HttpContext context)
    {
        McpHttpSession? session = null;
        McpRejection? rejection = McpRequestGate.CheckGetHeaders(context.Request, _options)
            ?? McpRequestGate.CheckProtocolVersion(context.Request)
            ?? FindSession(context, out session)
            ?? (_sessions.IsDraining ? McpRejection.Draining : null);
        if (rejection is not null)
        {
            await RejectAsync(context, rejection.Value).ConfigureAwait(false);
            return;
        }

        string? lastEventId = context.Request.Headers[McpHttpHeaders.LastEventId];
        SseStream? stream;
        long? after = null;
        if (string.IsNullOrEmpty(lastEventId))
        {
            stream = session!.GetOrCreateGetStream();
        }
        else if (!session!.IsResumable || !SseStream.TryParseEventId(lastEventId, out string streamId, out long sequence))
        {
            await RejectAsync(context, McpRejection.UnknownLastEventId).ConfigureAwait(false);
            return;
        }
        else
        {
            after = sequence;
            if (!session.TryGetStream(streamId, out stream))
            {
                // The stream already finished: replay what the store still holds, then end.
                await ReplayFinishedStreamAsync(context, session, streamId, sequence).ConfigureAwait(false);
                return;
            }
        }

        McpLease? lease = _server.Governor.TryLease(stream!.Kind);
        if (lease is null)
        {
            await RejectAsync(context, McpRejection.TooManyStreams).ConfigureAwait(false);
            return;
        }

        session.BeginRequest();
        var connection = new SseConnection(context, session.TimeProvider, _options.WriteTimeout, _server.Governor);
        await using ConfiguredAsyncDisposable ownedConnection = connection.ConfigureAwait(false);
        try
        {
            if (!await connection.StartAsync(sessionId: null).ConfigureAwait(false))
            {
                return;
            }

            await stream.AttachAsync(connection, after).ConfigureAwait(false);
            await CloseIfDrainingAsync(stream).ConfigureAwait(false);
            await connection.WhenReleasedOrAborted().ConfigureAwait(false);
            if (connection.EndReason is null)
            {
                McpHttpLog.ClientDisconnected(_logger, stream.Id, session.Id);
                await stream.DetachAsync(connection, McpEndReason.ClientGone).ConfigureAwait(false);
            }
        }
        finally
        {
            lease.End(connection.EndReason ?? McpEndReason.ClientGone);
            session.EndRequest();
        }
    }

    private async Task ReplayFinishedStreamAsync(HttpContext context, McpHttpSession session, string streamId, long after)
    {
        IReadOnlyList<McpStoredEvent> events = await _sessions.EventStore!.ReadAfterAsync(session.Id, streamId, after, context.RequestAborted).ConfigureAwait(false);
        if (events.Count == 0)
        {
            await RejectAsync(context, McpRejection.UnknownLastEventId).ConfigureAwait(false);
            return;
        }

        using McpLease? lease = _server.Governor.TryLease(McpBudget.PostStreams);
        if (lease is null)
        {
            await RejectAsync(context, McpRejection.TooManyStreams).ConfigureAwait(false);
            return;
        }

        var connection = new SseConnection(context, session.TimeProvider, _options.WriteTimeout, _server.Governor);
        await using ConfiguredAsyncDisposable ownedConnection = connection.ConfigureAwait(false);
        if (!await connection.StartAsync(sessionId: null).ConfigureAwait(false))
        {
            lease.End(McpEndReason.ClientGone);
            return;
        }

        foreach (McpStoredEvent stored in events)
        {
            string id = string.Concat(streamId, ".", stored.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (!await connection.WriteAsync((id, stored.Data), static (w, s) => SseFrames.WriteEvent(w, s.id, s.Data.Span)).ConfigureAwait(false))
            {
                lease.End(connection.EndReason ?? McpEndReason.ClientGone);
                return;
            }
        }
    }
}
