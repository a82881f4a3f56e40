using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Mooring.Protocol;
using Mooring.Server;

namespace Mooring.Extensions.Skills;

/// <summary>
/// The skills extension (<c>io.modelcontextprotocol/skills</c>, SEP-2640): serves the skills of a
/// <see cref="McpSkillProvider"/> as <c>skill://</c> resources, with <c>skills/list</c>, <c>skills/get</c> and,
/// when <see cref="McpSkillsOptions.DirectoryRead"/> is on, <c>resources/directory/read</c>. Each skill's
/// <c>SKILL.md</c> is listed in <c>resources/list</c>; its other files are readable by URI through one resource
/// template. Register it with <c>WithSkills()</c>.
/// </summary>
/// <remarks>
/// The provider is asked for its skills once, when the server is built (<see cref="Attach"/>); from then on every
/// answer comes from that snapshot, and every file read is checked against the digest the snapshot published.
/// </remarks>
public sealed partial class McpSkillsExtension : McpServerExtension
{
    private readonly McpSkillProvider _provider;
    private readonly McpSkillsOptions _options;
    private readonly ILogger _logger;
    private McpSkillCatalog _catalog = McpSkillCatalog.Empty;
    private int _pageSize = 100;

    /// <summary>Creates the extension.</summary>
    /// <param name="provider">Where the skills come from.</param>
    /// <param name="options">The options; read once, here.</param>
    /// <param name="logger">Where skipped skills and unavailable files are reported.</param>
    public McpSkillsExtension(McpSkillProvider provider, McpSkillsOptions options, ILogger<McpSkillsExtension>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(options);
        _provider = provider;
        _options = options;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        var methods = new Dictionary<string, McpRequestHandler>(StringComparer.Ordinal);
        if (options.Enabled)
        {
            methods[McpSkillMethods.SkillsList] = ListSkills;
            methods[McpSkillMethods.SkillsGet] = GetSkill;
            if (options.DirectoryRead)
            {
                methods[McpSkillMethods.ResourcesDirectoryRead] = ReadDirectory;
            }
        }

        Methods = methods;
    }

    /// <inheritdoc />
    public override string Id => McpExtensionIds.Skills;

    /// <summary>Empty, or <c>{"directoryRead": true}</c> when directories can be read.</summary>
    public override JsonObject Settings => _options.DirectoryRead ? new JsonObject { [McpSkillConventions.DirectoryReadSetting] = true } : [];

    /// <summary>True unless the extension is disabled.</summary>
    public override bool Modern => _options.Enabled;

    /// <summary>True when enabled with <see cref="McpSkillsOptions.Legacy"/>.</summary>
    public override bool Legacy => _options.Enabled && _options.Legacy;

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, McpRequestHandler> Methods { get; }

    /// <summary>The skills served, ordered by URI: empty until the server is built. These are the entries sent to clients; treat them as read-only.</summary>
    public IReadOnlyList<Skill> Skills => _catalog.Skills;

    /// <summary>Loads the provider's skills and adds their resources: each <c>SKILL.md</c>, and a template for the other files.</summary>
    public override void Attach(McpServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        if (!_options.Enabled)
        {
            return;
        }

        McpSkillCatalog catalog = McpSkillCatalog.Build(_provider.LoadSkills(), _options, _logger);
        var reader = new McpSkillFileReader(_provider, _logger);
        foreach (McpSkillFileEntry manifest in catalog.Manifests)
        {
            server.Add(new SkillManifestResource(manifest, reader) { CacheHint = _options.ReadCache });
        }

        if (catalog.FileCount > catalog.Manifests.Count)
        {
            server.Add(new SkillFilesTemplate(catalog, reader, _options.Authority) { CacheHint = _options.ReadCache });
        }

        _pageSize = _options.PageSize ?? server.Options.PageSize;
        _catalog = catalog;
        McpSkillsLog.CatalogLoaded(_logger, catalog.Skills.Count, catalog.FileCount, _options.DirectoryRead);
    }
}
