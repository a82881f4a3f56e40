namespace Mooring.Probe.Tests.Idle;

/// <summary>
/// The outcome of waiting for a server to return to idle: whether it did, after how long, what was still held at the
/// last look (empty when idle), and the health checks made meanwhile (a failure is a status other than 200 or no answer).
/// </summary>
internal sealed record IdleWait(bool Reached, TimeSpan Elapsed, IReadOnlyList<string> StillHeld, int HealthChecks, IReadOnlyList<string> HealthFailures)
{
    public string Describe(TimeSpan bound) => Reached
        ? $"idle after {Elapsed.TotalSeconds:0.0} s"
        : $"not idle after {Elapsed.TotalSeconds:0.0} s (bound {bound.TotalSeconds:0.#} s); still held:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", StillHeld)}";
}
