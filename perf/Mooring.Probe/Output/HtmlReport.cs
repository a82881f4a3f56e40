using System.Net;
using System.Text;
using Mooring.Probe.Observation;
using Mooring.Probe.Results;

namespace Mooring.Probe.Output;

/// <summary>One self-contained HTML file: per scenario, the figures, the verdict and inline SVG charts over time.</summary>
internal static class HtmlReport
{
    public static string Render(ProbeReport report)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>mooring-probe report</title><style>")
            .Append("body{font-family:sans-serif;margin:24px;max-width:1200px}table{border-collapse:collapse;margin:8px 0}")
            .Append("td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}td:first-child,th:first-child{text-align:left}")
            .Append(".ok{color:#080;font-weight:bold}.bad{color:#c00;font-weight:bold}.charts{display:flex;flex-wrap:wrap;gap:8px}")
            .Append("section{border-top:2px solid #888;margin-top:24px}</style></head><body>");
        html.Append("<h1>mooring-probe</h1><p>").Append(E(report.Url)).Append(" &middot; started ").Append(E(report.StartedAt.ToString("u")))
            .Append(report.Pid is { } pid ? $" &middot; pid {pid}" : "").Append(report.Quick ? " &middot; quick" : "")
            .Append(" &middot; seed ").Append(report.Seed).Append("</p><p>Sockets: ").Append(E(report.SocketsObserved))
            .Append("<br>Health: ").Append(E(report.Health)).Append("</p>");
        foreach (var note in report.Notes)
        {
            html.Append("<p>note: ").Append(E(note)).Append("</p>");
        }

        html.Append("<table><tr><th>scenario</th><th>verdict</th></tr>");
        foreach (var s in report.Scenarios)
        {
            html.Append("<tr><td><a href=\"#").Append(E(s.Name)).Append("\">").Append(E(s.Name)).Append("</a></td><td class=\"")
                .Append(s.Verdict.Ok ? "ok" : "bad").Append("\" style=\"text-align:left\">").Append(E(s.Verdict.Line)).Append("</td></tr>");
        }

        html.Append("</table>");
        foreach (var s in report.Scenarios)
        {
            Scenario(html, s);
        }

        html.Append("</body></html>\n");
        return html.ToString();
    }

    public static Task WriteAsync(ProbeReport report, string path, CancellationToken cancellationToken) =>
        File.WriteAllTextAsync(path, Render(report), cancellationToken);

    private static void Scenario(StringBuilder html, ScenarioResult s)
    {
        html.Append("<section id=\"").Append(E(s.Name)).Append("\"><h2>").Append(E(s.Name)).Append("</h2><p>").Append(E(s.Description))
            .Append(" &middot; cycles ").Append(s.Cycles).Append(", concurrency ").Append(s.Concurrency)
            .Append(", duration cap ").Append(s.DurationSeconds).Append(" s").Append(s.HoldSeconds > 0 ? $", hold {s.HoldSeconds} s" : "").Append("</p>");
        html.Append("<p class=\"").Append(s.Verdict.Ok ? "ok" : "bad").Append("\">").Append(E(s.Verdict.Line)).Append("</p>");
        html.Append("<table><tr>");
        foreach (var header in Figures.Header)
        {
            html.Append("<th>").Append(E(header)).Append("</th>");
        }

        html.Append("</tr>");
        foreach (var row in Figures.Rows(s.Summary))
        {
            html.Append("<tr>");
            foreach (var cell in row)
            {
                html.Append("<td>").Append(E(cell)).Append("</td>");
            }

            html.Append("</tr>");
        }

        html.Append("</table><p>").Append(E(Figures.Activity(s))).Append("</p><ul>");
        if (Figures.PerSession(s) is { } perSession)
        {
            html.Append("<li>").Append(E(perSession)).Append("</li>");
        }

        foreach (var line in s.Notes.Select(n => "note: " + n).Concat(s.Verdict.Findings.Select(f => f.Severity.ToString().ToLowerInvariant() + ": " + f)))
        {
            html.Append("<li>").Append(E(line)).Append("</li>");
        }

        html.Append("</ul><div class=\"charts\">");
        var samples = s.Samples;
        var maxX = Math.Max(samples.Select(x => x.Seconds).DefaultIfEmpty(0).Max(), s.Health.Select(h => h.Seconds).DefaultIfEmpty(0).Max());
        html.Append(SvgChart.Render("sockets on the server's port", [
            Series("CLOSE-WAIT", "#d00", samples, x => x.Sockets?.CloseWait),
            Series("ESTABLISHED", "#06c", samples, x => x.Sockets?.Established),
            Series("TIME-WAIT", "#999", samples, x => x.Sockets?.TimeWait),
        ], s.ScenarioStartSeconds, s.ScenarioEndSeconds, maxX));
        html.Append(SvgChart.Render("RSS (MB)", [Series("RSS", "#7a3", samples, x => x.RssBytes / 1048576.0)], s.ScenarioStartSeconds, s.ScenarioEndSeconds, maxX));
        html.Append(SvgChart.Render("threads", [Series("threads", "#a5c", samples, x => x.Threads)], s.ScenarioStartSeconds, s.ScenarioEndSeconds, maxX));
        html.Append(SvgChart.Render("health latency (ms; red marks: failed or timed out)",
            [new ChartSeries("latency", "#e80", [.. s.Health.Where(h => h.LatencyMs is not null).Select(h => (h.Seconds, h.LatencyMs!.Value))])],
            s.ScenarioStartSeconds, s.ScenarioEndSeconds, maxX, [.. s.Health.Where(h => h.LatencyMs is null).Select(h => h.Seconds)]));
        html.Append("</div></section>");
    }

    private static ChartSeries Series(string name, string color, IReadOnlyList<Sample> samples, Func<Sample, double?> value) =>
        new(name, color, [.. samples.Where(x => value(x) is not null).Select(x => (x.Seconds, value(x)!.Value))]);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
