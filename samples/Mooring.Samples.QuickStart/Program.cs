using System.ComponentModel;
using Mooring.Server;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddMcpServer(o => o.ServerInfo = new() { Name = "clock", Version = "1.0.0" })
    .WithHttpTransport()
    .WithTools<ClockTools>();

var app = builder.Build();
app.MapMcp("/mcp");
app.Run();

public sealed class ClockTools(TimeProvider clock)
{
    [McpTool, Description("The current time in a time zone, as ISO 8601.")]
    public string Now([Description("IANA time zone, e.g. Europe/Paris")] string zone) =>
        TimeZoneInfo.ConvertTime(clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById(zone)).ToString("O");
}
