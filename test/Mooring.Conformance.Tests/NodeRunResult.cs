namespace Mooring.Conformance.Tests;

/// <summary>What a Node-side script printed and how it exited.</summary>
public sealed record NodeRunResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Both streams, for failure messages.</summary>
    public string Output => Stdout + Environment.NewLine + Stderr;
}
