namespace Mooring.Probe.Tests.Idle;

/// <summary>
/// One series of a Prometheus text scrape: <c>name{labels} value</c>. <see cref="Key"/> is the name and labels as
/// written, which the exporter keeps identical from one scrape to the next; <see cref="Type"/> is the family's
/// <c># TYPE</c> (gauge, counter, histogram…), or empty when the scrape did not say.
/// </summary>
internal sealed record PrometheusSeries(string Name, IReadOnlyDictionary<string, string> Labels, string Key, double Value, string Type)
{
    public override string ToString() => $"{Key} {Value}";
}
