using System.Text.Json;

namespace Mooring.Benchmarks.Driver;

/// <summary>The JSON line a perf/Mooring.LoadGen run printed, and its exit code.</summary>
internal sealed class LoadGenOutput
{
    private readonly JsonElement _json;

    public LoadGenOutput(JsonElement json, int exitCode, string lastLog)
    {
        _json = json;
        ExitCode = exitCode;
        LastLog = lastLog;
    }

    public int ExitCode { get; }

    /// <summary>The last line the load generator wrote on stderr: its human summary, or why it failed.</summary>
    public string LastLog { get; }

    /// <summary>The run counts: exit code 0 and <c>"ok": true</c>.</summary>
    public bool Ok => ExitCode == 0 && _json.ValueKind == JsonValueKind.Object && _json.TryGetProperty("ok", out var ok) && ok.ValueKind == JsonValueKind.True;

    /// <summary>A number of the output; NaN when absent or negative (the load generator's "not measured").</summary>
    public double Number(string name) =>
        _json.ValueKind == JsonValueKind.Object && _json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.GetDouble() >= 0
            ? value.GetDouble()
            : double.NaN;

    public string? Text(string name) =>
        _json.ValueKind == JsonValueKind.Object && _json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>The error counts by kind, as "Kind n, Kind m"; empty when none.</summary>
    public string ErrorKinds(string name = "errorsByKind") =>
        _json.ValueKind == JsonValueKind.Object && _json.TryGetProperty(name, out var kinds) && kinds.ValueKind == JsonValueKind.Object
            ? string.Join(", ", kinds.EnumerateObject().Select(p => $"{p.Name} {p.Value}"))
            : "";
}
