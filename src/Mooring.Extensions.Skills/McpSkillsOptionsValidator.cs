using Microsoft.Extensions.Options;
using Mooring.Protocol;
using Mooring.Server;

namespace Mooring.Extensions.Skills;

/// <summary>
/// Validates <see cref="McpSkillsOptions"/> at startup. The setters reject out-of-range values; this catches what
/// configuration binding can produce around them: caching hints with a negative lifetime or an unknown scope.
/// </summary>
public sealed class McpSkillsOptionsValidator : IValidateOptions<McpSkillsOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, McpSkillsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> failures = [];
        Check(options.ListCache, nameof(McpSkillsOptions.ListCache), failures);
        Check(options.GetCache, nameof(McpSkillsOptions.GetCache), failures);
        Check(options.ReadCache, nameof(McpSkillsOptions.ReadCache), failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(McpCacheHint hint, string property, List<string> failures)
    {
        if (hint.Ttl < TimeSpan.Zero)
        {
            failures.Add($"{property}.Ttl must not be negative.");
        }

        if (hint.Scope is not (McpCacheScopes.Public or McpCacheScopes.Private))
        {
            failures.Add($"{property}.Scope must be '{McpCacheScopes.Public}' or '{McpCacheScopes.Private}'.");
        }
    }
}
