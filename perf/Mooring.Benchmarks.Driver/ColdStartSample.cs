namespace Mooring.Benchmarks.Driver;

/// <summary>The timings of one cold start, in milliseconds from just before the server process was created.</summary>
/// <param name="ListeningMs">Until the first TCP connect to its port was accepted.</param>
/// <param name="AnswerMs">Until the answer asked for (the tools/call result, or /health's 200) was read in full.</param>
/// <param name="RssBytes">The server's VmRSS read right after that answer; null if unreadable.</param>
internal sealed record ColdStartSample(double ListeningMs, double AnswerMs, long? RssBytes);
