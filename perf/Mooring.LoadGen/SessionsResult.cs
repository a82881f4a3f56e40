using System.Text.Json;

namespace Mooring.LoadGen;

/// <summary>The figures of a sessions run: how many idle sessions the server now holds for this client.</summary>
internal sealed class SessionsResult : IRunResult
{
    public required LoadGenOptions Options { get; init; }

    public required SessionOpener.Opened Opened { get; init; }

    public long Errors => Opened.ErrorsByOutcome.Sum();

    /// <summary>Every session asked for was opened and named (a server without session ids has no idle sessions to measure).</summary>
    public bool Succeeded => Opened.SessionIds.Count == Options.Sessions;

    public string ToHumanLine() => FormattableString.Invariant($"{Options.Label}{(Options.Label is null ? "" : ": ")}sessions {Options.Url}: {Opened.SessionIds.Count} of {Options.Sessions} opened in ") +
        FormattableString.Invariant($"{Opened.Elapsed.TotalSeconds:0.0} s, errors {Errors}, without a session id {Opened.WithoutSessionId}") +
        (Succeeded ? "" : " (FAILED)");

    public void WriteJson(Stream stream)
    {
        using var json = new Utf8JsonWriter(stream);
        json.WriteStartObject();
        json.WriteString("tool", "Mooring.LoadGen");
        json.WriteString("label", Options.Label);
        json.WriteString("mode", "sessions");
        json.WriteString("url", Options.Url.ToString());
        json.WriteBoolean("ok", Succeeded);
        json.WriteNumber("requested", Options.Sessions);
        json.WriteNumber("opened", Opened.SessionIds.Count);
        json.WriteNumber("withoutSessionId", Opened.WithoutSessionId);
        json.WriteNumber("errors", Errors);
        json.WriteNumber("seconds", Math.Round(Opened.Elapsed.TotalSeconds, 3));
        JsonOutput.WriteErrors(json, Opened.ErrorsByOutcome);
        json.WriteEndObject();
    }
}
