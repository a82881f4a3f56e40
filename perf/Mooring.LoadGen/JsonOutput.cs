using System.Text.Json;

namespace Mooring.LoadGen;

/// <summary>Pieces of JSON output several results share.</summary>
internal static class JsonOutput
{
    /// <summary><c>errorsByKind</c>: the non-zero counts by <see cref="ExchangeOutcome"/> name.</summary>
    public static void WriteErrors(Utf8JsonWriter json, long[] errorsByOutcome, string name = "errorsByKind")
    {
        json.WriteStartObject(name);
        foreach (var outcome in Enum.GetValues<ExchangeOutcome>())
        {
            if (errorsByOutcome[(int)outcome] > 0)
            {
                json.WriteNumber(outcome.ToString(), errorsByOutcome[(int)outcome]);
            }
        }

        json.WriteEndObject();
    }
}
