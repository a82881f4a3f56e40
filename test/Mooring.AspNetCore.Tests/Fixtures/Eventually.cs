namespace Mooring.AspNetCore.Tests;

/// <summary>
/// Bounded waits for things the server does on its own time: a condition becoming true, or an event being logged
/// (how a test learns the server noticed a disconnect). Each gives up after <see cref="ToolProbe.WaitLimit"/>.
/// </summary>
internal static class Eventually
{
    /// <summary>McpHttpLog.ClientDisconnected.</summary>
    public const int ClientDisconnected = 2003;

    public static async Task TrueAsync(Func<bool> condition, string what)
    {
        DateTime deadline = DateTime.UtcNow + ToolProbe.WaitLimit;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Not true within {ToolProbe.WaitLimit}: {what}");
            await Task.Delay(10);
        }
    }

    public static Task LoggedAsync(KestrelTestServer server, int eventId, int count = 1) =>
        TrueAsync(() => server.Logs.Entries.Count(e => e.EventId.Id == eventId) >= count, $"event {eventId} logged {count} time(s)");
}
