using System.Diagnostics;
using System.Reflection;

namespace Mooring.Testing;

/// <summary>
/// Says how to start the server under test: <c>dotnet &lt;host dll&gt; …</c>, or a native executable itself.
/// The server is <c>$MOORING_HOST_DLL</c> when set (any server exposing the interop fixtures, such as a stand-in, or
/// the Native AOT host: a path that does not end in <c>.dll</c> is run as an executable), otherwise Mooring.Host
/// built with the same Configuration as these tests, found next to the repo's src folder.
/// </summary>
public sealed class MooringHostCommand
{
    /// <summary>Environment variable that points the tests at a specific server dll.</summary>
    public const string HostDllVariable = "MOORING_HOST_DLL";

    private MooringHostCommand(string dotnetPath, string hostDllPath)
    {
        DotnetPath = dotnetPath;
        HostDllPath = hostDllPath;
    }

    /// <summary>The program started: the dotnet muxer that runs the host dll, or the native host itself.</summary>
    public string DotnetPath { get; }

    /// <summary>True when the server is a native executable (the Native AOT host), started without the muxer.</summary>
    public bool IsNative => !HostDllPath.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);

    /// <summary>The server dll.</summary>
    public string HostDllPath { get; }

    /// <summary>Resolves the command, failing with a message that says how to fix it when the dll is missing.</summary>
    public static MooringHostCommand Resolve()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(HostDllVariable);
        var path = string.IsNullOrWhiteSpace(fromEnvironment) ? DefaultHostDllPath() : Path.GetFullPath(fromEnvironment);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"Server dll not found at '{path}'. Build src/Mooring.Host with the same configuration as the tests, " +
                $"or set {HostDllVariable} to the server dll to test.", path);
        }

        return new MooringHostCommand(path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) ? DotnetMuxer() : path, path);
    }

    /// <summary>Start info for the Streamable HTTP server bound to 127.0.0.1 on <paramref name="port"/>.</summary>
    public ProcessStartInfo CreateHttpStartInfo(int port)
    {
        var startInfo = new ProcessStartInfo(DotnetPath)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(HostDllPath)!,
        };
        if (!IsNative)
        {
            startInfo.ArgumentList.Add(HostDllPath);
        }

        startInfo.ArgumentList.Add("--urls");
        startInfo.ArgumentList.Add($"http://127.0.0.1:{port}");
        return startInfo;
    }

    /// <summary>Arguments for the stdio server (after the muxer).</summary>
    public IList<string> StdioArguments => IsNative ? ["--stdio"] : [HostDllPath, "--stdio"];

    private static string DefaultHostDllPath()
    {
        var configuration = typeof(MooringHostCommand).Assembly
            .GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "MooringBuildConfiguration")?.Value ?? "Debug";

        // The tests run from test/Mooring.Interop.Tests/bin/<Configuration>/net10.0: walk up to the repo root.
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, "src")) && File.Exists(Path.Combine(dir.FullName, "Directory.Packages.props")))
            {
                return Path.Combine(dir.FullName, "src", "Mooring.Host", "bin", configuration, "net10.0", "Mooring.Host.dll");
            }
        }

        throw new DirectoryNotFoundException(
            $"No repo root (a folder with src/ and Directory.Packages.props) above '{AppContext.BaseDirectory}'; set {HostDllVariable}.");
    }

    private static string DotnetMuxer()
    {
        // The SDK sets DOTNET_HOST_PATH for test runs; the test host itself usually runs under the muxer too.
        var hostPath = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(hostPath) && File.Exists(hostPath))
        {
            return hostPath;
        }

        var processPath = Environment.ProcessPath;
        if (processPath is not null && Path.GetFileNameWithoutExtension(processPath) == "dotnet")
        {
            return processPath;
        }

        return "dotnet";
    }
}
