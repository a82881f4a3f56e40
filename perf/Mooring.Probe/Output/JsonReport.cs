using System.Text.Json;
using System.Text.Json.Serialization;
using Mooring.Probe.Results;

namespace Mooring.Probe.Output;

/// <summary>The run as JSON: the same figures, findings and samples as the HTML report, for scripts and CI.</summary>
internal static class JsonReport
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    public static string Serialize(ProbeReport report) => JsonSerializer.Serialize(report, Options);

    public static Task WriteAsync(ProbeReport report, string path, CancellationToken cancellationToken) =>
        File.WriteAllTextAsync(path, Serialize(report), cancellationToken);
}
