using Mooring.Protocol;
using Mooring.Server;

namespace Mooring.Extensions.Skills;

/// <summary>A skill's <c>SKILL.md</c> as a listed resource, named and described by its frontmatter.</summary>
internal sealed class SkillManifestResource(McpSkillFileEntry entry, McpSkillFileReader reader) : McpServerResource
{
    public override Resource? ProtocolResource => entry.Resource;

    public override ResourceTemplate? ProtocolResourceTemplate => null;

    public override bool TryMatch(string uri, out IReadOnlyDictionary<string, string>? variables)
    {
        variables = null;
        return string.Equals(uri, entry.Uri, StringComparison.Ordinal);
    }

    public override ValueTask<ReadResourceResult> ReadAsync(McpRequestContext context, string uri, IReadOnlyDictionary<string, string>? variables) =>
        reader.ReadAsync(context, entry);
}
