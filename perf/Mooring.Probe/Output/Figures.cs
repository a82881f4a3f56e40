using System.Globalization;
using Mooring.Probe.Results;

namespace Mooring.Probe.Output;

/// <summary>The rows both the console table and the HTML report print, formatted once.</summary>
internal static class Figures
{
    public static readonly string[] Header = ["figure", "before / start", "max", "end of settle"];

    public static List<string[]> Rows(ScenarioSummary s) =>
    [
        ["CLOSE-WAIT", N(s.CloseWaitBefore), N(s.CloseWaitMax), N(s.CloseWaitEnd)],
        ["ESTABLISHED", N(s.EstablishedBefore), N(s.EstablishedMax), N(s.EstablishedEnd)],
        ["TIME-WAIT", "", N(s.TimeWaitMax), N(s.TimeWaitEnd)],
        ["threads", N(s.ThreadsStart), N(s.ThreadsMax), N(s.ThreadsEnd)],
        ["RSS MB", Mb(s.RssStart), Mb(s.RssMax), Mb(s.RssEnd)],
        ["health p50/p99/max ms", "", Health(s.HealthDuring) + " (during)", Health(s.HealthAfter) + " (after)"],
        ["health failures", "", Failures(s.HealthDuring) + " (during)", Failures(s.HealthAfter) + " (after)"],
    ];

    public static string Activity(ScenarioResult r)
    {
        var text = $"{r.Completed}/{r.Attempted} cycles completed in {r.ScenarioEndSeconds - r.ScenarioStartSeconds:0.00} s, " +
            $"{r.SessionsOpened} sessions left open (no DELETE)";
        if (r.Errors.Count > 0)
        {
            text += "; failures: " + string.Join(", ", r.Errors.OrderByDescending(e => e.Value).Select(e => $"{e.Value}x {e.Key}"));
        }

        return text;
    }

    /// <summary>RSS growth per session, when sessions were opened and memory observed: the figure session-flood is about.</summary>
    public static string? PerSession(ScenarioResult r) =>
        r.ReportsPerSession && r.SessionsOpened > 0 && r.Summary is { RssStart: { } start, RssMax: { } max } && max > start
            ? $"RSS grew {(max - start) / 1048576.0:0.0} MB at most for {r.SessionsOpened} sessions (about {(max - start) / 1024.0 / r.SessionsOpened:0.#} KB each, GC permitting)"
            : null;

    public static string N(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "n/a";

    public static string Mb(long? bytes) => bytes is { } b ? (b / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture) : "n/a";

    public static string Ms(double? ms) => ms is { } m ? m.ToString(m < 10 ? "0.0" : "0", CultureInfo.InvariantCulture) : "-";

    private static string Health(HealthStats h) => h.Checks == 0 ? "-" : $"{Ms(h.P50Ms)}/{Ms(h.P99Ms)}/{Ms(h.MaxMs)}";

    private static string Failures(HealthStats h) => $"{h.Failures}/{h.Checks}";
}
