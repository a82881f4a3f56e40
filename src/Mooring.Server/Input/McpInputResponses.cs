using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Mooring.Protocol;

namespace Mooring.Server;

/// <summary>
/// The client's answers to <see cref="McpInputRequest"/>s, by key. Reading an answer checks its shape: one that does
/// not match its method's result throws <see cref="McpException"/> with <c>-32602</c>, so bad input from the client
/// reaches it as a clear error.
/// </summary>
public sealed class McpInputResponses
{
    private readonly IReadOnlyDictionary<string, JsonElement> _answers;

    internal McpInputResponses(IReadOnlyDictionary<string, JsonElement> answers) => _answers = answers;

    /// <summary>The keys answered.</summary>
    public IEnumerable<string> Keys => _answers.Keys;

    /// <summary>The raw answer under <paramref name="key"/>.</summary>
    public bool TryGet(string key, out JsonElement answer) => _answers.TryGetValue(key, out answer);

    /// <summary>The answer to an elicitation.</summary>
    public ElicitResult GetElicitResult(string key) => Read(key, McpJsonContext.Default.ElicitResult, McpMethods.ElicitationCreate);

    /// <summary>The answer to a sampling request.</summary>
    public CreateMessageResult GetSamplingResult(string key) => Read(key, McpJsonContext.Default.CreateMessageResult, McpMethods.SamplingCreateMessage);

    /// <summary>The client's roots.</summary>
    public ListRootsResult GetRoots(string key) => Read(key, McpJsonContext.Default.ListRootsResult, McpMethods.RootsList);

    private T Read<T>(string key, JsonTypeInfo<T> type, string method)
        where T : class
    {
        if (!_answers.TryGetValue(key, out JsonElement answer))
        {
            throw new KeyNotFoundException($"No answer under '{key}'.");
        }

        try
        {
            if (answer.ValueKind == JsonValueKind.Object && answer.Deserialize(type) is { } value)
            {
                return value;
            }
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException)
        {
            // A content block without its type comes as NotSupportedException: the same broken answer.
        }

        throw new McpProtocolException($"The client's answer to {method} ('{Truncate(key)}') does not match the protocol.", JsonRpcErrorCodes.InvalidParams);
    }

    private static string Truncate(string text) => text.Length <= 64 ? text : string.Concat(text.AsSpan(0, 64), "…");
}
