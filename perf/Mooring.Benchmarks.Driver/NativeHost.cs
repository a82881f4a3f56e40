using System.Diagnostics;
using System.Globalization;

namespace Mooring.Benchmarks.Driver;

/// <summary>
/// The Mooring host compiled with Native AOT, for the cold-start scenario. It takes about 80 s of both cores to publish,
/// so it is found or published once before the rounds, and any reason it is not there makes its variant "not measured"
/// rather than failing the run:
/// <list type="bullet">
/// <item>MOORING_HOST_NATIVE names a published executable: that one, never published here;</item>
/// <item>otherwise <c>--short</c> does not publish (it is part of the CI test command) and leaves the variant out;</item>
/// <item>otherwise <c>--no-build</c> takes <see cref="DefaultDirectory"/>'s executable as published before, if any;</item>
/// <item>otherwise <c>dotnet publish -r linux-x64</c> to <see cref="DefaultDirectory"/>.</item>
/// </list>
/// </summary>
internal static class NativeHost
{
    public const string EnvironmentVariable = "MOORING_HOST_NATIVE";

    /// <summary>Where the driver publishes it, under the repository root (artifacts/ is not kept in git).</summary>
    public const string DefaultDirectory = "artifacts/perf/aot";

    /// <summary>A cold publish takes about 80 s on the 2-core machine; this bound is for a machine far slower or a hung build.</summary>
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(15);

    /// <summary>The executable to run: MOORING_HOST_NATIVE's, or the default place the driver publishes to.</summary>
    public static string PathFor(string root) =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } path
            ? Path.GetFullPath(path)
            : Path.Combine(root, DefaultDirectory, "Mooring.Host");

    /// <summary>Finds or publishes the native host at <paramref name="server"/>'s path; null when it is ready, else why it is not.</summary>
    public static async Task<string?> PrepareAsync(DriverOptions options, ServerDefinition server)
    {
        var executable = server.EntryPath;
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 })
        {
            return File.Exists(executable) ? null : $"{EnvironmentVariable}={executable} does not exist";
        }

        if (options.Short)
        {
            return $"not published in --short (publishing takes about 80 s); set {EnvironmentVariable} to a published Mooring.Host to include it";
        }

        if (options.NoBuild)
        {
            if (!File.Exists(executable))
            {
                return $"--no-build and no host published at {DefaultDirectory}; run without --no-build, or set {EnvironmentVariable}";
            }

            await Console.Error.WriteLineAsync($"[bench] native AOT host: {executable}, published {File.GetLastWriteTimeUtc(executable).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC (--no-build: not published again)");
            return null;
        }

        return await PublishAsync(options, Path.GetDirectoryName(executable)!);
    }

    private static async Task<string?> PublishAsync(DriverOptions options, string directory)
    {
        var logPath = Path.Combine(options.RunDirectory, "publish-aot.log");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "publish", Path.Combine(options.Root, "src/Mooring.Host/Mooring.Host.csproj"), "-c", "Release", "-r", "linux-x64", "-o", directory, "--nologo" })
        {
            start.ArgumentList.Add(argument);
        }

        await Console.Error.WriteLineAsync($"[bench] publishing the native AOT host to {Path.GetRelativePath(options.Root, directory)} (about 80 s; log: {logPath})");
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        ChildProcesses.Add(process);
        try
        {
            await using var log = new StreamWriter(logPath) { AutoFlush = true };
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(PublishTimeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                // Our own child and what it started (MSBuild nodes of this build), by PID.
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            await log.WriteAsync(await output);
            await log.WriteAsync(await error);
            if (timeout.IsCancellationRequested)
            {
                return $"dotnet publish did not finish within {PublishTimeout.TotalMinutes:0} min (see {logPath})";
            }

            if (process.ExitCode != 0)
            {
                await Console.Error.WriteLineAsync($"[bench] publishing the native AOT host FAILED (exit {process.ExitCode}); see {logPath}");
                return $"dotnet publish failed with exit {process.ExitCode} (see {logPath})";
            }
        }
        finally
        {
            ChildProcesses.Remove(process);
        }

        await Console.Error.WriteLineAsync($"[bench] published in {clock.Elapsed.TotalSeconds:0} s");
        return null;
    }
}
