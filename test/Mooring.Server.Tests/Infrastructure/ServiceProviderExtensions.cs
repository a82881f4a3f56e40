using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace Mooring.Server.Tests.Infrastructure;

internal static class ServiceProviderExtensions
{
    public static IMeterFactory GetMeterFactory(this IServiceProvider services) => services.GetRequiredService<IMeterFactory>();
}
