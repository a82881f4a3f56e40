using System.Runtime.InteropServices;

namespace Mooring.Benchmarks.Driver;

/// <summary>
/// POSIX <c>kill(2)</c>: .NET's <see cref="System.Diagnostics.Process.Kill()"/> sends SIGKILL only, and a server must be
/// asked with SIGTERM first so that it shuts down as in production (and reports a crash on shutdown, if any).
/// </summary>
internal static partial class NativeMethods
{
    public const int SigTerm = 15;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int pid, int signal);
}
