using System.Reflection;
using Microsoft.CodeAnalysis;
using Mooring.Protocol;

namespace Mooring.Server.Generators.Tests;

public sealed class McpMethodGeneratorTests
{
    private const string Shapes = """
        using System.Threading;
        using System.Threading.Tasks;
        using Mooring.Server;

        namespace Sample;

        public static class Tools
        {
            [McpTool] public static string Echo(string text) => text;
            [McpTool] public static async Task<int> AddAsync(int a, int b) { await Task.Yield(); return a + b; }
            [McpTool] public static ValueTask<string?> MaybeAsync(string? s, int? n) => new(s is null ? null : s + n);
            [McpTool] public static void Fire(int x) { Fired = x; }
            [McpTool] public static async Task WaitAsync(CancellationToken cancellationToken) { await Task.Delay(1, cancellationToken); Fired = -1; }
            [McpTool] public static ValueTask Nothing() => default;
            [McpTool] public static int Twice(int x) => 2 * x;
            [McpTool] public static string Overload(string a) => "one:" + a;
            [McpTool] public static string Overload(string a, string b) => "two:" + a + b;
            public static int Fired;
        }

        internal sealed class Counter
        {
            private int _count;

            [McpPrompt] internal string Next(string prefix) => prefix + (++_count);

            public sealed class Nested
            {
                [McpResource("test://nested")] public string Read() => "nested";
            }
        }
        """;

    [Fact]
    public void Writes_an_invoker_for_every_shape_that_compiles_without_diagnostics()
    {
        GeneratorHarness.Result result = GeneratorHarness.Run(Shapes, publishAot: true);

        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.Errors);
        Assert.DoesNotContain(result.Output.GetDiagnostics(), d => d.Severity >= DiagnosticSeverity.Warning && d.Location.SourceTree?.FilePath.EndsWith(".g.cs", StringComparison.Ordinal) == true);
        Assert.NotNull(result.Generated);
        foreach (string name in new[] { "\"Echo\"", "\"AddAsync\"", "\"MaybeAsync\"", "\"Fire\"", "\"WaitAsync\"", "\"Nothing\"", "\"Twice\"", "\"Next\"", "\"Read\"" })
        {
            Assert.Contains(name, result.Generated, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Generated_invokers_call_the_methods_and_await_their_results()
    {
        Assembly assembly = GeneratorHarness.Load(GeneratorHarness.Run(Shapes).Output);
        Type tools = assembly.GetType("Sample.Tools")!;

        Assert.Equal("hi", await Invoke(tools, "Echo", null, "hi"));
        Assert.Equal(5, await Invoke(tools, "AddAsync", null, 2, 3));
        Assert.Equal("x7", await Invoke(tools, "MaybeAsync", null, "x", 7));
        Assert.Null(await Invoke(tools, "MaybeAsync", null, null, null));
        Assert.Null(await Invoke(tools, "Fire", null, 42));
        Assert.Equal(42, tools.GetField("Fired")!.GetValue(null));
        Assert.Null(await Invoke(tools, "WaitAsync", null, CancellationToken.None));
        Assert.Equal(-1, tools.GetField("Fired")!.GetValue(null));
        Assert.Null(await Invoke(tools, "Nothing", null));

        // A null for a value type is its default, as reflection passes it.
        Assert.Equal(0, await Invoke(tools, "Twice", null, [null]));

        // Overloads are told apart by their parameter types.
        Assert.Equal("one:a", await Invoke(tools, "Overload", null, "a"));
        Assert.Equal("two:ab", await Invoke(tools, "Overload", null, "a", "b"));

        // Instance methods (internal, on an internal type) are called on the instance given.
        Type counter = assembly.GetType("Sample.Counter")!;
        object instance = Activator.CreateInstance(counter, nonPublic: true)!;
        Assert.Equal("n1", await Invoke(counter, "Next", instance, "n"));
        Assert.Equal("n2", await Invoke(counter, "Next", instance, "n"));
        Assert.Equal("nested", await Invoke(assembly.GetType("Sample.Counter+Nested")!, "Read", Activator.CreateInstance(assembly.GetType("Sample.Counter+Nested")!)));
    }

    [Fact]
    public void Generated_metadata_matches_the_signatures()
    {
        Assembly assembly = GeneratorHarness.Load(GeneratorHarness.Run(Shapes).Output);
        Type tools = assembly.GetType("Sample.Tools")!;

        McpGeneratedMethod maybe = Find(tools, "MaybeAsync");
        Assert.Equal([true, true], maybe.NullableParameters);
        Assert.Equal(typeof(string), maybe.ResultType);
        Assert.False(maybe.IsSynchronous);

        McpGeneratedMethod add = Find(tools, "AddAsync");
        Assert.Equal([typeof(int), typeof(int)], add.ParameterTypes);
        Assert.Equal([false, false], add.NullableParameters);
        Assert.Equal(typeof(int), add.ResultType);

        McpGeneratedMethod echo = Find(tools, "Echo");
        Assert.True(echo.IsSynchronous);
        Assert.Equal(typeof(string), echo.ResultType);
        Assert.Null(Find(tools, "WaitAsync").ResultType);
        Assert.Null(Find(tools, "Fire").ResultType);
        Assert.True(Find(tools, "Fire").IsSynchronous);
    }

    [Fact]
    public async Task A_tool_built_from_a_generated_method_is_called_through_its_invoker()
    {
        Assembly assembly = GeneratorHarness.Load(GeneratorHarness.Run(Shapes).Output);
        MethodInfo add = assembly.GetType("Sample.Tools")!.GetMethod("AddAsync")!;
        var options = new McpServerOptions();

        var tool = (MethodServerTool)McpServerTool.Create(add, null, options);
        Assert.True(tool.Binder.UsesGeneratedInvoker);
        Assert.Equal(["a", "b"], tool.ProtocolTool.InputSchema.GetProperty("required").EnumerateArray().Select(e => e.GetString()));

        // A method the generator never saw still binds, by reflection (allowed in this process).
        MethodInfo plain = typeof(McpMethodGeneratorTests).GetMethod(nameof(PlainTool), BindingFlags.NonPublic | BindingFlags.Static)!;
        var reflected = (MethodServerTool)McpServerTool.Create(plain, null, options);
        Assert.False(reflected.Binder.UsesGeneratedInvoker);
        await Task.CompletedTask;
    }

    [Fact]
    public void Methods_it_cannot_call_are_left_to_reflection_and_reported_only_in_AOT_builds()
    {
        const string Unreachable = """
            using Mooring.Server;
            namespace Sample;
            public class Hidden
            {
                [McpTool] private static string Secret() => "s";
                [McpTool] public static T Generic<T>(T value) => value;
                [McpTool] public static void ByRef(ref int x) { }
                private sealed class Inner { [McpTool] public static string Tool() => "i"; }
                [McpTool] public static string Fine() => "f";
            }
            public class Box<T> { [McpTool] public static string InGeneric() => "g"; }
            """;

        GeneratorHarness.Result jit = GeneratorHarness.Run(Unreachable);
        Assert.Empty(jit.GeneratorDiagnostics);
        Assert.Empty(jit.Errors);

        GeneratorHarness.Result aot = GeneratorHarness.Run(Unreachable, publishAot: true);
        Assert.Empty(aot.Errors);
        Assert.All(aot.GeneratorDiagnostics, d => Assert.Equal("MOORING001", d.Id));
        string[] messages = [.. aot.GeneratorDiagnostics.Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture))];
        Assert.Equal(5, messages.Length);
        Assert.Contains(messages, m => m.Contains("Secret", StringComparison.Ordinal) && m.Contains("not accessible", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("Generic", StringComparison.Ordinal) && m.Contains("generic", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("ByRef", StringComparison.Ordinal) && m.Contains("ref", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("Inner.Tool", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("InGeneric", StringComparison.Ordinal));

        // Only the reachable method has an invoker.
        Assembly assembly = GeneratorHarness.Load(jit.Output);
        Type hidden = assembly.GetType("Sample.Hidden")!;
        Assert.NotNull(McpGeneratedMethods.Find(hidden.GetMethod("Fine")!));
        Assert.Null(McpGeneratedMethods.Find(hidden.GetMethod("Secret", BindingFlags.NonPublic | BindingFlags.Static)!));
        Assert.Null(McpGeneratedMethods.Find(hidden.GetMethod("ByRef")!));
    }

    [Fact]
    public void A_project_without_handlers_gets_no_file()
    {
        GeneratorHarness.Result result = GeneratorHarness.Run("namespace Sample; public static class Plain { public static int One() => 1; }");
        Assert.Null(result.Generated);
        Assert.Empty(result.Errors);
    }

    private static string PlainTool(string text) => text;

    private static McpGeneratedMethod Find(Type type, string name) =>
        McpGeneratedMethods.Find(type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance).Single(m => m.Name == name))
        ?? throw new InvalidOperationException($"No generated invoker for {name}.");

    private static async Task<object?> Invoke(Type type, string name, object? instance, params object?[] arguments)
    {
        MethodInfo method = type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance)
            .Single(m => m.Name == name && m.GetParameters().Length == arguments.Length);
        McpGeneratedMethod generated = McpGeneratedMethods.Find(method) ?? throw new InvalidOperationException($"No generated invoker for {name}.");
        return await generated.Invoke(instance, arguments);
    }
}
