using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Mooring.Benchmarks.Driver;

/// <summary>
/// The processes this driver started and has not seen exit: when the driver is interrupted (SIGINT, SIGTERM) each is
/// sent SIGTERM by its PID, so no server or load generator outlives the run. Nothing else is ever signalled.
/// </summary>
internal static class ChildProcesses
{
    private static readonly Lock Gate = new();
    private static readonly HashSet<Process> Running = [];
    private static bool _interrupted;

    /// <summary>Tracks <paramref name="process"/>; once interrupted, a process started meanwhile is sent SIGTERM at once.</summary>
    public static void Add(Process process)
    {
        lock (Gate)
        {
            if (!_interrupted)
            {
                Running.Add(process);
                return;
            }
        }

        _ = NativeMethods.Kill(process.Id, NativeMethods.SigTerm);
    }

    public static void Remove(Process process)
    {
        lock (Gate)
        {
            Running.Remove(process);
        }
    }

    /// <summary>Installs the handlers; the returned registrations must live as long as the run.</summary>
    public static IDisposable[] StopOnInterrupt() =>
    [
        PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal),
        PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal),
    ];

    private static void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        Process[] children;
        lock (Gate)
        {
            _interrupted = true;
            children = [.. Running];
        }

        foreach (var child in children)
        {
            try
            {
                // Only a child not yet reaped: once it has exited its PID may belong to another process.
                if (!child.HasExited)
                {
                    _ = NativeMethods.Kill(child.Id, NativeMethods.SigTerm);
                }
            }
            catch (InvalidOperationException)
            {
                // Released by its owner meanwhile.
            }
        }

        foreach (var child in children)
        {
            try
            {
                if (!child.WaitForExit(TimeSpan.FromSeconds(10)))
                {
                    child.Kill();
                }
            }
            catch (InvalidOperationException)
            {
                // Its owner saw it exit and released it meanwhile: nothing left to stop.
            }
        }

        Console.Error.WriteLine($"[bench] interrupted; stopped {children.Length} child process(es)");
        Environment.Exit(130);
    }
}
