using Microsoft.Extensions.Logging;

namespace Mooring.Testing;

/// <summary>One captured log entry.</summary>
public sealed record CapturedLog(string Category, LogLevel Level, EventId EventId, string Message, Exception? Exception);
