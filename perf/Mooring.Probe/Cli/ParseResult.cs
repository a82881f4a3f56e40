namespace Mooring.Probe.Cli;

/// <summary>Options, or the usage error that stopped parsing, or a request for help.</summary>
internal sealed record ParseResult(ProbeOptions? Options, string? Error, bool HelpRequested = false);
