using System.Diagnostics.CodeAnalysis;

namespace Mooring.Server;

/// <summary>
/// Whether handlers may be bound by reflection (and user types serialized by reflection). It follows System.Text.Json's
/// own switch, which trimmed and Native AOT apps turn off: there, only source-generated invokers and JSON metadata are
/// used, and the reflective code is removed from the app.
/// </summary>
internal static class McpReflectionBinding
{
    private const string Switch = "System.Text.Json.JsonSerializer.IsReflectionEnabledByDefault";

    [FeatureSwitchDefinition(Switch)]
    [FeatureGuard(typeof(RequiresUnreferencedCodeAttribute))]
    [FeatureGuard(typeof(RequiresDynamicCodeAttribute))]
    public static bool IsEnabled { get; } = !AppContext.TryGetSwitch(Switch, out bool enabled) || enabled;
}
