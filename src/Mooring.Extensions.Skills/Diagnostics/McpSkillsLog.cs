using Microsoft.Extensions.Logging;

namespace Mooring.Extensions.Skills;

/// <summary>Source-generated log messages of the skills extension (event ids 2640–2659, after SEP-2640).</summary>
internal static partial class McpSkillsLog
{
    [LoggerMessage(2640, LogLevel.Information, "Serving {Skills} skills ({Files} files); directory read {DirectoryRead}.")]
    public static partial void CatalogLoaded(ILogger logger, int skills, int files, bool directoryRead);

    [LoggerMessage(2641, LogLevel.Warning, "Skill '{Skill}' is not served: {Reason}")]
    public static partial void SkillSkipped(ILogger logger, string skill, string reason);

    [LoggerMessage(2642, LogLevel.Warning, "Skill '{Skill}' is not served: its files could not be read.")]
    public static partial void SkillUnreadable(ILogger logger, Exception exception, string skill);

    [LoggerMessage(2643, LogLevel.Warning, "The skills folder {RootPath} does not exist; no skills are served from it.")]
    public static partial void RootMissing(ILogger logger, string rootPath);

    [LoggerMessage(2644, LogLevel.Debug, "Ignored {Path}: {Reason}.")]
    public static partial void EntryIgnored(ILogger logger, string path, string reason);

    [LoggerMessage(2645, LogLevel.Warning, "Skill file {Path} of '{Skill}' changed or disappeared since it was loaded; it is not served until the server restarts.")]
    public static partial void FileChanged(ILogger logger, string skill, string path);

    [LoggerMessage(2646, LogLevel.Warning, "Skill file {Path} of '{Skill}' could not be read.")]
    public static partial void FileUnreadable(ILogger logger, Exception exception, string skill, string path);

    [LoggerMessage(2647, LogLevel.Warning, "Skill file {Path} of '{Skill}' is not served as listed; the client was told it is unavailable.")]
    public static partial void FileUnavailable(ILogger logger, string skill, string path);
}
