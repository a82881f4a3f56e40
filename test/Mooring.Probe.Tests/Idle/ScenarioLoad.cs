using System.Globalization;

namespace Mooring.Probe.Tests.Idle;

/// <summary>
/// The probe's arguments per scenario for the return-to-idle tests: --quick bounds, with more cycles where --quick is
/// over too fast to measure. The probe checks health every 250 ms, and churn, abandoned-get and session-flood finish
/// their quick cycles in tens of milliseconds on loopback, before the first check of the "during" phase; these counts
/// make each last about half a second to a second here (they stay capped by --quick's 5 s duration on a slow machine),
/// and make what a leak would leave large enough to measure: 6,000 sessions of a few KB each are tens of MB.
/// </summary>
internal static class ScenarioLoad
{
    private static readonly Dictionary<string, int> Cycles = new(StringComparer.Ordinal)
    {
        ["churn"] = 2000,
        ["abandoned-get"] = 1200,
        ["session-flood"] = 6000,
    };

    public static IReadOnlyList<string> Arguments(string scenario) =>
        Cycles.TryGetValue(scenario, out var cycles) ? ["--cycles", cycles.ToString(CultureInfo.InvariantCulture)] : [];
}
