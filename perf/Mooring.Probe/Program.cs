using Mooring.Probe;

// mooring-probe URL [options]: fault scenarios against an MCP server; see --help and README.md.
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // First Ctrl+C stops the run (scenarios clean up their sockets); a second one kills the process.
    e.Cancel = !cancel.IsCancellationRequested;
    cancel.Cancel();
};

try
{
    return await ProbeRunner.MainAsync(args, Console.Out, Console.Error, cancel.Token);
}
catch (OperationCanceledException) when (cancel.IsCancellationRequested)
{
    await Console.Error.WriteLineAsync("mooring-probe: cancelled.");
    return 130;
}
