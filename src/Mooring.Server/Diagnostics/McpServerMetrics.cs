using System.Collections.Frozen;
using System.Diagnostics.Metrics;
using Mooring.Protocol;

namespace Mooring.Server;

/// <summary>
/// Metrics of the server core, from an injected <see cref="IMeterFactory"/>: sessions and in-flight requests as
/// up-down counters (gauges of what the server holds), request counts and durations by method.
/// </summary>
public sealed class McpServerMetrics
{
    /// <summary>The meter name.</summary>
    public const string MeterName = "Mooring.Server";

    private static readonly FrozenSet<string> KnownMethods = new[]
    {
        McpMethods.Initialize, McpMethods.Ping, McpMethods.ToolsList, McpMethods.ToolsCall, McpMethods.ResourcesList,
        McpMethods.ResourcesTemplatesList, McpMethods.ResourcesRead, McpMethods.ResourcesSubscribe, McpMethods.ResourcesUnsubscribe,
        McpMethods.PromptsList, McpMethods.PromptsGet, McpMethods.CompletionComplete, McpMethods.LoggingSetLevel,
    }.ToFrozenSet(StringComparer.Ordinal);

    private readonly UpDownCounter<long> _sessionsActive;
    private readonly UpDownCounter<long> _requestsActive;
    private readonly Histogram<double> _requestDuration;
    private long _sessions;
    private long _requests;

    /// <summary>Creates the metrics.</summary>
    public McpServerMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        Meter meter = meterFactory.Create(MeterName);
        _sessionsActive = meter.CreateUpDownCounter<long>("mcp.server.sessions.active", "{session}", "Live MCP sessions.");
        _requestsActive = meter.CreateUpDownCounter<long>("mcp.server.requests.active", "{request}", "Client requests being handled.");
        _requestDuration = meter.CreateHistogram<double>("mcp.server.request.duration", "s", "Time to handle a client request.");
    }

    /// <summary>Live sessions now (the same value the gauge reports).</summary>
    public long ActiveSessions => Interlocked.Read(ref _sessions);

    /// <summary>Requests in flight now.</summary>
    public long ActiveRequests => Interlocked.Read(ref _requests);

    internal void SessionStarted()
    {
        Interlocked.Increment(ref _sessions);
        _sessionsActive.Add(1);
    }

    internal void SessionEnded()
    {
        Interlocked.Decrement(ref _sessions);
        _sessionsActive.Add(-1);
    }

    internal void RequestStarted()
    {
        Interlocked.Increment(ref _requests);
        _requestsActive.Add(1);
    }

    internal void RequestCompleted(string method, TimeSpan duration)
    {
        Interlocked.Decrement(ref _requests);
        _requestsActive.Add(-1);

        // Method names come from clients: only known ones become tag values, so cardinality stays bounded.
        if (_requestDuration.Enabled)
        {
            _requestDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("mcp.method.name", KnownMethods.Contains(method) ? method : "other"));
        }
    }
}
