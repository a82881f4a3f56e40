namespace Mooring.Extensions.Skills;

/// <summary>The request methods the skills extension adds.</summary>
public static class McpSkillMethods
{
    /// <summary>Lists the skills a server serves (paginated).</summary>
    public const string SkillsList = "skills/list";

    /// <summary>Returns the entry of one skill, named by the URI of its <c>SKILL.md</c>.</summary>
    public const string SkillsGet = "skills/get";

    /// <summary>Lists the direct children of a directory resource (paginated); offered when <c>directoryRead</c> is declared.</summary>
    public const string ResourcesDirectoryRead = "resources/directory/read";
}
