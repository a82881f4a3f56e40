using System.Collections.Concurrent;
using System.Globalization;
using Mooring.Protocol;
using Mooring.Server;

namespace Mooring.AspNetCore;

/// <summary>
/// The HTTP side of a session: its SSE streams (for resumption), its GET stream, and the background work it owns
/// (stream pumps and handlers still finishing after their connection closed). Disposing it ends the core session,
/// ends every stream, waits for its work and forgets its stored events.
/// </summary>
internal sealed class McpHttpSession : IAsyncDisposable
{
    /// <summary>The GET stream's id: POST stream ids count from 1.</summary>
    private const string GetStreamId = "0";

    private readonly IMcpEventStore? _store;

    // Created on first use: a session that only initialized (the common idle session, kept until the idle timeout)
    // has no stream and no background work, and each of these costs a few hundred bytes. The map holds POST streams
    // only: the GET stream, id "0", is the field below, so a session holding just its GET stream has no map either.
    private ConcurrentDictionary<string, SseStream>? _streams;
    private McpOwnedTasks? _work;
    private SseStream? _getStream;
    private Task? _getPump;
    private ChannelMessageSink? _getSink;
    private int _nextStreamId;
    private long _lastActivity;
    private int _activeRequests;
    private int _disposed;
    private long _lastPing;
    private int _pinging;
    private int _pingFailures;

    public McpHttpSession(McpSession core, IMcpEventStore? store, McpHttpOptions options, TimeProvider timeProvider)
    {
        Core = core;
        _store = store;
        Options = options;
        TimeProvider = timeProvider;
        _lastActivity = timeProvider.GetTimestamp();
        _lastPing = _lastActivity;
    }

    public string Id => Core.Id;

    public McpSession Core { get; }

    public McpHttpOptions Options { get; }

    public TimeProvider TimeProvider { get; }

    public TimeSpan ResumeWindow => Options.ResumeWindow;

    /// <summary>True when streams get priming events and may be closed for polling: 2025-11-25 clients know SEP-1699.</summary>
    public bool SupportsPolling => _store is not null && string.CompareOrdinal(Core.ProtocolVersion, McpProtocolVersions.V20251125) >= 0;

    public bool IsResumable => _store is not null;

    /// <summary>Streams open now: the POST streams, and the GET stream until it completes.</summary>
    public int StreamCount => (Volatile.Read(ref _streams)?.Count ?? 0) + (Volatile.Read(ref _getStream) is { IsCompleted: false } ? 1 : 0);

    public int WorkCount => Volatile.Read(ref _work)?.Count ?? 0;

    private ConcurrentDictionary<string, SseStream> Streams =>
        Volatile.Read(ref _streams) ?? LazyInitializer.EnsureInitialized(ref _streams, static () => new ConcurrentDictionary<string, SseStream>(StringComparer.Ordinal));

    public bool IsDisposed => Volatile.Read(ref _disposed) == 1;

    /// <summary>Marks the start of a request; the session is not idle until it ends.</summary>
    public void BeginRequest()
    {
        Interlocked.Increment(ref _activeRequests);
        Volatile.Write(ref _lastActivity, TimeProvider.GetTimestamp());
    }

    public void EndRequest()
    {
        Volatile.Write(ref _lastActivity, TimeProvider.GetTimestamp());
        Interlocked.Decrement(ref _activeRequests);
    }

    /// <summary>True when nothing is running or attached and the last activity is older than the idle timeout.</summary>
    /// <remarks>
    /// Called for every session by the idle sweep and by eviction at the session cap, so it takes no lock and allocates
    /// nothing: cheap checks first, then a lock-free walk of the streams.
    /// </remarks>
    public bool IsIdle(TimeSpan timeout) =>
        Volatile.Read(ref _activeRequests) == 0
        && (Volatile.Read(ref _work)?.IsEmpty ?? true)
        && TimeProvider.GetElapsedTime(Volatile.Read(ref _lastActivity)) > timeout
        && !HasAttachedConnection();

    private bool HasAttachedConnection()
    {
        if (Volatile.Read(ref _getStream)?.HasConnection == true)
        {
            return true;
        }

        if (Volatile.Read(ref _streams) is not { } streams)
        {
            return false;
        }

        foreach (KeyValuePair<string, SseStream> pair in streams)
        {
            if (pair.Value.HasConnection)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Creates a POST response stream, registered so a client can resume it.</summary>
    public SseStream CreatePostStream(Action onOrphaned)
    {
        string id = Interlocked.Increment(ref _nextStreamId).ToString(CultureInfo.InvariantCulture);
        var stream = new SseStream(this, id, McpBudget.PostStreams, _store, SupportsPolling, onOrphaned);
        Streams[id] = stream;
        return stream;
    }

    public bool TryGetStream(string id, out SseStream? stream)
    {
        stream = null;
        if (id == GetStreamId)
        {
            stream = IsDisposed ? null : Volatile.Read(ref _getStream);
            return stream is not null;
        }

        return Volatile.Read(ref _streams)?.TryGetValue(id, out stream) ?? false;
    }

    public void RemoveStream(SseStream stream) => Volatile.Read(ref _streams)?.TryRemove(new KeyValuePair<string, SseStream>(stream.Id, stream));

    /// <summary>The GET stream, created on the first GET together with the session sink that feeds it.</summary>
    public SseStream GetOrCreateGetStream()
    {
        lock (GetGate)
        {
            if (_getStream is not null)
            {
                return _getStream;
            }

            // "0" is never a POST stream id (those count from 1), so event ids tell the streams apart.
            var stream = new SseStream(this, GetStreamId, McpBudget.GetStreams, _store, SupportsPolling);
            Volatile.Write(ref _getStream, stream);
            _getSink = new ChannelMessageSink(Options.MaxQueuedMessagesPerStream, Core.Server.Governor);

            // The pump lives as long as the session, so it is not work that keeps the session busy: a session whose
            // GET stream has no connection is idle (and can be swept or evicted) like any other.
            _getPump = PumpGetStreamAsync(_getStream, _getSink);
            Core.SessionSink = _getSink;
            return _getStream;
        }
    }

    /// <summary>True while a GET stream connection is attached (something to send keep-alive pings over).</summary>
    public bool HasGetConnection => Volatile.Read(ref _getStream)?.HasConnection == true;

    /// <summary>
    /// Sends a keep-alive <c>ping</c> if one is due and the client has a GET stream open. Returns false when this ping
    /// failed for the <see cref="McpHttpOptions.KeepAliveMaxFailures"/>th time in a row: the peer is dead.
    /// </summary>
    public async Task<bool> KeepAliveAsync()
    {
        if (!HasGetConnection || TimeProvider.GetElapsedTime(Volatile.Read(ref _lastPing)) < Options.KeepAliveInterval
            || Interlocked.Exchange(ref _pinging, 1) == 1)
        {
            return true;
        }

        Volatile.Write(ref _lastPing, TimeProvider.GetTimestamp());
        try
        {
            using var timeout = new CancellationTokenSource(Options.KeepAliveTimeout, TimeProvider);
            await Core.PingAsync(timeout.Token).ConfigureAwait(false);
            Volatile.Write(ref _pingFailures, 0);
            return true;
        }
        catch (Exception ex) when (ex is OperationCanceledException or McpException or TimeoutException)
        {
            return Interlocked.Increment(ref _pingFailures) < Options.KeepAliveMaxFailures;
        }
        finally
        {
            Volatile.Write(ref _pinging, 0);
        }
    }

    /// <summary>True while a keep-alive ping is out (until its answer, failure or timeout has been taken into account).</summary>
    internal bool IsPinging => Volatile.Read(ref _pinging) == 1;

    /// <summary>Closes every open stream connection with a <c>retry</c> hint (the server is draining); the streams stay resumable.</summary>
    public async ValueTask CloseConnectionsForDrainAsync(TimeSpan retry)
    {
        if (Volatile.Read(ref _getStream) is { } getStream)
        {
            await getStream.CloseForReconnectAsync(retry, McpEndReason.Shutdown).ConfigureAwait(false);
        }

        if (Volatile.Read(ref _streams) is not { } streams)
        {
            return;
        }

        foreach (SseStream stream in streams.Values)
        {
            await stream.CloseForReconnectAsync(retry, McpEndReason.Shutdown).ConfigureAwait(false);
        }
    }

    /// <summary>Owns a background task until it finishes; disposal waits for it.</summary>
    public void Track(Task task) =>
        (Volatile.Read(ref _work) ?? LazyInitializer.EnsureInitialized(ref _work, static () => new McpOwnedTasks())).Track(task);

    public ValueTask DisposeAsync() => EndAsync(McpEndReason.Completed);

    /// <summary>When the session last did something (a request started or ended), as a TimeProvider timestamp.</summary>
    public long LastActivity => Volatile.Read(ref _lastActivity);

    /// <summary>Ends the session: the core session (cancelling handlers), every stream, its work and its stored events.</summary>
    public async ValueTask EndAsync(McpEndReason reason)
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        // Ending the core session cancels every handler and pending server request.
        await Core.EndAsync(reason).ConfigureAwait(false);
        SseStream? getStream;
        lock (GetGate)
        {
            _getSink?.Complete();
            getStream = _getStream;
        }

        if (getStream is not null)
        {
            await getStream.CompleteAsync(reason).ConfigureAwait(false);
        }

        if (Volatile.Read(ref _streams) is { } streams)
        {
            foreach (SseStream stream in streams.Values)
            {
                await stream.CompleteAsync(reason).ConfigureAwait(false);
            }

            streams.Clear();
        }

        // Handlers were cancelled above; a handler that ignores its token is not waited for forever.
        if (Volatile.Read(ref _work) is { } work)
        {
            await work.WhenAllAsync(TimeSpan.FromSeconds(5), TimeProvider).ConfigureAwait(false);
        }

        Task? getPump;
        lock (GetGate)
        {
            getPump = _getPump;
        }

        if (getPump is not null)
        {
            // Its sink was completed above, so it ends once its last queued message is written (or dropped).
            await getPump.WaitAsync(TimeSpan.FromSeconds(5), TimeProvider).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        if (_store is not null)
        {
            await _store.DeleteSessionAsync(Id, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Guards the GET stream's creation and end. The session itself, not a <see cref="Lock"/> of its own: the type is
    /// internal and never handed to code that could lock on it, and a dedicated lock would cost every idle session 40
    /// bytes for a stream most sessions never open.
    /// </summary>
    private object GetGate => this;

    private static async Task PumpGetStreamAsync(SseStream stream, ChannelMessageSink sink)
    {
        // WaitToReadAsync and TryRead rather than ReadAllAsync: the pump waits as long as the session lives, and an
        // async iterator would be one more object held all that time.
        System.Threading.Channels.ChannelReader<McpOutgoingMessage> reader = sink.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out McpOutgoingMessage? message))
            {
                await stream.WriteMessageAsync(message).ConfigureAwait(false);
            }
        }

        await stream.CompleteAsync().ConfigureAwait(false);
    }
}
