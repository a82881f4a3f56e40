namespace Mooring.LoadGen;

/// <summary>What every mode prints: one human line on stderr, one JSON line on stdout, and whether the run counts.</summary>
internal interface IRunResult
{
    bool Succeeded { get; }

    string ToHumanLine();

    void WriteJson(Stream stream);
}
