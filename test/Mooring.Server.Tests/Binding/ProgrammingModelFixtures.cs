using System.ComponentModel;
using Mooring.Protocol;

namespace Mooring.Server.Tests.Binding;

/// <summary>A service only DI can supply: parameters of this type must never appear in a schema.</summary>
internal interface IGreeter
{
    string Greet(string name);
}

internal sealed class Greeter : IGreeter
{
    public string Greet(string name) => $"Hello, {name}!";
}

public enum Unit
{
    Celsius,
    Fahrenheit,
}

[Description("A weather report.")]
public sealed record WeatherReport([property: Description("Degrees.")] double Temperature, string Conditions);

internal static class SchemaTools
{
    [McpTool, Description("Gets the weather.")]
    public static string GetWeatherAsync(
        [Description("City name.")] string city,
        int days = 3,
        string? note = null,
        int? limit = null,
        Unit unit = Unit.Celsius,
        bool verbose = false,
        string[]? tags = null) => $"{city} {days} {note ?? "-"} {limit?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"} {unit} {verbose} {(tags is null ? "-" : string.Join("|", tags))}";

    [McpTool("explicit-name", Title = "Explicit", ReadOnly = true, Idempotent = true)]
    public static string Named() => "named";

    [McpTool]
    public static string SpecialParameters(
        string value,
        IGreeter greeter,
        McpRequestContext context,
        IProgress<ProgressNotificationValue> progress,
        McpClientLogger logger,
        McpSession session,
        ClientCapabilities capabilities,
        IServiceProvider services,
        CancellationToken cancellationToken) =>
        string.Join(";",
            greeter.Greet(value),
            cancellationToken.CanBeCanceled,
            context.Method,
            progress is not null,
            logger.IsEnabled(LoggingLevel.Info),
            session.Id == context.Session?.Id,
            capabilities.Sampling is not null,
            ReferenceEquals(services, context.Services));

    [McpTool]
    public static WeatherReport Report(string city) => new(21.5, $"Sunny in {city}");

    [McpTool]
    public static string HTTPServerStatus2() => "ok";
}
