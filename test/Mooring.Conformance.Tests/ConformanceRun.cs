namespace Mooring.Conformance.Tests;

/// <summary>
/// One run of the conformance suite against a fresh Mooring.Host: which pinned package (<c>stable</c> is npm
/// @modelcontextprotocol/conformance 0.1.16, <c>next</c> is 0.2.0-alpha.12 under the npm alias conformance-next),
/// which suite and spec version, and the scenarios that run must contain (in the suite's order). <see cref="Name"/>
/// keys the run in expected-failures.json.
/// </summary>
public sealed record ConformanceRun(string Name, string Package, string Suite, string? SpecVersion, IReadOnlyList<string> ScenarioNames)
{
    /// <summary>0.1.16, <c>--suite all</c>: its 30 active and 2 pending scenarios, all on the 2025-11-25 wire.</summary>
    public static ConformanceRun StableAll { get; } = new("stable-all", "stable", "all", null,
    [
        "server-initialize", "logging-set-level", "ping", "completion-complete", "tools-list", "tools-call-simple-text",
        "tools-call-image", "tools-call-audio", "tools-call-embedded-resource", "tools-call-mixed-content",
        "tools-call-with-logging", "tools-call-error", "tools-call-with-progress", "tools-call-sampling",
        "tools-call-elicitation", "json-schema-2020-12", "elicitation-sep1034-defaults", "server-sse-polling",
        "server-sse-multiple-streams", "elicitation-sep1330-enums", "resources-list", "resources-read-text",
        "resources-read-binary", "resources-templates-read", "resources-subscribe", "resources-unsubscribe",
        "prompts-list", "prompts-get-simple", "prompts-get-with-args", "prompts-get-embedded-resource",
        "prompts-get-with-image", "dns-rebinding-protection",
    ]);

    /// <summary>
    /// 0.2.0-alpha.12, <c>--suite all</c>: its 65 active, pending and draft scenarios, each on the wire of
    /// the era it was introduced in: the ones tagged for 2025 (alone or with 2026) run on 2025-11-25, the 2026-only and
    /// the extension scenarios (tasks, skills) on 2026-07-28.
    /// </summary>
    public static ConformanceRun NextAll { get; } = new("next-all", "next", "all", null,
    [
        "server-initialize", "server-session-lifecycle", "server-stateless", "logging-set-level", "ping",
        "completion-complete", "tools-list", "tools-call-simple-text", "tools-call-image", "tools-call-audio",
        "tools-call-embedded-resource", "tools-call-mixed-content", "tools-call-with-logging", "tools-call-error",
        "tools-call-with-progress", "tools-call-sampling", "tools-call-elicitation", "json-schema-2020-12",
        "elicitation-sep1034-defaults", "server-sse-polling", "server-sse-multiple-streams", "elicitation-sep1330-enums",
        "resources-list", "resources-read-text", "resources-read-binary", "resources-templates-read",
        "resources-subscribe", "resources-unsubscribe", "sep-2164-resource-not-found", "sep-2640-skills-directory",
        "sep-2640-skills-enumeration", "sep-2640-skills-manifest", "prompts-list", "prompts-get-simple",
        "prompts-get-with-args", "prompts-get-embedded-resource", "prompts-get-with-image", "dns-rebinding-protection",
        "caching", "http-header-validation", "http-custom-header-server-validation", "tasks-lifecycle",
        "tasks-capability-negotiation", "tasks-wire-fields", "tasks-request-state-removal", "tasks-mrtr-input",
        "tasks-request-headers", "tasks-dispatch-and-envelope", "tasks-status-notifications",
        "tasks-required-task-error", "tasks-mrtr-composition", "input-required-result-basic-elicitation",
        "input-required-result-basic-sampling", "input-required-result-basic-list-roots",
        "input-required-result-request-state", "input-required-result-multiple-input-requests",
        "input-required-result-multi-round", "input-required-result-missing-input-response",
        "input-required-result-non-tool-request", "input-required-result-result-type",
        "input-required-result-unsupported-methods", "input-required-result-tampered-state",
        "input-required-result-capability-check", "input-required-result-ignore-extra-params",
        "input-required-result-validate-input",
    ]);

    /// <summary>
    /// 0.2.0-alpha.12, <c>--suite all --spec-version 2026-07-28</c>: the 40 scenarios that apply to 2026-07-28, all on the
    /// 2026 wire, so the scenarios tagged for both eras are judged on the new one too. Extension scenarios never match a
    /// spec-version filter; <see cref="NextAll"/> runs them.
    /// </summary>
    public static ConformanceRun NextAll2026 { get; } = new("next-all-2026-07-28", "next", "all", "2026-07-28",
    [
        "server-stateless", "completion-complete", "tools-list", "tools-call-simple-text", "tools-call-image",
        "tools-call-audio", "tools-call-embedded-resource", "tools-call-mixed-content", "tools-call-error",
        "tools-call-with-progress", "json-schema-2020-12", "server-sse-multiple-streams", "resources-list",
        "resources-read-text", "resources-read-binary", "resources-templates-read", "sep-2164-resource-not-found",
        "prompts-list", "prompts-get-simple", "prompts-get-with-args", "prompts-get-embedded-resource",
        "prompts-get-with-image", "dns-rebinding-protection", "caching", "http-header-validation",
        "http-custom-header-server-validation", "input-required-result-basic-elicitation",
        "input-required-result-basic-sampling", "input-required-result-basic-list-roots",
        "input-required-result-request-state", "input-required-result-multiple-input-requests",
        "input-required-result-multi-round", "input-required-result-missing-input-response",
        "input-required-result-non-tool-request", "input-required-result-result-type",
        "input-required-result-unsupported-methods", "input-required-result-tampered-state",
        "input-required-result-capability-check", "input-required-result-ignore-extra-params",
        "input-required-result-validate-input",
    ]);

    /// <summary>Every run the tests make, in the order docs/conformance.md lists them.</summary>
    public static IReadOnlyList<ConformanceRun> All { get; } = [StableAll, NextAll, NextAll2026];

    /// <summary>
    /// Bound on the whole CLI run, passed as <c>--run-timeout</c>: 300 s. A healthy run takes seconds (0.1.16 about 10 s,
    /// the alpha runs a few seconds against today's host), but the alpha harness waits up to 10 s per request and 30 s
    /// per scenario, so a server that stops answering could otherwise hold the test run for over half an hour.
    /// </summary>
    public static TimeSpan RunTimeout { get; } = TimeSpan.FromSeconds(300);

    /// <summary>The scenario names as xunit theory rows.</summary>
    public TheoryData<string> ScenarioRows() => [.. ScenarioNames];

    /// <summary>The arguments of <c>conformance.sh</c> after the URL, writing results to <paramref name="output"/>.</summary>
    public IReadOnlyList<string> ScriptArguments(string output)
    {
        List<string> arguments = ["--package", Package, "--suite", Suite, "--out", output, "--run-timeout", ((int)RunTimeout.TotalSeconds).ToString()];
        if (SpecVersion is not null)
        {
            arguments.AddRange(["--spec-version", SpecVersion]);
        }

        return arguments;
    }

    /// <summary>The arguments of <c>list-scenarios.sh</c> that list what this run runs.</summary>
    public IReadOnlyList<string> ListArguments() =>
        SpecVersion is null ? ["--package", Package] : ["--package", Package, "--spec-version", SpecVersion];

    public override string ToString() => Name;
}
