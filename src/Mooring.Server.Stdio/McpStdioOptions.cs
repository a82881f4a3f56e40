namespace Mooring.Server.Stdio;

/// <summary>Options of the stdio transport.</summary>
public sealed class McpStdioOptions
{
    private int _maxMessageSize = 4 * 1024 * 1024;
    private TimeSpan _shutdownTimeout = TimeSpan.FromSeconds(2);
    private int _maxQueuedMessages = 1024;

    /// <summary>Longest accepted line in bytes. Default 4 MiB, like the HTTP body limit; longer lines get a parse error and are skipped.</summary>
    public int MaxMessageSize
    {
        get => _maxMessageSize;
        set => _maxMessageSize = value >= 1024 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "MaxMessageSize must be at least 1 KiB.");
    }

    /// <summary>
    /// How long in-flight handlers get to finish after stdin closes before the process exits anyway. Default 2 s:
    /// clients send SIGTERM soon after closing stdin, and the spec asks servers to exit promptly.
    /// </summary>
    public TimeSpan ShutdownTimeout
    {
        get => _shutdownTimeout;
        set => _shutdownTimeout = value >= TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "ShutdownTimeout must not be negative.");
    }

    /// <summary>Messages waiting to be written to stdout. Default 1024; senders wait when full, lossy notifications are dropped.</summary>
    public int MaxQueuedMessages
    {
        get => _maxQueuedMessages;
        set => _maxQueuedMessages = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "MaxQueuedMessages must be at least 1.");
    }

    /// <summary>The input stream; default: the process's stdin. Tests pass a pipe.</summary>
    public Stream? Input { get; set; }

    /// <summary>The output stream; default: the process's stdout. Tests pass a pipe.</summary>
    public Stream? Output { get; set; }
}
