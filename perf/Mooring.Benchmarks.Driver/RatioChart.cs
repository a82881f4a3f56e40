using System.Globalization;
using System.Security;
using System.Text;

namespace Mooring.Benchmarks.Driver;

/// <summary>
/// The ratios as a horizontal bar chart in SVG, written by hand (no external tool): one bar per ratio, a line at 1.0,
/// the target as a tick on its bar; green when the target is met, orange when not, grey without one.
/// </summary>
internal static class RatioChart
{
    private const int Width = 980;
    private const int LabelWidth = 430;
    private const int PlotWidth = 440;
    private const int RowHeight = 26;
    private const int Top = 56;
    private const int Bottom = 44;

    public static string Render(IReadOnlyList<(Ratio Ratio, double Value)> rows, string subtitle)
    {
        var scale = Math.Clamp(Math.Ceiling(rows.Select(r => Math.Max(double.IsNaN(r.Value) ? 0 : r.Value, r.Ratio.Target ?? 0)).DefaultIfEmpty(1).Max() * 1.1 * 2) / 2, 1.5, 4);
        var height = Top + (rows.Count * RowHeight) + Bottom;
        var x0 = LabelWidth;
        double X(double value) => x0 + (Math.Min(value, scale) / scale * PlotWidth);

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"""<svg xmlns="http://www.w3.org/2000/svg" width="{Width}" height="{height}" viewBox="0 0 {Width} {height}" font-family="Helvetica, Arial, sans-serif" font-size="13">""").Append('\n');
        svg.Append(CultureInfo.InvariantCulture, $"""<rect width="{Width}" height="{height}" fill="#ffffff"/>""").Append('\n');
        svg.Append("""<text x="16" y="24" font-size="16" font-weight="bold">Mooring benchmark ratios (median of per-round ratios)</text>""").Append('\n');
        svg.Append(CultureInfo.InvariantCulture, $"""<text x="16" y="42" fill="#555555">{Escape(subtitle)}</text>""").Append('\n');

        // Grid: every 0.5, labelled below.
        for (var v = 0.0; v <= scale + 1e-9; v += 0.5)
        {
            var x = X(v);
            svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{x:0.#}" y1="{Top - 6}" x2="{x:0.#}" y2="{height - Bottom + 4}" stroke="{(v == 1 ? "#333333" : "#dddddd")}" stroke-width="{(v == 1 ? 1.5 : 1)}"/>""").Append('\n');
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{x:0.#}" y="{height - Bottom + 20}" text-anchor="middle" fill="#555555">{v:0.0}×</text>""").Append('\n');
        }

        for (var i = 0; i < rows.Count; i++)
        {
            var (ratio, value) = rows[i];
            var y = Top + (i * RowHeight);
            var meets = ratio.Meets(value);
            var fill = meets switch { true => "#3a9a5b", false => "#e08a2e", null => "#9aa3ad" };
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{x0 - 8}" y="{y + 17}" text-anchor="end">{Escape(ratio.Label)}</text>""").Append('\n');
            if (double.IsNaN(value))
            {
                svg.Append(CultureInfo.InvariantCulture, $"""<text x="{x0 + 6}" y="{y + 17}" fill="#999999">not measured</text>""").Append('\n');
            }
            else
            {
                svg.Append(CultureInfo.InvariantCulture, $"""<rect x="{x0}" y="{y + 5}" width="{X(value) - x0:0.#}" height="{RowHeight - 10}" fill="{fill}"/>""").Append('\n');
                // The figure right of the bar, and right of the target tick when that is further.
                var clipped = value > scale ? "+" : "";
                var labelX = Math.Max(X(value), ratio.Target is { } t ? X(t) : 0) + 6;
                svg.Append(CultureInfo.InvariantCulture, $"""<text x="{labelX:0.#}" y="{y + 17}">{value:0.00}{clipped}</text>""").Append('\n');
            }

            if (ratio.Target is { } target)
            {
                var tx = X(target);
                svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{tx:0.#}" y1="{y + 2}" x2="{tx:0.#}" y2="{y + RowHeight - 2}" stroke="#111111" stroke-width="2.5"/>""").Append('\n');
                svg.Append(CultureInfo.InvariantCulture, $"""<text x="{Width - 12}" y="{y + 17}" text-anchor="end" fill="#333333">target {(ratio.AtMost ? "≤" : "≥")} {target:0.##}</text>""").Append('\n');
            }
        }

        svg.Append(CultureInfo.InvariantCulture, $"""<text x="16" y="{height - 8}" fill="#555555">Bars: green meets the issue's target (black tick), orange does not, grey has none. 1.0× = the server compared with.</text>""").Append('\n');
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static string Escape(string text) => SecurityElement.Escape(text);
}
