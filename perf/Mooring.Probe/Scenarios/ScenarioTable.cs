namespace Mooring.Probe.Scenarios;

/// <summary>The named operations, in run order, with their normal and --quick bounds.</summary>
internal static class ScenarioTable
{
    private static readonly TimeSpan Zero = TimeSpan.Zero;

    public static IReadOnlyList<Scenario> All { get; } =
    [
        new("churn",
            "initialize, initialized, tools/call, FIN without DELETE; many workers, many cycles",
            Normal: new(Cycles: 10000, Concurrency: 8, Duration: TimeSpan.FromSeconds(60), Hold: Zero),
            Quick: new(Cycles: 100, Concurrency: 2, Duration: TimeSpan.FromSeconds(5), Hold: Zero),
            ChurnScenario.RunAsync),
        new("abandoned-get",
            "open a session's GET stream, then vanish without DELETE (half FIN, half RST)",
            Normal: new(Cycles: 200, Concurrency: 8, Duration: TimeSpan.FromSeconds(30), Hold: Zero),
            Quick: new(Cycles: 10, Concurrency: 2, Duration: TimeSpan.FromSeconds(5), Hold: Zero),
            AbandonedGetScenario.RunAsync),
        new("disconnect-mid-response",
            "call a slow tool (sleep 2000 ms) and close with FIN or RST after 300 ms, before the answer",
            Normal: new(Cycles: 100, Concurrency: 8, Duration: TimeSpan.FromSeconds(30), Hold: Zero),
            Quick: new(Cycles: 6, Concurrency: 3, Duration: TimeSpan.FromSeconds(5), Hold: Zero),
            DisconnectMidResponseScenario.RunAsync),
        new("stopped-reader",
            "pipelined 1 MB echo answers to a client with a tiny receive buffer that never reads; hold, then RST",
            Normal: new(Cycles: 8, Concurrency: 8, Duration: TimeSpan.FromSeconds(30), Hold: TimeSpan.FromSeconds(15)),
            Quick: new(Cycles: 2, Concurrency: 2, Duration: TimeSpan.FromSeconds(5), Hold: TimeSpan.FromSeconds(3)),
            StoppedReaderScenario.RunAsync),
        new("slowloris",
            "request heads sent one byte every 100 ms, never finished within the duration",
            Normal: new(Cycles: 50, Concurrency: 50, Duration: TimeSpan.FromSeconds(20), Hold: Zero),
            Quick: new(Cycles: 4, Concurrency: 4, Duration: TimeSpan.FromSeconds(2), Hold: Zero),
            SlowlorisScenario.RunAsync),
        new("session-flood",
            "initialize many sessions on keep-alive connections and never delete them",
            Normal: new(Cycles: 10000, Concurrency: 8, Duration: TimeSpan.FromSeconds(60), Hold: Zero),
            Quick: new(Cycles: 100, Concurrency: 2, Duration: TimeSpan.FromSeconds(5), Hold: Zero),
            SessionFloodScenario.RunAsync,
            ReportsPerSession: true),
        new("abandoned-streams",
            "hold many GET streams (a session each), then drop them all at once with FIN",
            Normal: new(Cycles: 300, Concurrency: 8, Duration: TimeSpan.FromSeconds(30), Hold: TimeSpan.FromSeconds(10)),
            Quick: new(Cycles: 8, Concurrency: 2, Duration: TimeSpan.FromSeconds(5), Hold: TimeSpan.FromSeconds(1.5)),
            AbandonedStreamsScenario.RunAsync),
    ];

    public static Scenario? Find(string name) => All.FirstOrDefault(s => s.Name == name);
}
