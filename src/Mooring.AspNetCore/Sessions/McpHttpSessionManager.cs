using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Mooring.Server;

namespace Mooring.AspNetCore;

/// <summary>
/// Owns the HTTP sessions: creates them with cryptographically random ids, finds them, ends them on DELETE, on idle
/// timeout (an owned background sweep on the injected <see cref="TimeProvider"/>) and at shutdown.
/// </summary>
internal sealed class McpHttpSessionManager : IHostedService, IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, McpHttpSession> _sessions = new(StringComparer.Ordinal);
    private readonly McpServer _server;
    private readonly McpHttpOptions _options;
    private readonly IMcpEventStore? _store;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly IHostApplicationLifetime? _lifetime;
    private readonly McpOwnedTasks _keepAlives = new();
    private Task? _sweeper;
    private Task? _drain;
    private int _draining;
    private int _disposed;

    public McpHttpSessionManager(McpServer server, IOptions<McpHttpOptions> options, IMcpEventStore store, ILogger<McpHttpSessionManager> logger, TimeProvider? timeProvider = null, IHostApplicationLifetime? lifetime = null)
    {
        _server = server;
        _options = options.Value;
        _store = _options.EnableResumability ? store : null;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger;
        _lifetime = lifetime;
    }

    /// <summary>True once shutdown began: new sessions, streams and requests are refused, readiness reports unhealthy.</summary>
    public bool IsDraining => Volatile.Read(ref _draining) == 1;

    public int Count => _sessions.Count;

    public IMcpEventStore? EventStore => _store;

    /// <summary>
    /// Creates a session; the caller adds it with <see cref="Publish"/> once <c>initialize</c> succeeded. At the session
    /// cap the least recently used idle session is evicted to make room; null when no session is idle.
    /// </summary>
    public async ValueTask<McpHttpSession?> TryCreateAsync()
    {
        // 32 random bytes, base64url: 43 visible ASCII characters, unguessable (spec SHOULD: cryptographically secure).
        string id = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        // At the cap, make room and try again; a concurrent creator may take the freed slot first, so a few rounds.
        McpSession? core;
        for (int round = 0; !_server.TryCreateSession(id, out core); round++)
        {
            if (round == 4 || !await TryEvictLeastRecentlyUsedIdleAsync().ConfigureAwait(false))
            {
                return null;
            }
        }

        return new McpHttpSession(core, _store, _options, _time);
    }

    /// <summary>
    /// Makes room at the session cap: ends the idle sessions used longest ago, a small batch at a time (1/128 of the cap,
    /// 1 to 64), so a flood of new sessions costs one scan per batch rather than one per session. False when none is idle.
    /// Concurrent callers may pick the same victims; whoever ends none picks again.
    /// </summary>
    internal async ValueTask<bool> TryEvictLeastRecentlyUsedIdleAsync()
    {
        int batch = Math.Clamp(_server.Options.Limits.MaxSessions / 128, 1, 64);
        for (int attempt = 0; attempt < 16; attempt++)
        {
            // A max-heap of the `batch` oldest idle sessions seen so far (priority: last activity, negated).
            var oldest = new PriorityQueue<McpHttpSession, long>(batch + 1);
            foreach (KeyValuePair<string, McpHttpSession> pair in _sessions)
            {
                McpHttpSession candidate = pair.Value;
                if (candidate.IsIdle(TimeSpan.Zero))
                {
                    oldest.Enqueue(candidate, -candidate.LastActivity);
                    if (oldest.Count > batch)
                    {
                        oldest.Dequeue();
                    }
                }
            }

            if (oldest.Count == 0)
            {
                return false;
            }

            bool ended = false;
            while (oldest.TryDequeue(out McpHttpSession? victim, out _))
            {
                ended |= await EndAsync(victim.Id, McpEndReason.Evicted).ConfigureAwait(false);
            }

            if (ended)
            {
                return true;
            }
        }

        return false;
    }

    public void Publish(McpHttpSession session) => _sessions[session.Id] = session;

    public bool TryGet(string id, out McpHttpSession? session) => _sessions.TryGetValue(id, out session);

    /// <summary>Ends a session; returns false when it did not exist.</summary>
    public async ValueTask<bool> EndAsync(string id, McpEndReason reason)
    {
        if (!_sessions.TryRemove(id, out McpHttpSession? session))
        {
            return false;
        }

        McpHttpLog.SessionEnded(_logger, id, reason);
        await session.EndAsync(reason).ConfigureAwait(false);
        return true;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _sweeper = SweepAsync(_stopping.Token);

        // Drain when shutdown is signalled, before any hosted service (Kestrel among them) starts stopping: Kestrel
        // waits for open requests, and SSE streams only end if someone ends them.
        _lifetime?.ApplicationStopping.Register(() => BeginDrain());
        return Task.CompletedTask;
    }

    /// <summary>Starts draining (idempotent); the returned task completes when in-flight work finished or the drain timeout passed.</summary>
    public Task BeginDrain()
    {
        if (Interlocked.Exchange(ref _draining, 1) == 0)
        {
            _drain = DrainAsync();
        }

        return _drain ?? Task.CompletedTask;
    }

    private async Task DrainAsync()
    {
        McpHttpLog.DrainStarted(_logger, _sessions.Count, _server.Governor.Held(McpBudget.Handlers));
        foreach (McpHttpSession session in _sessions.Values)
        {
            await session.CloseConnectionsForDrainAsync(_options.SseRetryInterval).ConfigureAwait(false);
        }

        // Modern listen streams end with their final result; their clients open new ones elsewhere.
        _server.Subscriptions.EndAll();

        // In-flight handlers get the drain timeout to finish; then everything ends, finished or not.
        long deadline = _time.GetTimestamp();
        while (_server.Governor.Held(McpBudget.Handlers) > 0 && _time.GetElapsedTime(deadline) < _options.DrainTimeout)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(25), _time).ConfigureAwait(false);
        }

        foreach (string id in _sessions.Keys)
        {
            await EndAsync(id, McpEndReason.Shutdown).ConfigureAwait(false);
        }

        _server.CancelStatelessRequests();
        McpHttpLog.DrainFinished(_logger, _server.Governor.Held(McpBudget.Handlers));
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await BeginDrain().WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_sweeper is not null)
        {
            await _sweeper.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        await _keepAlives.WhenAllAsync(_options.KeepAliveTimeout, _time).ConfigureAwait(false);

        foreach (string id in _sessions.Keys)
        {
            await EndAsync(id, McpEndReason.Shutdown).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        // DI disposes this instance twice: as the McpHttpSessionManager singleton and as the IHostedService the
        // factory registration returned. The second call must not touch the disposed token source.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        _stopping.Dispose();
    }

    /// <summary>Ends idle sessions and starts due keep-alive pings. Exposed for tests that drive time by hand.</summary>
    internal async ValueTask<int> SweepOnceAsync()
    {
        int ended = 0;
        foreach (KeyValuePair<string, McpHttpSession> pair in _sessions)
        {
            if (pair.Value.IsIdle(_options.SessionIdleTimeout) && await EndAsync(pair.Key, McpEndReason.IdleTimeout).ConfigureAwait(false))
            {
                ended++;
            }
            else if (_options.KeepAliveInterval > TimeSpan.Zero)
            {
                // Owned here, not by the session: a failed keep-alive ends the session, which waits for its own work.
                _keepAlives.Track(KeepAliveAsync(pair.Value));
            }
        }

        return ended;
    }

    private async Task KeepAliveAsync(McpHttpSession session)
    {
        if (!await session.KeepAliveAsync().ConfigureAwait(false))
        {
            await EndAsync(session.Id, McpEndReason.HeartbeatFailed).ConfigureAwait(false);
        }
    }

    private async Task SweepAsync(CancellationToken stopping)
    {
        // Check four times per idle timeout (at most every 30 s), so a session ends within 1.25x its timeout; and at
        // least as often as keep-alive pings are due.
        long ticks = Math.Min(_options.SessionIdleTimeout.Ticks / 4, TimeSpan.FromSeconds(30).Ticks);
        if (_options.KeepAliveInterval > TimeSpan.Zero)
        {
            ticks = Math.Min(ticks, _options.KeepAliveInterval.Ticks);
        }

        // A fixed cadence: ticks come every period however long a sweep takes, so sweeps (and keep-alive pings) do not
        // drift later with load.
        using var timer = new PeriodicTimer(TimeSpan.FromTicks(ticks), _time);
        while (true)
        {
            try
            {
                if (!await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false))
                {
                    return;
                }

                await SweepOnceAsync().ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                McpHttpLog.SweepFailed(_logger, ex);
            }
        }
    }
}
