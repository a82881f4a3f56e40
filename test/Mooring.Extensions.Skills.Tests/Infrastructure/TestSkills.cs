using System.Security.Cryptography;

namespace Mooring.Extensions.Skills.Tests.Infrastructure;

/// <summary>Skill texts and folders for tests.</summary>
internal static class TestSkills
{
    public static string Markdown(string name, string description = "Does a thing. Use when asked.", string extraFrontmatter = "", string body = "# Instructions\n\nDo the thing.\n") =>
        $"---\nname: {name}\ndescription: {description}\n{extraFrontmatter}---\n\n{body}";

    public static string Digest(byte[] bytes) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));
}

/// <summary>A temporary folder, deleted at dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = Directory.CreateTempSubdirectory("mooring-skills-").FullName;
    }

    public string Path { get; }

    /// <summary>Writes a file (creating its folders) and returns its full path.</summary>
    public string Write(string relativePath, string text) => Write(relativePath, System.Text.Encoding.UTF8.GetBytes(text));

    public string Write(string relativePath, byte[] bytes)
    {
        string full = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, bytes);
        return full;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
