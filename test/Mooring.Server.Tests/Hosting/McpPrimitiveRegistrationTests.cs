using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Mooring.Protocol;
using Mooring.Server.Tests.Infrastructure;

namespace Mooring.Server.Tests.Hosting;

public sealed class McpPrimitiveRegistrationTests
{
    internal static class NoPrimitives
    {
        public static string NotATool() => "x";
    }

    internal static class Colliding
    {
        [McpTool]
        public static string Run() => "sync";

        [McpTool]
        public static Task<string> RunAsync() => Task.FromResult("async");
    }

    internal static class BadTemplate
    {
        [McpResource("items://{id}")]
        public static string Item(string id, string unrelated) => id + unrelated;
    }

    internal static class Mixed
    {
        [McpTool]
        [McpPrompt]
        public static string Both(string topic) => topic;

        [McpResource("mixed://{topic}")]
        public static string Topic(string topic, string? optional = null) => topic + optional;
    }

    [Fact]
    public void WithPrimitives_TypeWithoutMarkedMethods_FailsWhenTheServerIsBuilt()
    {
        InvalidOperationException ex = Assert.Throws<InvalidOperationException>(() => TestServer.Create(typeof(NoPrimitives)));

        Assert.Contains("has no methods marked", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithPrimitives_TwoMethodsWithTheSameDefaultName_FailsWhenTheServerIsBuilt()
    {
        InvalidOperationException ex = Assert.Throws<InvalidOperationException>(() => TestServer.Create(typeof(Colliding)));

        Assert.Equal("A primitive with key 'run' is already registered.", ex.Message);
    }

    [Fact]
    public void WithPrimitives_TemplateParameterMatchingNoVariable_FailsWhenTheServerIsBuilt()
    {
        ArgumentException ex = Assert.Throws<ArgumentException>(() => TestServer.Create(typeof(BadTemplate)));

        Assert.Contains("'unrelated'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithPrimitives_OneMethodMarkedTwiceAndOptionalExtraParameter_AreAllRegistered()
    {
        await using TestServer server = TestServer.Create(typeof(Mixed));

        Assert.True(server.Server.Tools.TryGet("both", out _));
        Assert.True(server.Server.Prompts.TryGet("both", out _));
        Assert.True(server.Server.ResourceTemplates.TryGet("mixed://{topic}", out _));
    }

    [Fact]
    public void Options_InvalidServerInfo_FailsValidation()
    {
        var validator = new McpServerOptionsValidator();

        ValidateOptionsResult result = validator.Validate(null, new McpServerOptions { ServerInfo = new Implementation { Name = " ", Version = "" } });

        Assert.True(result.Failed);
        Assert.Contains("ServerInfo.Name must be set.", result.Failures!);
        Assert.Contains("ServerInfo.Version must be set.", result.Failures!);
        Assert.True(validator.Validate(null, new McpServerOptions()).Succeeded);
    }

    [Fact]
    public void Options_InvalidValues_AreRejectedBySetters()
    {
        var options = new McpServerOptions();

        Assert.Throws<ArgumentOutOfRangeException>(() => options.ClientRequestTimeout = TimeSpan.Zero);
        Assert.Throws<ArgumentOutOfRangeException>(() => options.MaxJsonDepth = 7);
        Assert.Throws<ArgumentOutOfRangeException>(() => options.MaxJsonDepth = 1025);
    }

    [Fact]
    public void AddMcpServer_InvalidOptions_FailWhenTheServerIsResolved()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMcpServer(o => o.ServerInfo = new Implementation { Name = "", Version = "1" });
        using ServiceProvider provider = services.BuildServiceProvider();

        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<McpServer>());
    }
}
