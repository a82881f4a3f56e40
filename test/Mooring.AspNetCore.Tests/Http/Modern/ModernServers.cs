namespace Mooring.AspNetCore.Tests.Http.Modern;

/// <summary>Starts a test server with the modern test tools next to the common ones.</summary>
internal static class ModernServers
{
    public static Task<KestrelTestServer> StartAsync(Action<KestrelTestServerOptions>? configure = null) =>
        TestServers.StartAsync(options =>
        {
            options.PrimitiveTypes.Add(typeof(ModernTestTools));
            configure?.Invoke(options);
        });
}
