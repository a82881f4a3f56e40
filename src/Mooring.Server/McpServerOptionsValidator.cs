using Microsoft.Extensions.Options;

namespace Mooring.Server;

/// <summary>Validates <see cref="McpServerOptions"/> at startup, so a bad configuration fails fast with a clear message.</summary>
public sealed class McpServerOptionsValidator : IValidateOptions<McpServerOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, McpServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> failures = [];
        if (string.IsNullOrWhiteSpace(options.ServerInfo?.Name))
        {
            failures.Add("ServerInfo.Name must be set.");
        }

        if (string.IsNullOrWhiteSpace(options.ServerInfo?.Version))
        {
            failures.Add("ServerInfo.Version must be set.");
        }

        if (options.SerializerOptions?.TypeInfoResolver is null)
        {
            failures.Add("SerializerOptions must have a TypeInfoResolver.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
