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

var result = await LoadRunner.RunAsync(options);
await Console.Error.WriteLineAsync(result.ToHumanLine());
using (var stdout = Console.OpenStandardOutput())
{
    result.WriteJson(stdout);
    stdout.Write("\n"u8);
}

return result.Succeeded ? 0 : 1;
