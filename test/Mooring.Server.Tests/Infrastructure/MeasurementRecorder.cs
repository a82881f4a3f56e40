using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Mooring.Server.Tests.Infrastructure;

/// <summary>
/// Records the measurements of one instrument of one meter factory. Tests run in parallel, each with its own
/// server and factory, so instruments are matched by the factory (the meter's scope), not only by name.
/// </summary>
internal sealed class MeasurementRecorder<T> : IDisposable
    where T : struct
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(T Value, KeyValuePair<string, object?>[] Tags)> _measurements = new();

    public MeasurementRecorder(IMeterFactory factory, string meterName, string instrumentName)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, factory) && instrument.Meter.Name == meterName && instrument.Name == instrumentName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<T>((_, value, tags, _) => _measurements.Enqueue((value, tags.ToArray())));
        _listener.Start();
    }

    public IReadOnlyList<(T Value, KeyValuePair<string, object?>[] Tags)> Measurements => [.. _measurements];

    /// <summary>Asks observable instruments (gauges) for their values now.</summary>
    public void RecordObservable() => _listener.RecordObservableInstruments();

    public void Dispose() => _listener.Dispose();
}
