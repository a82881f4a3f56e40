using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Mooring.Probe.Http;

/// <summary>
/// One HTTP/1.1 connection over a raw socket, so the probe controls how it ends (<see cref="CloseMode"/>),
/// how big its receive buffer is and whether it reads at all. Bodies are framed by Content-Length, chunked
/// encoding or the server's close. One exchange at a time; not for hot paths (the load generator is).
/// </summary>
internal sealed class RawHttpConnection : IDisposable
{
    private const int MaxHeadBytes = 64 * 1024;

    // A stopped-reader response may be megabytes; anything larger is not an MCP answer the probe needs whole.
    private const int MaxBodyBytes = 64 * 1024 * 1024;

    private readonly Socket _socket;
    private byte[] _buffer = new byte[16 * 1024];
    private int _start;
    private int _end;
    private bool _closed;

    private RawHttpConnection(Socket socket) => _socket = socket;

    /// <summary>The client port of this connection: the server's socket for it has this remote port.</summary>
    public int LocalPort => ((IPEndPoint)_socket.LocalEndPoint!).Port;

    /// <summary>False once the server closed its side or asked to close.</summary>
    public bool Reusable { get; private set; } = true;

    /// <summary>Opens a connection. <paramref name="receiveBufferSize"/> is set before connecting, so the advertised window stays small.</summary>
    public static async Task<RawHttpConnection> ConnectAsync(IPEndPoint endPoint, CancellationToken cancellationToken, int? receiveBufferSize = null)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            if (receiveBufferSize is { } size)
            {
                socket.ReceiveBufferSize = size;
            }

            await socket.ConnectAsync(endPoint, cancellationToken);
            return new RawHttpConnection(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public async Task SendAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        while (!data.IsEmpty)
        {
            var sent = await _socket.SendAsync(data, SocketFlags.None, cancellationToken);
            data = data[sent..];
        }
    }

    /// <summary>Reads the status line and headers. Throws <see cref="IOException"/> when the server closes first.</summary>
    public async Task<HttpResponseHead> ReadHeadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var headEnd = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n\r\n"u8);
            if (headEnd >= 0)
            {
                var text = Encoding.ASCII.GetString(_buffer, _start, headEnd);
                _start += headEnd + 4;
                var head = ParseHead(text);
                if (head.ServerWillClose)
                {
                    Reusable = false;
                }

                // 1xx answers (100 Continue) precede the real one.
                if (head.StatusCode is >= 100 and < 200)
                {
                    continue;
                }

                return head;
            }

            if (_end - _start >= MaxHeadBytes)
            {
                throw new InvalidDataException("Response head larger than 64 KB.");
            }

            if (!await FillAsync(cancellationToken))
            {
                throw new IOException("The server closed the connection before a complete response head.");
            }
        }
    }

    /// <summary>Reads the whole body the head announces: Content-Length, chunked, or (neither) until the server closes.</summary>
    public async Task<byte[]> ReadBodyAsync(HttpResponseHead head, CancellationToken cancellationToken)
    {
        var body = new MemoryStream();
        if (head.StatusCode is 204 or 304)
        {
            return [];
        }

        if (head.IsChunked)
        {
            while (true)
            {
                var line = await ReadLineAsync(cancellationToken);
                var semicolon = line.IndexOf(';', StringComparison.Ordinal);
                var sizeText = (semicolon >= 0 ? line[..semicolon] : line).Trim();
                if (!long.TryParse(sizeText, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var size) || size < 0)
                {
                    throw new InvalidDataException($"Bad chunk size line '{line}'.");
                }

                if (size == 0)
                {
                    // Trailers, then the empty line.
                    while ((await ReadLineAsync(cancellationToken)).Length > 0)
                    {
                    }

                    return body.ToArray();
                }

                await CopyExactAsync(body, size, cancellationToken);
                await ReadLineAsync(cancellationToken);
            }
        }

        if (head.ContentLength is { } length)
        {
            await CopyExactAsync(body, length, cancellationToken);
            return body.ToArray();
        }

        // Framed by close.
        Reusable = false;
        while (true)
        {
            if (_start < _end)
            {
                Guard(body.Length + (_end - _start));
                body.Write(_buffer, _start, _end - _start);
                _start = _end;
            }

            if (!await FillAsync(cancellationToken))
            {
                return body.ToArray();
            }
        }
    }

    /// <summary>Reads at least one more byte of whatever the server sends; false when it closed.</summary>
    public async Task<bool> ReadSomeAsync(CancellationToken cancellationToken)
    {
        _start = _end = 0;
        return await FillAsync(cancellationToken);
    }

    /// <summary>True when the server sent something or closed (the socket is readable), checked without blocking.</summary>
    public bool PeerHasSpoken()
    {
        try
        {
            return _socket.Poll(0, SelectMode.SelectRead);
        }
        catch (SocketException)
        {
            return true;
        }
        catch (ObjectDisposedException)
        {
            return true;
        }
    }

    /// <summary>Ends the connection the chosen way. Never throws: the server may already be gone.</summary>
    public void Close(CloseMode mode)
    {
        if (_closed)
        {
            return;
        }

        _closed = true;
        try
        {
            if (mode == CloseMode.Rst)
            {
                // Linger on with a zero timeout makes Close abort the connection: the kernel sends RST, no FIN.
                _socket.LingerState = new LingerOption(true, 0);
            }
            else
            {
                _socket.Shutdown(SocketShutdown.Send);
            }
        }
        catch (SocketException)
        {
            // Already reset by the server; closing below is all that is left.
        }
        catch (ObjectDisposedException)
        {
            // Closed concurrently by a scenario's cleanup.
        }

        _socket.Close();
    }

    public void Dispose() => Close(CloseMode.Fin);

    private static HttpResponseHead ParseHead(string text)
    {
        var lines = text.Split("\r\n");
        var status = lines[0].Split(' ', 3);
        if (status.Length < 2 || !status[0].StartsWith("HTTP/1.", StringComparison.Ordinal) || !int.TryParse(status[1], out var code))
        {
            throw new InvalidDataException($"Bad status line '{lines[0]}'.");
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                var name = line[..colon].Trim();
                var value = line[(colon + 1)..].Trim();
                headers[name] = headers.TryGetValue(name, out var previous) ? previous + ", " + value : value;
            }
        }

        return new HttpResponseHead(code, headers);
    }

    private async Task<string> ReadLineAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var lineEnd = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n"u8);
            if (lineEnd >= 0)
            {
                var line = Encoding.ASCII.GetString(_buffer, _start, lineEnd);
                _start += lineEnd + 2;
                return line;
            }

            if (_end - _start >= MaxHeadBytes)
            {
                throw new InvalidDataException("Chunk line longer than 64 KB.");
            }

            if (!await FillAsync(cancellationToken))
            {
                throw new IOException("The server closed the connection inside a chunked body.");
            }
        }
    }

    private async Task CopyExactAsync(MemoryStream body, long count, CancellationToken cancellationToken)
    {
        Guard(body.Length + count);
        while (count > 0)
        {
            if (_start == _end && !await FillAsync(cancellationToken))
            {
                throw new IOException("The server closed the connection inside a body.");
            }

            var take = (int)Math.Min(count, _end - _start);
            body.Write(_buffer, _start, take);
            _start += take;
            count -= take;
        }
    }

    private async Task<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (_start == _end)
        {
            _start = _end = 0;
        }
        else if (_end == _buffer.Length)
        {
            var kept = _end - _start;
            var target = kept > _buffer.Length / 2 ? new byte[_buffer.Length * 2] : _buffer;
            Buffer.BlockCopy(_buffer, _start, target, 0, kept);
            _buffer = target;
            _start = 0;
            _end = kept;
        }

        var received = await _socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None, cancellationToken);
        if (received == 0)
        {
            Reusable = false;
            return false;
        }

        _end += received;
        return true;
    }

    private static void Guard(long size)
    {
        if (size > MaxBodyBytes)
        {
            throw new InvalidDataException("Response body larger than 64 MB.");
        }
    }
}
