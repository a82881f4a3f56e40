using System.Globalization;
using System.Net;
using System.Text;

namespace Mooring.Probe.Output;

/// <summary>
/// A small line chart as inline SVG: time on x, the scenario's running span shaded, optional red marks for failed
/// samples along the top. Hand-made so the report is one self-contained file with no script or image dependency.
/// </summary>
internal static class SvgChart
{
    private const int Width = 560;
    private const int Height = 210;
    private const int Left = 52;
    private const int Right = 12;
    private const int Top = 26;
    private const int Bottom = 30;

    public static string Render(string title, IReadOnlyList<ChartSeries> series, double duringStart, double duringEnd,
        double maxX, IReadOnlyList<double>? failuresAt = null)
    {
        var maxY = NiceCeiling(series.SelectMany(s => s.Points).Select(p => p.Y).DefaultIfEmpty(0).Max());
        maxX = Math.Max(maxX, 0.001);
        double X(double x) => Left + (x / maxX * (Width - Left - Right));
        double Y(double y) => Height - Bottom - (y / maxY * (Height - Top - Bottom));

        var svg = new StringBuilder();
        svg.Append(Inv($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" font-family=\"sans-serif\" font-size=\"11\">"));
        svg.Append(Inv($"<text x=\"{Left}\" y=\"15\" font-size=\"13\" font-weight=\"bold\">{WebUtility.HtmlEncode(title)}</text>"));
        svg.Append(Inv($"<rect x=\"{X(duringStart):0.#}\" y=\"{Top}\" width=\"{Math.Max(1, X(duringEnd) - X(duringStart)):0.#}\" height=\"{Height - Top - Bottom}\" fill=\"#fff3d6\"/>"));

        // Axes, four y gridlines, x ticks per second (or per 5/10 s on long runs).
        for (var i = 0; i <= 4; i++)
        {
            var value = maxY * i / 4;
            svg.Append(Inv($"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{Y(value):0.#}\" y2=\"{Y(value):0.#}\" stroke=\"#ddd\"/>"));
            svg.Append(Inv($"<text x=\"{Left - 4}\" y=\"{Y(value) + 4:0.#}\" text-anchor=\"end\">{Label(value)}</text>"));
        }

        var step = maxX <= 12 ? 1 : maxX <= 60 ? 5 : maxX <= 240 ? 20 : 60;
        for (var t = 0; t <= maxX; t += step)
        {
            svg.Append(Inv($"<text x=\"{X(t):0.#}\" y=\"{Height - Bottom + 14}\" text-anchor=\"middle\">{t}</text>"));
        }

        svg.Append(Inv($"<text x=\"{Width - Right}\" y=\"{Height - 4}\" text-anchor=\"end\">seconds (shaded: scenario running)</text>"));
        svg.Append(Inv($"<line x1=\"{Left}\" x2=\"{Left}\" y1=\"{Top}\" y2=\"{Height - Bottom}\" stroke=\"#444\"/>"));
        svg.Append(Inv($"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{Height - Bottom}\" y2=\"{Height - Bottom}\" stroke=\"#444\"/>"));

        var legendX = Width - Right;
        foreach (var s in series.Reverse())
        {
            legendX -= 8 + (7 * s.Name.Length);
            svg.Append(Inv($"<rect x=\"{legendX}\" y=\"7\" width=\"8\" height=\"8\" fill=\"{s.Color}\"/><text x=\"{legendX + 11}\" y=\"15\">{WebUtility.HtmlEncode(s.Name)}</text>"));
            legendX -= 12;
            if (s.Points.Count == 0)
            {
                continue;
            }

            svg.Append(Inv($"<polyline fill=\"none\" stroke=\"{s.Color}\" stroke-width=\"1.6\" points=\""));
            foreach (var (x, y) in s.Points)
            {
                svg.Append(Inv($"{X(x):0.#},{Y(y):0.#} "));
            }

            svg.Append("\"/>");
        }

        foreach (var at in failuresAt ?? [])
        {
            svg.Append(Inv($"<line x1=\"{X(at):0.#}\" x2=\"{X(at):0.#}\" y1=\"{Top}\" y2=\"{Top + 8}\" stroke=\"#d00\" stroke-width=\"2\"/>"));
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>1, 2 or 5 times a power of ten at or above <paramref name="value"/>; at least 1.</summary>
    public static double NiceCeiling(double value)
    {
        if (value <= 1)
        {
            return 1;
        }

        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (var factor in new[] { 1.0, 2.0, 5.0, 10.0 })
        {
            if (factor * magnitude >= value)
            {
                return factor * magnitude;
            }
        }

        return 10 * magnitude;
    }

    private static string Label(double value) => value.ToString(value >= 10 || value == Math.Floor(value) ? "0" : "0.##", CultureInfo.InvariantCulture);

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
