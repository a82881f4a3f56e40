namespace Mooring.AspNetCore.Tests;

/// <summary>Starts a <see cref="KestrelTestServer"/> with the test tools, prompts and resources registered.</summary>
internal static class TestServers
{
    public static Task<KestrelTestServer> StartAsync(Action<KestrelTestServerOptions>? configure = null) =>
        KestrelTestServer.StartAsync(options =>
        {
            options.PrimitiveTypes.Add(typeof(TestTools));
            options.PrimitiveTypes.Add(typeof(TestPrompts));
            options.PrimitiveTypes.Add(typeof(TestResources));
            configure?.Invoke(options);
        });
}
