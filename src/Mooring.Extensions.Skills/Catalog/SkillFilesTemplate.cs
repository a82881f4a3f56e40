using Mooring.Protocol;
using Mooring.Server;

namespace Mooring.Extensions.Skills;

/// <summary>
/// Every other skill file, readable by URI though not listed in <c>resources/list</c> (each skill's entry lists its
/// files). The template advertises the URI space; matching is an exact lookup in the catalog, so only files the
/// catalog made a URI for can be read.
/// </summary>
internal sealed class SkillFilesTemplate(McpSkillCatalog catalog, McpSkillFileReader reader, string? authority) : McpServerResource
{
    public override Resource? ProtocolResource => null;

    public override ResourceTemplate? ProtocolResourceTemplate { get; } = new()
    {
        UriTemplate = McpSkillUris.FilesTemplate(authority),
        Name = "skill-files",
        Title = "Skill files",
        Description = "The files of the skills this server serves; skills/list gives each skill's complete list with digests.",
    };

    public override bool TryMatch(string uri, out IReadOnlyDictionary<string, string>? variables)
    {
        variables = null;
        return catalog.TryGetFile(uri, out _);
    }

    public override ValueTask<ReadResourceResult> ReadAsync(McpRequestContext context, string uri, IReadOnlyDictionary<string, string>? variables) =>
        catalog.TryGetFile(uri, out McpSkillFileEntry? entry)
            ? reader.ReadAsync(context, entry)
            : throw new InvalidOperationException("The server reads only URIs this template matched.");
}
