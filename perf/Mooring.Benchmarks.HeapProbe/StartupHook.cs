using System.Globalization;

/// <summary>
/// Loaded into a server process by <c>DOTNET_STARTUP_HOOKS</c>; the runtime looks for exactly this shape: a class named
/// <c>StartupHook</c> in no namespace with a static <c>Initialize</c>, run before the app's <c>Main</c>. When
/// <see cref="DirectoryVariable"/> names a folder, every <c>NAME.request</c> file that appears there is answered with
/// <c>NAME.answer</c>: the heap figures of <see cref="Measure"/>. It uses only the base library, so it loads into any
/// .NET server (Mooring.Host and the SDK peer alike).
/// </summary>
#pragma warning disable CA1050 // Declare types in namespaces: the startup hook contract requires the global namespace.
internal static class StartupHook
#pragma warning restore CA1050
{
    /// <summary>The folder watched for requests; set by the driver on the process under test only.</summary>
    public const string DirectoryVariable = "MOORING_BENCH_HEAP_PROBE_DIR";

    /// <summary>How often the folder is looked at: the driver waits for the answer anyway, 20 ms adds nothing to a run.</summary>
    private const int PollMilliseconds = 20;

    public static void Initialize()
    {
        string? directory = Environment.GetEnvironmentVariable(DirectoryVariable);
        if (string.IsNullOrEmpty(directory))
        {
            return;
        }

        // A background thread owned by the process: it ends with it, or when the driver deletes the folder. A thread,
        // not a pool task, so a busy thread pool cannot delay a measurement.
        var thread = new Thread(() => Serve(directory)) { IsBackground = true, Name = "Mooring benchmark heap probe" };
        thread.Start();
    }

    private static void Serve(string directory)
    {
        while (Directory.Exists(directory))
        {
            try
            {
                foreach (string request in Directory.GetFiles(directory, "*.request"))
                {
                    string figures = Measure();

                    // Written aside and renamed, so the driver never reads half an answer.
                    string answer = Path.ChangeExtension(request, ".answer");
                    File.WriteAllText(answer + ".tmp", figures);
                    File.Move(answer + ".tmp", answer, overwrite: true);
                    File.Delete(request);
                }
            }
            catch (IOException)
            {
                // The driver deleted the folder meanwhile: the loop condition ends it.
            }
            catch (UnauthorizedAccessException)
            {
                return;
            }

            Thread.Sleep(PollMilliseconds);
        }
    }

    /// <summary>
    /// <c>GC.Collect(); GC.WaitForPendingFinalizers(); GC.Collect()</c> (so objects kept only by a finalizer are gone
    /// too), then four numbers separated by spaces: all live bytes (<see cref="GC.GetTotalMemory(bool)"/>), and the live
    /// bytes of the small-object heap (generations 0-2, where per-session and per-stream state lives), the large-object
    /// heap and the pinned-object heap (Kestrel's buffer pool), from the last full blocking collection.
    /// </summary>
    private static string Measure()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        long total = GC.GetTotalMemory(forceFullCollection: true);
        GCMemoryInfo info = GC.GetGCMemoryInfo(GCKind.FullBlocking);
        ReadOnlySpan<GCGenerationInfo> generations = info.GenerationInfo;
        long smallObjects = Live(generations, 0) + Live(generations, 1) + Live(generations, 2);
        return string.Create(CultureInfo.InvariantCulture, $"{total} {smallObjects} {Live(generations, 3)} {Live(generations, 4)}");
    }

    // Generations 3 and 4 are the large- and pinned-object heaps; each figure counts live objects, not free space.
    private static long Live(ReadOnlySpan<GCGenerationInfo> generations, int generation) =>
        generation < generations.Length ? generations[generation].SizeAfterBytes - generations[generation].FragmentationAfterBytes : 0;
}
