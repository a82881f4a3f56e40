using Mooring.LoadGen;

// Mooring.LoadGen: the load generator of perf/run-benchmarks.sh. See LoadGenOptions.Usage.
if (!LoadGenOptions.TryParse(args, out var options, out var error))
{
    if (!string.IsNullOrEmpty(error))
    {
        await Console.Error.WriteLineAsync(error);
    }

    await Console.Error.WriteLineAsync(LoadGenOptions.Usage);
    return string.IsNullOrEmpty(error) ? 0 : 2;
}

IRunResult result = options.Mode switch
{
    LoadMode.Churn => await ChurnRunner.RunAsync(options),
    LoadMode.Sessions => await RunSessionsAsync(options),
    LoadMode.Streams => await StreamRunner.RunAsync(options),
    _ => await LoadRunner.RunAsync(options),
};

await Console.Error.WriteLineAsync(result.ToHumanLine());
using (var stdout = Console.OpenStandardOutput())
{
    result.WriteJson(stdout);
    stdout.Write("\n"u8);
    stdout.Flush();
}

if (result is StreamsResult streams)
{
    await streams.AfterReportedAsync();
}

return result.Succeeded ? 0 : 1;

static async Task<IRunResult> RunSessionsAsync(LoadGenOptions options)
{
    using var abort = new CancellationTokenSource(TimeSpan.FromMinutes(10));
    return new SessionsResult { Options = options, Opened = await SessionOpener.OpenAsync(options, options.Sessions, abort.Token) };
}
