namespace Mooring.Protocol;

/// <summary>Why a payload could not be parsed as JSON-RPC, or <see cref="Ok"/>.</summary>
public enum JsonRpcParseStatus
{
    /// <summary>Parsed.</summary>
    Ok,

    /// <summary>Not well-formed JSON (or not UTF-8, or nested too deep).</summary>
    InvalidJson,

    /// <summary>Well-formed JSON but not a JSON-RPC 2.0 message.</summary>
    InvalidMessage,

    /// <summary>An empty JSON array, which JSON-RPC treats as an invalid request.</summary>
    EmptyBatch,
}
