using Mooring.Protocol;
using Mooring.Server;

namespace Mooring.Extensions.Skills;

/// <summary>
/// Options of the skills extension. The catalog is a snapshot the provider makes once, when the server is built, so
/// every answer (and every digest) stays the same until the server restarts.
/// </summary>
public sealed class McpSkillsOptions
{
    private string? _authority;
    private string _rootPath = "skills";
    private int? _pageSize;
    private int _maxFilesPerSkill = McpSkillConventions.MaxFilesPerSkill;
    private long _maxBytesPerSkill = McpSkillConventions.MaxBytesPerSkill;
    private McpCacheHint _listCache = DefaultCache;
    private McpCacheHint _getCache = DefaultCache;
    private McpCacheHint _readCache = DefaultCache;

    /// <summary>
    /// The caching hint the defaults share: 5 minutes, public. Answers come from a snapshot that is the same for
    /// every client, and the digests let a host notice a stale copy, so sharing and reusing them is safe.
    /// </summary>
    private static McpCacheHint DefaultCache => new(TimeSpan.FromMinutes(5), McpCacheScopes.Public);

    /// <summary>
    /// False advertises nothing, serves none of the extension's methods and adds no resources, as if the extension
    /// were not registered (a configuration switch). Default true.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The first segment of every skill URI (<c>skill://&lt;authority&gt;/&lt;name&gt;/SKILL.md</c>), which also names the
    /// directory that lists every skill. Default null: no prefix, so a skill's name is the URI authority
    /// (<c>skill://&lt;name&gt;/SKILL.md</c>), as in the specification's examples. When set it must be a lowercase host
    /// name (letters, digits, <c>-</c> and <c>.</c>), a valid RFC 3986 reg-name that no client will case-fold.
    /// </summary>
    /// <exception cref="ArgumentException">The value is not a lowercase host name.</exception>
    public string? Authority
    {
        get => _authority;
        set => _authority = string.IsNullOrEmpty(value) ? null
            : McpSkillUris.IsValidAuthority(value) ? value
            : throw new ArgumentException($"Authority '{value}' must be a lowercase host name (a-z, 0-9, '-', '.'), starting and ending with a letter or digit.", nameof(value));
    }

    /// <summary>
    /// The folder the default (file-system) provider reads: each subfolder holding a <c>SKILL.md</c> is a skill.
    /// A relative path is resolved against the application's base directory (<see cref="AppContext.BaseDirectory"/>),
    /// not the working directory, so skills shipped as content files are found however the app is started.
    /// Default <c>skills</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The value is empty.</exception>
    public string RootPath
    {
        get => _rootPath;
        set => _rootPath = !string.IsNullOrWhiteSpace(value) ? value : throw new ArgumentException("RootPath must not be empty.", nameof(value));
    }

    /// <summary>
    /// True declares <c>directoryRead</c> and serves <c>resources/directory/read</c> on every directory of the catalog.
    /// Default true: the listing comes from the snapshot, so it costs nothing, and it lets clients explore a skill's
    /// folders (<c>templates/</c>, <c>scripts/</c>) that its instructions refer to.
    /// </summary>
    public bool DirectoryRead { get; set; } = true;

    /// <summary>
    /// True also advertises the extension to 2025-11-25 sessions and serves its methods there. Default false: the
    /// extension is specified against 2026-07-28. The skill files are ordinary resources in both eras either way.
    /// </summary>
    public bool Legacy { get; set; }

    /// <summary>
    /// Entries per page of <c>skills/list</c> and <c>resources/directory/read</c>. Default null: the server's
    /// <see cref="McpServerOptions.PageSize"/>, so every list of the server pages alike.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside 1–10000.</exception>
    public int? PageSize
    {
        get => _pageSize;
        set => _pageSize = value is null or (>= 1 and <= 10_000) ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "PageSize must be between 1 and 10000.");
    }

    /// <summary>
    /// The most files a skill may have, <c>SKILL.md</c> included; a larger skill is skipped with a warning (and the
    /// file-system provider stops walking it). Default 512, the limit every host must accept; it cannot be raised,
    /// because a larger skill is not guaranteed to load anywhere.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside 1–512.</exception>
    public int MaxFilesPerSkill
    {
        get => _maxFilesPerSkill;
        set => _maxFilesPerSkill = value is >= 1 and <= McpSkillConventions.MaxFilesPerSkill ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, $"MaxFilesPerSkill must be between 1 and {McpSkillConventions.MaxFilesPerSkill}.");
    }

    /// <summary>
    /// The largest total size of a skill's files; a larger skill is skipped with a warning before its files are read.
    /// Default 16 MiB, the limit every host must accept; it cannot be raised, for the same reason as
    /// <see cref="MaxFilesPerSkill"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside 1 byte–16 MiB.</exception>
    public long MaxBytesPerSkill
    {
        get => _maxBytesPerSkill;
        set => _maxBytesPerSkill = value is >= 1 and <= McpSkillConventions.MaxBytesPerSkill ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, $"MaxBytesPerSkill must be between 1 and {McpSkillConventions.MaxBytesPerSkill}.");
    }

    /// <summary>Caching hints of <c>skills/list</c> on modern requests. Default 5 minutes, public (see the class remarks on the snapshot).</summary>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    public McpCacheHint ListCache
    {
        get => _listCache;
        set => _listCache = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>Caching hints of <c>skills/get</c> on modern requests. Default 5 minutes, public.</summary>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    public McpCacheHint GetCache
    {
        get => _getCache;
        set => _getCache = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>
    /// Caching hints of <c>resources/read</c> on skill files, modern requests. Default 5 minutes, public: a file is
    /// only ever served with the bytes its digest describes.
    /// </summary>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    public McpCacheHint ReadCache
    {
        get => _readCache;
        set => _readCache = value ?? throw new ArgumentNullException(nameof(value));
    }
}
