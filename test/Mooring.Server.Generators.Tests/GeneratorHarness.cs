using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Mooring.Server.Generators;

namespace Mooring.Server.Generators.Tests;

/// <summary>Runs the generator on a source text, compiles the result against the real Mooring.Server and loads it.</summary>
internal static class GeneratorHarness
{
    private static readonly Lazy<MetadataReference[]> References = new(() =>
    [
        .. ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator).Select(p => MetadataReference.CreateFromFile(p)),
        MetadataReference.CreateFromFile(typeof(McpToolAttribute).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Mooring.Protocol.CallToolResult).Assembly.Location),
    ]);

    public sealed record Result(Compilation Output, ImmutableArray<Diagnostic> GeneratorDiagnostics, string? Generated)
    {
        public ImmutableArray<Diagnostic> Errors => [.. Output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error)];
    }

    public static Result Run(string source, bool publishAot = false, string assemblyName = "Handlers")
    {
        CSharpCompilation compilation = CSharpCompilation.Create(
            assemblyName + "_" + Guid.NewGuid().ToString("N"),
            [CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest))],
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var options = new BuildOptions(publishAot ? new Dictionary<string, string> { ["build_property.PublishAot"] = "true" } : []);
        GeneratorDriver driver = CSharpGeneratorDriver.Create([new McpMethodGenerator().AsSourceGenerator()], optionsProvider: options, parseOptions: new CSharpParseOptions(LanguageVersion.Latest));
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
        string? generated = driver.GetRunResult().GeneratedTrees.SingleOrDefault()?.ToString();
        return new Result(output, diagnostics, generated);
    }

    /// <summary>Emits and loads the compiled output in a collectible context and runs its module initializer.</summary>
    public static Assembly Load(Compilation output)
    {
        using var stream = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult emitted = output.Emit(stream);
        Assert.True(emitted.Success, string.Join('\n', emitted.Diagnostics));
        stream.Position = 0;
        Assembly assembly = new AssemblyLoadContext(output.AssemblyName, isCollectible: true).LoadFromStream(stream);
        RuntimeHelpers.RunModuleConstructor(assembly.ManifestModule.ModuleHandle);
        return assembly;
    }

    private sealed class BuildOptions(Dictionary<string, string> values) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(values);

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Options([]);

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => new Options([]);

        private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
        }
    }
}
