using System.Diagnostics.Metrics;
using Mooring.Probe.Tests.Idle;

namespace Mooring.Probe.Tests.InProcess;

/// <summary>
/// Reads the watched gauges (<see cref="IdleGauges"/>) of one in-process server through a <see cref="MeterListener"/>,
/// in the same shape as a /metrics scrape (Prometheus names and label names), so the same idle rule applies. Only
/// instruments of meters created by that server's <see cref="IMeterFactory"/> are read: other servers in the test
/// process have gauges of the same names.
/// </summary>
internal sealed class InProcessGauges : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly IMeterFactory _scope;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, PrometheusSeries> _last = new(StringComparer.Ordinal);

    public InProcessGauges(IMeterFactory scope)
    {
        _scope = scope;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, _scope) && IsGauge(instrument) && IdleGauges.IsWatched(IdleGauges.ToPrometheusName(instrument.Name)))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    /// <summary>Observes every watched gauge now; a synchronous gauge keeps the last value it recorded.</summary>
    public IReadOnlyList<PrometheusSeries> Read()
    {
        lock (_lock)
        {
            _listener.RecordObservableInstruments();
            return [.. _last.Values];
        }
    }

    public void Dispose() => _listener.Dispose();

    private static bool IsGauge(Instrument instrument)
    {
        var type = instrument.GetType();
        return type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(ObservableGauge<>) || type.GetGenericTypeDefinition() == typeof(Gauge<>));
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var name = IdleGauges.ToPrometheusName(instrument.Name);
        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            labels[IdleGauges.ToPrometheusName(tag.Key)] = tag.Value?.ToString() ?? "";
        }

        var key = name + "{" + string.Join(",", labels.Select(l => $"{l.Key}=\"{l.Value}\"")) + "}";
        lock (_lock)
        {
            _last[key] = new PrometheusSeries(name, labels, key, value, "gauge");
        }
    }
}
