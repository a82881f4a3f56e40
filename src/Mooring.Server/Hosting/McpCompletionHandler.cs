using Mooring.Protocol;

namespace Mooring.Server;

/// <summary>
/// A custom <c>completion/complete</c> handler. Handlers run in registration order; the first non-null completion
/// wins, and when all return null the prompt's or template's own suggestions are used.
/// </summary>
/// <param name="Handler">The handler.</param>
public sealed record McpCompletionHandler(Func<McpRequestContext, CompleteRequestParams, ValueTask<Completion?>> Handler);
