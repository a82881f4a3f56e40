namespace Mooring.Protocol;

/// <summary>The JSON keys of client and server capabilities (the capability classes use these, never literals).</summary>
public static class McpCapabilityKeys
{
    /// <summary>Server: tools.</summary>
    public const string Tools = "tools";

    /// <summary>Server: prompts.</summary>
    public const string Prompts = "prompts";

    /// <summary>Server: resources.</summary>
    public const string Resources = "resources";

    /// <summary>Server: log messages.</summary>
    public const string Logging = "logging";

    /// <summary>Server: argument completion.</summary>
    public const string Completions = "completions";

    /// <summary>Client: sampling.</summary>
    public const string Sampling = "sampling";

    /// <summary>Client: elicitation.</summary>
    public const string Elicitation = "elicitation";

    /// <summary>Client: roots.</summary>
    public const string Roots = "roots";

    /// <summary>Both: task-augmented requests.</summary>
    public const string Tasks = "tasks";

    /// <summary>Both: non-standard capabilities.</summary>
    public const string Experimental = "experimental";

    /// <summary>Both: extensions.</summary>
    public const string Extensions = "extensions";

    /// <summary>Sampling: <c>includeContext</c> support.</summary>
    public const string Context = "context";

    /// <summary>Elicitation: form mode.</summary>
    public const string Form = "form";

    /// <summary>Elicitation: URL mode.</summary>
    public const string Url = "url";
}
