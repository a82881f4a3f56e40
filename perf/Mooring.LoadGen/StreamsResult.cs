using System.Diagnostics;
using System.Text.Json;

namespace Mooring.LoadGen;

/// <summary>
/// The figures of a stream run, and the streams themselves: they stay open until <see cref="AfterReportedAsync"/>
/// has lingered, so that whoever started this process can measure the server while they are held.
/// </summary>
internal sealed class StreamsResult : IRunResult
{
    /// <summary>A stream whose longest silence exceeds this many heartbeat intervals counts as late.</summary>
    public const double LateFactor = 1.5;

    /// <summary>How long closing the streams may take after the linger.</summary>
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(30);

    public required LoadGenOptions Options { get; init; }

    public string? SetupError { get; init; }

    public required IReadOnlyList<HeldStream> Streams { get; init; }

    /// <summary>The run's deadline, which the streams' readers watch; cancelled and disposed after the linger.</summary>
    public required CancellationTokenSource? Abort { get; init; }

    public long[] OpenErrorsByOutcome { get; init; } = new long[Enum.GetValues<ExchangeOutcome>().Length];

    public TimeSpan OpenElapsed { get; init; }

    public ProbeResult HealthBefore { get; init; } = ProbeResult.None;

    public ProbeResult HealthDuring { get; init; } = ProbeResult.None;

    public ProbeResult CallBefore { get; init; } = ProbeResult.None;

    public ProbeResult CallDuring { get; init; } = ProbeResult.None;

    public long HoldEnd { get; init; }

    /// <summary>Every stream asked for opened, none ended during the hold, and the probes worked (errors within the rate allowed).</summary>
    public bool Succeeded => SetupError is null && Streams.Count == Options.Streams && ClosedDuringHold == 0
        && CallDuring.Latency.Count > 0 && CallDuring.ErrorRate <= Options.MaxErrorRate && HealthDuring.ErrorRate <= Options.MaxErrorRate;

    public int ClosedDuringHold => Streams.Count(s => s.ClosedAt != 0 && s.ClosedAt <= HoldEnd);

    public string ToHumanLine()
    {
        var label = Options.Label is null ? "" : Options.Label + ": ";
        if (SetupError is not null)
        {
            return $"{label}streams {Options.Url} FAILED: {SetupError}";
        }

        var gaps = GapHistogram();
        return FormattableString.Invariant($"{label}streams ({Options.StreamKind.ToString().ToLowerInvariant()}) {Options.Url}: {Streams.Count} of {Options.Streams} open in {OpenElapsed.TotalSeconds:0.0} s, ") +
            FormattableString.Invariant($"held {Options.Hold.TotalSeconds:0.#} s: longest silence p50 {gaps.ValueAtPercentile(50) / 1e6:0} ms, max {gaps.MaxNanoseconds / 1e6:0} ms ") +
            FormattableString.Invariant($"(heartbeat {Options.Heartbeat.TotalSeconds:0.#} s), late {Late(gaps)}, closed {ClosedDuringHold}; ") +
            FormattableString.Invariant($"tools/call p50 {CallBefore.Ms(50):0.000} -> {CallDuring.Ms(50):0.000} ms, health p50 {HealthBefore.Ms(50):0.000} -> {HealthDuring.Ms(50):0.000} ms") +
            (Succeeded ? "" : " (FAILED)");
    }

    public void WriteJson(Stream stream)
    {
        var gaps = GapHistogram();
        using var json = new Utf8JsonWriter(stream);
        json.WriteStartObject();
        json.WriteString("tool", "Mooring.LoadGen");
        json.WriteString("label", Options.Label);
        json.WriteString("mode", "streams");
        json.WriteString("kind", Options.StreamKind.ToString().ToLowerInvariant());
        json.WriteString("url", Options.Url.ToString());
        json.WriteBoolean("ok", Succeeded);
        json.WriteString("setupError", SetupError);
        json.WriteNumber("requested", Options.Streams);
        json.WriteNumber("opened", Streams.Count);
        json.WriteNumber("openSeconds", Math.Round(OpenElapsed.TotalSeconds, 3));
        json.WriteNumber("holdSeconds", Options.Hold.TotalSeconds);
        json.WriteNumber("heartbeatSeconds", Options.Heartbeat.TotalSeconds);
        json.WriteNumber("closedDuringHold", ClosedDuringHold);
        json.WriteNumber("silentStreams", Streams.Count(s => s.ReceivesInWindow == 0));
        json.WriteNumber("receivesInHold", Streams.Sum(s => s.ReceivesInWindow));
        json.WriteNumber("gapP50Ms", Math.Round(gaps.ValueAtPercentile(50) / 1e6, 1));
        json.WriteNumber("gapP99Ms", Math.Round(gaps.ValueAtPercentile(99) / 1e6, 1));
        json.WriteNumber("gapMaxMs", Math.Round(gaps.MaxNanoseconds / 1e6, 1));
        json.WriteNumber("lateFactor", LateFactor);
        json.WriteNumber("lateStreams", Late(gaps));
        HealthBefore.WriteTo(json, "healthBefore");
        HealthDuring.WriteTo(json, "healthDuring");
        CallBefore.WriteTo(json, "callBefore");
        CallDuring.WriteTo(json, "callDuring");
        JsonOutput.WriteErrors(json, OpenErrorsByOutcome, "openErrorsByKind");
        json.WriteEndObject();
    }

    /// <summary>Holds the streams until standard input ends or the linger passes, then closes them all.</summary>
    public async Task AfterReportedAsync()
    {
        if (Options.Linger > TimeSpan.Zero)
        {
            // Console reads cannot be cancelled: the read loop is abandoned (it ends with the process) if the linger passes first.
            var stdinClosed = Task.Run(async () =>
            {
                await using var stdin = Console.OpenStandardInput();
                var buffer = new byte[256];
                while (await stdin.ReadAsync(buffer) > 0)
                {
                }
            });
            await Task.WhenAny(stdinClosed, Task.Delay(Options.Linger));
        }

        foreach (var stream in Streams)
        {
            stream.Dispose();
        }

        await Task.WhenAny(Task.WhenAll(Streams.Select(s => s.Reader)), Task.Delay(CloseTimeout));
        if (Abort is not null)
        {
            await Abort.CancelAsync();
            Abort.Dispose();
        }
    }

    /// <summary>Each stream's longest silence in the hold window, in nanoseconds.</summary>
    private LatencyHistogram GapHistogram()
    {
        var histogram = new LatencyHistogram();
        foreach (var stream in Streams)
        {
            histogram.Record((long)(stream.MaxGapTicks() * (1e9 / Stopwatch.Frequency)));
        }

        return histogram;
    }

    private long Late(LatencyHistogram gaps) =>
        Streams.Count(s => s.MaxGapTicks() > LoadRunner.ToTicks(Options.Heartbeat * LateFactor));
}
