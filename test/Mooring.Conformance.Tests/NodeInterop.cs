using System.Diagnostics;
using System.Text;

namespace Mooring.Conformance.Tests;

/// <summary>Runs the scripts of <c>test/interop-node</c> (Node 22 from its own node_modules) and captures their output.</summary>
public static class NodeInterop
{
    /// <summary>The <c>test/interop-node</c> folder of this repository.</summary>
    public static string Directory { get; } = Locate();

    /// <summary>Runs <c>bash script args…</c> in <see cref="Directory"/>; kills it (and only it) after <paramref name="timeout"/>.</summary>
    public static async Task<NodeRunResult> RunAsync(string script, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var startInfo = new ProcessStartInfo("bash")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = Directory,
        };
        startInfo.ArgumentList.Add(Path.Combine(Directory, script));
        foreach (string argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        using var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (stdout) { stdout.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (stderr) { stderr.AppendLine(e.Data); } } };
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"{script} did not finish within {timeout}. Output:\n{stdout}\n{stderr}");
        }

        return new NodeRunResult(process.ExitCode, stdout.ToString(), stderr.ToString());
    }

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "test", "interop-node");
            if (File.Exists(Path.Combine(candidate, "package.json")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("test/interop-node not found above " + AppContext.BaseDirectory);
    }
}
