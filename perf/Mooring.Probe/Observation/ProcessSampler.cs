using System.Globalization;

namespace Mooring.Probe.Observation;

/// <summary>Reads one process's status and socket inodes from /proc; every read is best-effort (the process may exit).</summary>
internal sealed class ProcessSampler
{
    public ProcessSampler(int pid) => Pid = pid;

    public int Pid { get; }

    public bool Exists => Directory.Exists($"/proc/{Pid}");

    public ProcessStatus? ReadStatus()
    {
        try
        {
            return ProcessStatus.Parse(File.ReadAllText($"/proc/{Pid}/status"));
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The inodes of the sockets the process holds (its fd links read "socket:[inode]"); null when /proc/PID/fd cannot be read.</summary>
    public HashSet<long>? ReadSocketInodes()
    {
        var inodes = new HashSet<long>();
        try
        {
            foreach (var fd in Directory.EnumerateFileSystemEntries($"/proc/{Pid}/fd"))
            {
                string? target;
                try
                {
                    target = new FileInfo(fd).LinkTarget;
                }
                catch (IOException)
                {
                    continue; // the descriptor closed between listing and reading
                }

                if (target is not null && ParseSocketInode(target) is { } inode)
                {
                    inodes.Add(inode);
                }
            }
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }

        return inodes;
    }

    /// <summary>"socket:[123456]" gives 123456; any other link (files, pipes, anon_inode) gives null.</summary>
    public static long? ParseSocketInode(string linkTarget)
    {
        const string Prefix = "socket:[";
        if (!linkTarget.StartsWith(Prefix, StringComparison.Ordinal) || !linkTarget.EndsWith(']'))
        {
            return null;
        }

        return long.TryParse(linkTarget.AsSpan(Prefix.Length, linkTarget.Length - Prefix.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var inode)
            ? inode
            : null;
    }
}
