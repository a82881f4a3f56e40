using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Mooring.Server.Generators;

/// <summary>
/// Finds the methods marked [McpTool], [McpPrompt] or [McpResource] and writes an invoker for each, registered when
/// the assembly loads: the server calls handlers directly instead of through reflection, and Native AOT apps need no
/// reflection to bind them. A method it cannot reach is left to reflection, with a warning in trimmed and AOT builds.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class McpMethodGenerator : IIncrementalGenerator
{
    private static readonly string[] Attributes =
    [
        "Mooring.Server.McpToolAttribute",
        "Mooring.Server.McpPromptAttribute",
        "Mooring.Server.McpResourceAttribute",
    ];

    /// <summary>MOORING001: a handler the generator could not write an invoker for, in a trimmed or AOT build.</summary>
    public static readonly DiagnosticDescriptor NotGenerated = new(
        id: "MOORING001",
        title: "MCP handler bound by reflection",
        messageFormat: "No invoker can be generated for '{0}' because {1}; it is bound by reflection, which trimmed and Native AOT apps do not allow",
        category: "Mooring",
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true);

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<Found> found = default;
        for (int i = 0; i < Attributes.Length; i++)
        {
            IncrementalValuesProvider<Found> one = context.SyntaxProvider.ForAttributeWithMetadataName(
                Attributes[i],
                static (node, _) => node is MethodDeclarationSyntax,
                static (ctx, _) => Read(ctx));
            found = i == 0 ? one : found.Collect().Combine(one.Collect()).SelectMany(static (pair, _) => pair.Left.AddRange(pair.Right));
        }

        IncrementalValueProvider<bool> warn = context.AnalyzerConfigOptionsProvider.Select(static (options, _) =>
            IsOn(options.GlobalOptions, "PublishAot") || IsOn(options.GlobalOptions, "IsAotCompatible") || IsOn(options.GlobalOptions, "PublishTrimmed"));
        IncrementalValueProvider<string?> assembly = context.CompilationProvider.Select(static (c, _) => c.AssemblyName);

        context.RegisterSourceOutput(found.Collect().Combine(warn).Combine(assembly), static (spc, input) =>
        {
            ((ImmutableArray<Found> all, bool warnSkipped), string? assemblyName) = input;
            if (warnSkipped)
            {
                foreach (Found skipped in all.Where(f => f.Model is null))
                {
                    spc.ReportDiagnostic(Diagnostic.Create(NotGenerated, skipped.Location, skipped.Display, skipped.Reason));
                }
            }

            List<HandlerModel> handlers = HandlerModel.Distinct(all.Where(f => f.Model is not null).Select(f => f.Model!)).ToList();
            if (handlers.Count > 0)
            {
                spc.AddSource("Mooring.McpGeneratedMethods.g.cs", HandlerEmitter.Emit(assemblyName ?? "Assembly", handlers));
            }
        });
    }

    private static Found Read(GeneratorAttributeSyntaxContext context)
    {
        var method = (IMethodSymbol)context.TargetSymbol;
        HandlerModel? model = HandlerAnalysis.Analyze(method, context.SemanticModel.Compilation, out string? reason);
        return new Found(model, model is null ? method.ToDisplayString() : null, reason, model is null ? context.TargetNode.GetLocation() : null);
    }

    private static bool IsOn(AnalyzerConfigOptions options, string property) =>
        options.TryGetValue("build_property." + property, out string? value) && string.Equals(value, "true", System.StringComparison.OrdinalIgnoreCase);

    /// <summary>One attributed method: its model, or why there is none.</summary>
    private sealed class Found : System.IEquatable<Found>
    {
        public Found(HandlerModel? model, string? display, string? reason, Location? location)
        {
            Model = model;
            Display = display;
            Reason = reason;
            Location = location;
        }

        public HandlerModel? Model { get; }

        public string? Display { get; }

        public string? Reason { get; }

        public Location? Location { get; }

        public bool Equals(Found? other) =>
            other is not null && Equals(Model, other.Model) && Display == other.Display && Reason == other.Reason && Equals(Location, other.Location);

        public override bool Equals(object? obj) => Equals(obj as Found);

        public override int GetHashCode() => Model?.GetHashCode() ?? Display?.GetHashCode() ?? 0;
    }
}
