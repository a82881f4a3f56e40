using System.Text;

namespace Mooring.Extensions.Skills.Tests.Infrastructure;

/// <summary>Three skills of different shapes, served from memory.</summary>
internal static class SampleSkills
{
    public static readonly byte[] Logo = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0xFF];

    public static string Alpha { get; } = TestSkills.Markdown(
        "alpha",
        "Handles alpha requests. Use when alpha is mentioned.",
        "license: MIT\nmetadata:\n  author: tests\n  version: \"2.1\"\n",
        "# Alpha\n\nSee `references/guide.md` and pick a template from `templates/`.\n");

    public static string Beta { get; } = TestSkills.Markdown("beta");

    public static string Gamma { get; } = TestSkills.Markdown("gamma", "Café notes, in UTF-8.");

    public static InMemorySkillProvider Provider() => new InMemorySkillProvider()
        .Add(Alpha, new Dictionary<string, byte[]>
        {
            ["references/guide.md"] = Encoding.UTF8.GetBytes("# Guide\n"),
            ["templates/invoice.md"] = Encoding.UTF8.GetBytes("Invoice {{number}}\n"),
            ["templates/regional/eu.md"] = Encoding.UTF8.GetBytes("EU invoice\n"),
            ["scripts/run.py"] = Encoding.UTF8.GetBytes("print('hi')\n"),
            ["assets/logo.png"] = Logo,
        })
        .Add(Beta)
        .Add(Gamma, new Dictionary<string, string> { ["notes.txt"] = "déjà vu\n" });
}
