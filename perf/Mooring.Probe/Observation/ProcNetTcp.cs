using System.Buffers.Binary;
using System.Globalization;
using System.Net;

namespace Mooring.Probe.Observation;

/// <summary>
/// Parses /proc/net/tcp and /proc/net/tcp6. Addresses are hex in the kernel's byte order: each 32-bit word is
/// printed as a host-order integer, so on little-endian machines every word's bytes come out reversed.
/// </summary>
internal static class ProcNetTcp
{
    public const string Tcp4Path = "/proc/net/tcp";
    public const string Tcp6Path = "/proc/net/tcp6";

    /// <summary>Both tables, or none when this is not Linux (the caller reports "not observed").</summary>
    public static List<TcpSocketEntry> ReadAll()
    {
        var entries = new List<TcpSocketEntry>();
        foreach (var path in new[] { Tcp4Path, Tcp6Path })
        {
            string text;
            try
            {
                text = File.ReadAllText(path);
            }
            catch (IOException)
            {
                continue;
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }

            entries.AddRange(Parse(text));
        }

        return entries;
    }

    public static bool IsAvailable => File.Exists(Tcp4Path);

    /// <summary>Parses the table text; the header line and malformed lines are skipped.</summary>
    public static IEnumerable<TcpSocketEntry> Parse(string text)
    {
        foreach (var line in text.Split('\n'))
        {
            if (TryParseLine(line, out var entry))
            {
                yield return entry;
            }
        }
    }

    public static bool TryParseLine(string line, out TcpSocketEntry entry)
    {
        entry = default;

        // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode ...
        var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 10 || !fields[0].EndsWith(':'))
        {
            return false;
        }

        if (!TryParseEndPoint(fields[1], out var localAddress, out var localPort)
            || !TryParseEndPoint(fields[2], out var remoteAddress, out var remotePort)
            || !int.TryParse(fields[3], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var state))
        {
            return false;
        }

        var queues = fields[4].Split(':');
        if (queues.Length != 2
            || !long.TryParse(queues[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var tx)
            || !long.TryParse(queues[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var rx)
            || !long.TryParse(fields[9], NumberStyles.Integer, CultureInfo.InvariantCulture, out var inode))
        {
            return false;
        }

        entry = new TcpSocketEntry(localAddress, localPort, remoteAddress, remotePort,
            Enum.IsDefined((TcpState)state) ? (TcpState)state : TcpState.Unknown, tx, rx, inode);
        return true;
    }

    /// <summary>"0100007F:0C7F" is 127.0.0.1:3199; tcp6 addresses are 32 hex digits, four words.</summary>
    public static bool TryParseEndPoint(string text, out IPAddress address, out int port)
    {
        address = IPAddress.None;
        port = 0;
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out port))
        {
            return false;
        }

        var hex = text.AsSpan(0, colon);
        if (hex.Length is not (8 or 32))
        {
            return false;
        }

        var bytes = new byte[hex.Length / 2];
        for (var word = 0; word < hex.Length / 8; word++)
        {
            if (!uint.TryParse(hex.Slice(word * 8, 8), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var value))
            {
                return false;
            }

            // The kernel printed the word as a native integer; its memory (network order) is the little-endian bytes here.
            if (BitConverter.IsLittleEndian)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(word * 4), value);
            }
            else
            {
                BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(word * 4), value);
            }
        }

        address = new IPAddress(bytes);
        return true;
    }
}
