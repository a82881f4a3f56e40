using Mooring.Probe.Results;
using Spectre.Console;

namespace Mooring.Probe.Output;

/// <summary>Prints one table per scenario with its activity, notes and verdict line.</summary>
internal sealed class ConsoleReport
{
    private readonly IAnsiConsole _console;

    public ConsoleReport(TextWriter writer)
    {
        // Plain text when redirected (tests, CI logs, files), 160 columns wide; colours only on a terminal.
        var terminal = writer == Console.Out && !Console.IsOutputRedirected;
        _console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        });
        if (!terminal)
        {
            _console.Profile.Width = 160;
        }
    }

    public void Line(string text) => _console.WriteLine(text);

    public void Write(ScenarioResult result)
    {
        var table = new Table { Title = new TableTitle($"{result.Name}: {result.Description}") };
        table.Border(TableBorder.Rounded);
        foreach (var header in Figures.Header)
        {
            table.AddColumn(new TableColumn(Markup.Escape(header)));
        }

        foreach (var row in Figures.Rows(result.Summary))
        {
            table.AddRow([.. row.Select(Markup.Escape)]);
        }

        _console.Write(table);
        _console.WriteLine("  " + Figures.Activity(result));
        if (Figures.PerSession(result) is { } perSession)
        {
            _console.WriteLine("  " + perSession);
        }

        foreach (var note in result.Notes)
        {
            _console.WriteLine("  note: " + note);
        }

        foreach (var finding in result.Verdict.Findings.Where(f => f.Severity == FindingSeverity.Warn))
        {
            _console.WriteLine("  warn: " + finding);
        }

        var colour = result.Verdict.Ok ? "green" : "red";
        _console.MarkupLine($"  verdict: [{colour}]{Markup.Escape(result.Verdict.Line)}[/]");
        _console.WriteLine();
    }
}
