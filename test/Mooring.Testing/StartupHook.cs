using Mooring.Testing;

/// <summary>
/// The server side of <see cref="HostGcProbe"/>, loaded into a server process by <c>DOTNET_STARTUP_HOOKS</c>. The
/// runtime looks for exactly this shape: a class named <c>StartupHook</c> in no namespace with a static
/// <c>Initialize</c>, run before the app's <c>Main</c>. It touches only the base library and <see cref="HeapFigures"/>,
/// so none of this assembly's references (xunit, ASP.NET Core) is loaded into the server by it.
/// </summary>
#pragma warning disable CA1050 // Declare types in namespaces: the startup hook contract requires the global namespace.
internal static class StartupHook
#pragma warning restore CA1050
{
    // The same pace as HostGcProbe's, as a literal: reading its static field would initialize that type in the server.
    private const int PollMilliseconds = 20;

    public static void Initialize()
    {
        string? directory = Environment.GetEnvironmentVariable(HostGcProbe.DirectoryVariable);
        if (string.IsNullOrEmpty(directory))
        {
            return;
        }

        // A background thread owned by the process: it ends with it (the fixture kills the process) or when the test
        // deletes the folder. A thread, not a pool task, so a busy thread pool cannot delay a measurement.
        var thread = new Thread(() => Serve(directory)) { IsBackground = true, Name = "Mooring test heap probe" };
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
                    string figures = HeapFigures.Measure().Format();

                    // Written aside and renamed, so the test never reads half an answer.
                    string answer = Path.ChangeExtension(request, ".answer");
                    File.WriteAllText(answer + ".tmp", figures);
                    File.Move(answer + ".tmp", answer, overwrite: true);
                    File.Delete(request);
                }
            }
            catch (IOException)
            {
                // The test deleted the folder meanwhile: the loop condition ends it.
            }
            catch (UnauthorizedAccessException)
            {
                return;
            }

            Thread.Sleep(PollMilliseconds);
        }
    }
}
