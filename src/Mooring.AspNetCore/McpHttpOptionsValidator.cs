using Microsoft.Extensions.Options;

namespace Mooring.AspNetCore;

/// <summary>Validates <see cref="McpHttpOptions"/> at startup.</summary>
public sealed class McpHttpOptionsValidator : IValidateOptions<McpHttpOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, McpHttpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> failures = [];
        if (options.AllowedHosts.Count == 0)
        {
            failures.Add("AllowedHosts must list at least one host name (or '*').");
        }

        foreach (string origin in options.AllowedOrigins)
        {
            if (origin != "*" && !Uri.TryCreate(origin, UriKind.Absolute, out _))
            {
                failures.Add($"AllowedOrigins entry '{origin}' is not an absolute origin such as https://example.com.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
