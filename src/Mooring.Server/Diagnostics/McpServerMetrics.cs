using System.Collections.Frozen;
using System.Diagnostics.Metrics;
using Mooring.Protocol;

namespace Mooring.Server;

/// <summary>
/// Request metrics of the server core, from an injected <see cref="IMeterFactory"/>: durations by method. What the
/// server holds (sessions, running handlers, streams) is published by <see cref="McpResourceGovernor"/>, which this
/// class reads for <see cref="ActiveSessions"/> and <see cref="ActiveRequests"/>.
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

    private readonly McpResourceGovernor _governor;
    private readonly Histogram<double> _requestDuration;

    /// <summary>Creates the metrics.</summary>
    public McpServerMetrics(IMeterFactory meterFactory, McpResourceGovernor governor)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        ArgumentNullException.ThrowIfNull(governor);
        _governor = governor;
        Meter meter = meterFactory.Create(MeterName);
        _requestDuration = meter.CreateHistogram<double>("mcp.server.request.duration", "s", "Time to handle a client request.");
    }

    /// <summary>Live sessions now.</summary>
    public long ActiveSessions => _governor.Held(McpBudget.Sessions);

    /// <summary>Requests in flight now.</summary>
    public long ActiveRequests => _governor.Held(McpBudget.Handlers);

    internal void RequestCompleted(string method, TimeSpan duration)
    {
        // Method names come from clients: only known ones become tag values, so cardinality stays bounded.
        if (_requestDuration.Enabled)
        {
            _requestDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("mcp.method.name", KnownMethods.Contains(method) ? method : "other"));
        }
    }
}
