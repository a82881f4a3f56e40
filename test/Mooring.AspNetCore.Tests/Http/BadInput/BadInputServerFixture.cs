namespace Mooring.AspNetCore.Tests.Http.BadInput;

/// <summary>
/// One server for the whole corpus, with a small body limit, and two sessions on it: one that negotiated 2025-11-25
/// and one that negotiated 2025-03-26 (batches). The corpus asserts after every case that both still answer.
/// </summary>
public sealed class BadInputServerFixture : IAsyncLifetime
{
    public KestrelTestServer Server { get; private set; } = null!;

    public string CurrentSession { get; private set; } = null!;

    public string LegacySession { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await TestServers.StartAsync(o => o.ConfigureHttp = h => h.MaxRequestBodySize = LimitCases.BodyLimit);
        using var current = new McpTestClient(Server.McpEndpoint);
        CurrentSession = await current.InitializeAsync("2025-11-25");
        using var legacy = new McpTestClient(Server.McpEndpoint);
        LegacySession = await legacy.InitializeAsync("2025-03-26");
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
