using System.Globalization;
using System.Text;

namespace Mooring.Probe.Tests.Idle;

/// <summary>
/// Reads the Prometheus text exposition format (version 0.0.4), as the host's OpenTelemetry exporter writes it at
/// /metrics: <c># TYPE family type</c> lines and <c>name{label="value",…} value [timestamp]</c> samples.
/// </summary>
internal static class PrometheusText
{
    public static IReadOnlyList<PrometheusSeries> Parse(string text)
    {
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        var series = new List<PrometheusSeries>();
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.TrimEnd('\r');
            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length >= 4)
                {
                    types[parts[2]] = parts[3];
                }

                continue;
            }

            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            if (TryParseSample(line, out var name, out var labels, out var key, out var value))
            {
                // A gauge's samples carry the family's name; counters and histograms add _total, _bucket, _sum, _count.
                series.Add(new PrometheusSeries(name, labels, key, value, types.GetValueOrDefault(name, "")));
            }
        }

        return series;
    }

    private static bool TryParseSample(string line, out string name, out Dictionary<string, string> labels, out string key, out double value)
    {
        labels = new Dictionary<string, string>(StringComparer.Ordinal);
        value = 0;
        var brace = line.IndexOf('{', StringComparison.Ordinal);
        var space = line.IndexOf(' ', StringComparison.Ordinal);
        int keyEnd;
        if (brace >= 0 && (space < 0 || brace < space))
        {
            name = line[..brace];
            keyEnd = ParseLabels(line, brace + 1, labels);
            if (keyEnd < 0)
            {
                key = "";
                return false;
            }
        }
        else
        {
            name = space < 0 ? line : line[..space];
            keyEnd = name.Length;
        }

        key = line[..keyEnd];
        var rest = line[keyEnd..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return rest.Length >= 1 && TryParseValue(rest[0], out value);
    }

    /// <summary>Reads <c>a="x",b="y"}</c> from <paramref name="start"/>; returns the index after the closing brace, or -1.</summary>
    private static int ParseLabels(string line, int start, Dictionary<string, string> labels)
    {
        var i = start;
        while (i < line.Length)
        {
            if (line[i] == '}')
            {
                return i + 1;
            }

            if (line[i] == ',')
            {
                i++;
                continue;
            }

            var equals = line.IndexOf('=', i);
            if (equals < 0 || equals + 1 >= line.Length || line[equals + 1] != '"')
            {
                return -1;
            }

            var labelName = line[i..equals].Trim();
            var labelValue = new StringBuilder();
            i = equals + 2;
            while (i < line.Length && line[i] != '"')
            {
                // Escapes in label values: \\, \" and \n.
                if (line[i] == '\\' && i + 1 < line.Length)
                {
                    i++;
                    labelValue.Append(line[i] == 'n' ? '\n' : line[i]);
                }
                else
                {
                    labelValue.Append(line[i]);
                }

                i++;
            }

            labels[labelName] = labelValue.ToString();
            i++; // the closing quote
        }

        return -1;
    }

    private static bool TryParseValue(string text, out double value)
    {
        switch (text)
        {
            case "+Inf":
                value = double.PositiveInfinity;
                return true;
            case "-Inf":
                value = double.NegativeInfinity;
                return true;
            case "NaN":
                value = double.NaN;
                return true;
            default:
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        }
    }
}
