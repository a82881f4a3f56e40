using System.Diagnostics;

namespace Mooring.LoadGen;

/// <summary>
/// What both processes spent during the measured period: read at its start and its end by
/// <see cref="MeasureAsync"/>. <see cref="ServerCpuSeconds"/> is null when no server was named or its figures could
/// not be read; nothing is measured (<see cref="Measured"/> false) when the run ended before its measured period did.
/// </summary>
internal sealed record WindowCounters(bool Measured, long AllocatedBytes, double? ServerCpuSeconds, double ClientCpuSeconds)
{
    public static WindowCounters None { get; } = new(false, 0, null, 0);

    /// <summary>Waits for <paramref name="start"/>, reads the counters, waits for <paramref name="end"/>, reads them again.</summary>
    public static async Task<WindowCounters> MeasureAsync(long start, long end, int? serverPid, CancellationToken abort)
    {
        try
        {
            await Task.Delay(Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), start), abort);
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var serverCpu = serverPid is { } pid ? ProcessCpu.ReadSeconds(pid) : null;
            var clientCpu = Process.GetCurrentProcess().TotalProcessorTime;
            await Task.Delay(Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), end), abort);
            var serverCpuEnd = serverPid is { } pid2 ? ProcessCpu.ReadSeconds(pid2) : null;
            return new WindowCounters(
                Measured: true,
                GC.GetTotalAllocatedBytes(precise: true) - allocated,
                serverCpuEnd - serverCpu,
                (Process.GetCurrentProcess().TotalProcessorTime - clientCpu).TotalSeconds);
        }
        catch (OperationCanceledException)
        {
            return None;
        }
    }

    /// <summary>Server CPU microseconds per unit of work, or -1.</summary>
    public double ServerMicrosecondsPer(long count) => Measured && ServerCpuSeconds is { } s && count > 0 ? Math.Round(s * 1e6 / count, 2) : -1;

    /// <summary>Client CPU microseconds per unit of work, or -1.</summary>
    public double ClientMicrosecondsPer(long count) => Measured && count > 0 ? Math.Round(ClientCpuSeconds * 1e6 / count, 2) : -1;

    /// <summary>Bytes this process allocated per unit of work (the client's own overhead, near zero in the load loops), or -1.</summary>
    public double AllocatedBytesPer(long count) => Measured && count > 0 ? Math.Round((double)AllocatedBytes / count, 1) : -1;
}
