using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Mooring.Testing;

/// <summary>
/// HTTP/1.1 over a plain <see cref="Socket"/>, for tests that must send exactly the bytes they want (bad headers,
/// wrong Host, lying Content-Length, chunked bodies) and read exactly what comes back: status, headers, a body
/// framed by Content-Length, chunked encoding or connection close, or SSE events one at a time. The connection
/// ends the way the test chooses: FIN (<see cref="CloseWithFin"/>) or RST (<see cref="Reset"/>). Every read is
/// bounded by a timeout and throws <see cref="TimeoutException"/> when it passes.
/// </summary>
public sealed class RawHttpClient : IAsyncDisposable
{
    private const int MaxLineLength = 1024 * 1024;

    private readonly Socket _socket;
    private readonly List<byte> _ssePending = [];
    private byte[] _buffer = new byte[16 * 1024];
    private int _start;
    private int _end;
    private bool _eof;
    private Framing _framing = Framing.Done;
    private long _remaining;
    private bool _chunkNeedsCrlf;
    private string _lastMethod = "GET";
    private RawHttpResponse? _current;

    private RawHttpClient(Socket socket, int port)
    {
        _socket = socket;
        Authority = string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{port}");
    }

    private enum Framing
    {
        Done,
        Length,
        Chunked,
        UntilClose,
    }

    /// <summary>How long a read waits by default.</summary>
    public static TimeSpan DefaultTimeout { get; } = TimeSpan.FromSeconds(10);

    /// <summary><c>127.0.0.1:port</c>: the Host header sent unless a request names another.</summary>
    public string Authority { get; }

    /// <summary>True once the server closed its side (FIN or RST).</summary>
    public bool ServerClosed => _eof;

    /// <summary>True when the server reset the connection.</summary>
    public bool ServerReset { get; private set; }

    /// <summary>Connects to the loopback port of <paramref name="baseAddress"/>.</summary>
    public static async Task<RawHttpClient> ConnectAsync(Uri baseAddress, CancellationToken cancellationToken = default) =>
        await ConnectAsync(baseAddress, receiveBufferSize: null, cancellationToken).ConfigureAwait(false);

    /// <summary>Connects with a chosen receive buffer: a small one plus never reading makes a client that stops reading.</summary>
    public static async Task<RawHttpClient> ConnectAsync(Uri baseAddress, int? receiveBufferSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        if (receiveBufferSize is { } size)
        {
            socket.ReceiveBufferSize = size;
        }

        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(DefaultTimeout);
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, baseAddress.Port), deadline.Token).ConfigureAwait(false);
            return new RawHttpClient(socket, baseAddress.Port);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Wraps a socket the caller already connected to a loopback port (for example one created inside another network
    /// namespace); the client owns it from then on.
    /// </summary>
    public static RawHttpClient FromConnectedSocket(Socket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        var remote = socket.RemoteEndPoint as IPEndPoint ?? throw new ArgumentException("The socket is not connected over IP.", nameof(socket));
        return new RawHttpClient(socket, remote.Port);
    }

    /// <summary>Opens a connection, sends one request, reads the whole response, and closes with FIN.</summary>
    public static async Task<RawHttpResponse> ExchangeAsync(Uri baseAddress, RawHttpRequest request, TimeSpan? timeout = null)
    {
        await using RawHttpClient client = await ConnectAsync(baseAddress).ConfigureAwait(false);
        return await client.SendAndReadAsync(request, timeout).ConfigureAwait(false);
    }

    /// <summary>Sends raw bytes.</summary>
    public async Task SendAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default)
    {
        while (!bytes.IsEmpty)
        {
            int sent = await _socket.SendAsync(bytes, SocketFlags.None, cancellationToken).ConfigureAwait(false);
            bytes = bytes[sent..];
        }
    }

    /// <summary>Sends a request.</summary>
    public Task SendAsync(RawHttpRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        _lastMethod = request.Method;
        return SendAsync(request.ToBytes(Authority), cancellationToken);
    }

    /// <summary>Sends a request and reads its whole response.</summary>
    public async Task<RawHttpResponse> SendAndReadAsync(RawHttpRequest request, TimeSpan? timeout = null)
    {
        await SendAsync(request).ConfigureAwait(false);
        return await ReadResponseAsync(timeout).ConfigureAwait(false);
    }

    /// <summary>Sends a request and reads its status and headers; the body is read next (for example as SSE events).</summary>
    public async Task<RawHttpResponse> SendAndReadHeadAsync(RawHttpRequest request, TimeSpan? timeout = null)
    {
        await SendAsync(request).ConfigureAwait(false);
        return await ReadResponseHeadAsync(timeout).ConfigureAwait(false);
    }

    /// <summary>Reads a whole response: head and body.</summary>
    public async Task<RawHttpResponse> ReadResponseAsync(TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? DefaultTimeout);
        try
        {
            RawHttpResponse response = await ReadHeadCoreAsync(deadline.Token).ConfigureAwait(false);
            response.Body = await ReadBodyCoreAsync(deadline.Token).ConfigureAwait(false);
            return response;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            throw new TimeoutException($"No complete response within {timeout ?? DefaultTimeout}.");
        }
    }

    /// <summary>Reads the status line and headers only; read the body next with <see cref="ReadBodyAsync"/> or <see cref="ReadSseEventAsync"/>.</summary>
    public async Task<RawHttpResponse> ReadResponseHeadAsync(TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? DefaultTimeout);
        try
        {
            return await ReadHeadCoreAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            throw new TimeoutException($"No response head within {timeout ?? DefaultTimeout}.");
        }
    }

    /// <summary>Reads what is left of the current response's body.</summary>
    public async Task<byte[]> ReadBodyAsync(TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? DefaultTimeout);
        try
        {
            byte[] body = await ReadBodyCoreAsync(deadline.Token).ConfigureAwait(false);
            _current?.Body = body;
            return body;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            throw new TimeoutException($"The body did not end within {timeout ?? DefaultTimeout}.");
        }
    }

    /// <summary>
    /// Reads the next SSE block of the current response's body; null when the body ended (the server closed the
    /// stream). Throws <see cref="TimeoutException"/> when nothing complete arrives in time.
    /// </summary>
    public async Task<SseEvent?> ReadSseEventAsync(TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? DefaultTimeout);
        try
        {
            while (true)
            {
                if (TryTakeSseBlock(out string? block))
                {
                    return ParseSseBlock(block);
                }

                byte[] segment = await ReadBodySegmentAsync(deadline.Token).ConfigureAwait(false);
                if (segment.Length == 0)
                {
                    if (_ssePending.Count == 0 || _ssePending.All(b => b is (byte)'\n' or (byte)'\r'))
                    {
                        _ssePending.Clear();
                        return null;
                    }

                    string rest = Encoding.UTF8.GetString([.. _ssePending]);
                    _ssePending.Clear();
                    return ParseSseBlock(rest);
                }

                _ssePending.AddRange(segment);
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            throw new TimeoutException($"No complete SSE event within {timeout ?? DefaultTimeout}.");
        }
    }

    /// <summary>Reads SSE blocks until one carries a message (non-empty data); null when the stream ended first.</summary>
    public async Task<SseEvent?> ReadSseMessageAsync(TimeSpan? timeout = null)
    {
        while (await ReadSseEventAsync(timeout).ConfigureAwait(false) is { } e)
        {
            if (e.HasMessage)
            {
                return e;
            }
        }

        return null;
    }

    /// <summary>Waits until the server closes the connection, discarding what arrives. False when it is still open after <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForServerCloseAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            while (await FillAsync(deadline.Token).ConfigureAwait(false) > 0)
            {
                _start = _end;
            }

            return true;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Half-closes: sends FIN but keeps reading.</summary>
    public void ShutdownSend() => _socket.Shutdown(SocketShutdown.Send);

    /// <summary>Closes gracefully: FIN, then the socket is released.</summary>
    public void CloseWithFin()
    {
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // Already reset by the peer: nothing left to close gracefully.
        }

        _socket.Close();
    }

    /// <summary>Aborts: a zero linger time makes the close send RST instead of FIN.</summary>
    public void Reset()
    {
        _socket.LingerState = new LingerOption(true, 0);
        _socket.Close();
    }

    /// <summary>Closes with FIN if the socket is still open.</summary>
    public ValueTask DisposeAsync()
    {
        if (_socket.SafeHandle.IsClosed)
        {
            return ValueTask.CompletedTask;
        }

        CloseWithFin();
        return ValueTask.CompletedTask;
    }

    private async Task<RawHttpResponse> ReadHeadCoreAsync(CancellationToken cancellationToken)
    {
        if (_framing != Framing.Done)
        {
            // The previous body was not read: skip it so the next head is found.
            await ReadBodyCoreAsync(cancellationToken).ConfigureAwait(false);
        }

        while (true)
        {
            string statusLine = await ReadLineAsync(cancellationToken).ConfigureAwait(false)
                ?? throw new EndOfStreamException("The server closed the connection without a response.");
            string[] parts = statusLine.Split(' ', 3);
            if (parts.Length < 2 || !parts[0].StartsWith("HTTP/", StringComparison.Ordinal) || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int status))
            {
                throw new InvalidDataException($"Not an HTTP status line: '{statusLine}'.");
            }

            var headers = new List<KeyValuePair<string, string>>();
            while (true)
            {
                string line = await ReadLineAsync(cancellationToken).ConfigureAwait(false)
                    ?? throw new EndOfStreamException("The server closed the connection inside the response head.");
                if (line.Length == 0)
                {
                    break;
                }

                int colon = line.IndexOf(':', StringComparison.Ordinal);
                headers.Add(colon < 0 ? new(line, string.Empty) : new(line[..colon].Trim(), line[(colon + 1)..].Trim()));
            }

            if (status is >= 100 and < 200 and not 101)
            {
                continue; // an interim response (100 Continue): the real one follows
            }

            var response = new RawHttpResponse(status, parts.Length > 2 ? parts[2] : string.Empty, headers);
            _current = response;
            _ssePending.Clear();
            _chunkNeedsCrlf = false;
            _remaining = 0;
            if (string.Equals(_lastMethod, "HEAD", StringComparison.OrdinalIgnoreCase) || status is 204 or 304)
            {
                _framing = Framing.Done;
            }
            else if (response.IsChunked)
            {
                _framing = Framing.Chunked;
            }
            else if (response.ContentLength is { } length)
            {
                _framing = length == 0 ? Framing.Done : Framing.Length;
                _remaining = length;
            }
            else
            {
                _framing = Framing.UntilClose;
            }

            return response;
        }
    }

    private async Task<byte[]> ReadBodyCoreAsync(CancellationToken cancellationToken)
    {
        using var body = new MemoryStream();
        if (_ssePending.Count > 0)
        {
            body.Write([.. _ssePending]);
            _ssePending.Clear();
        }

        while (true)
        {
            byte[] segment = await ReadBodySegmentAsync(cancellationToken).ConfigureAwait(false);
            if (segment.Length == 0)
            {
                return body.ToArray();
            }

            body.Write(segment);
        }
    }

    // The next piece of decoded body; empty when the body is complete.
    private async Task<byte[]> ReadBodySegmentAsync(CancellationToken cancellationToken)
    {
        switch (_framing)
        {
            case Framing.Length:
                if (_start == _end && await FillAsync(cancellationToken).ConfigureAwait(false) == 0)
                {
                    throw new EndOfStreamException($"The connection closed with {_remaining} body bytes missing.");
                }

                return Take(_remaining, Framing.Done);

            case Framing.UntilClose:
                if (_start == _end && await FillAsync(cancellationToken).ConfigureAwait(false) == 0)
                {
                    _framing = Framing.Done;
                    return [];
                }

                return Take(_end - _start, Framing.UntilClose);

            case Framing.Chunked:
                if (_remaining == 0)
                {
                    if (_chunkNeedsCrlf)
                    {
                        string crlf = await ReadLineAsync(cancellationToken).ConfigureAwait(false) ?? throw new EndOfStreamException("The connection closed inside a chunk.");
                        if (crlf.Length != 0)
                        {
                            throw new InvalidDataException("A chunk was not followed by CRLF.");
                        }

                        _chunkNeedsCrlf = false;
                    }

                    string sizeLine = await ReadLineAsync(cancellationToken).ConfigureAwait(false) ?? throw new EndOfStreamException("The connection closed before the last chunk.");
                    int semicolon = sizeLine.IndexOf(';', StringComparison.Ordinal);
                    long size = long.Parse(semicolon < 0 ? sizeLine.Trim() : sizeLine[..semicolon].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                    if (size == 0)
                    {
                        // Trailers (normally none) end with an empty line.
                        while ((await ReadLineAsync(cancellationToken).ConfigureAwait(false) ?? string.Empty).Length != 0)
                        {
                        }

                        _framing = Framing.Done;
                        return [];
                    }

                    _remaining = size;
                }

                if (_start == _end && await FillAsync(cancellationToken).ConfigureAwait(false) == 0)
                {
                    throw new EndOfStreamException("The connection closed inside a chunk.");
                }

                byte[] data = Take(_remaining, Framing.Chunked);
                _chunkNeedsCrlf = _remaining == 0;
                return data;

            default:
                return [];
        }
    }

    // Takes up to 'limit' buffered bytes; when a length-framed body is used up, moves to 'whenExhausted'.
    private byte[] Take(long limit, Framing whenExhausted)
    {
        int count = (int)Math.Min(limit, _end - _start);
        byte[] data = _buffer.AsSpan(_start, count).ToArray();
        _start += count;
        if (_framing != Framing.UntilClose)
        {
            _remaining -= count;
            if (_remaining == 0 && _framing == Framing.Length)
            {
                _framing = whenExhausted;
            }
        }

        return data;
    }

    private async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        int searched = 0;
        while (true)
        {
            int index = _buffer.AsSpan(_start + searched, _end - _start - searched).IndexOf("\r\n"u8);
            if (index >= 0)
            {
                string line = Encoding.UTF8.GetString(_buffer, _start, searched + index);
                _start += searched + index + 2;
                return line;
            }

            searched = Math.Max(0, _end - _start - 1);
            if (searched > MaxLineLength)
            {
                throw new InvalidDataException("A line of the response is longer than 1 MiB.");
            }

            if (await FillAsync(cancellationToken).ConfigureAwait(false) == 0)
            {
                return null;
            }
        }
    }

    private async Task<int> FillAsync(CancellationToken cancellationToken)
    {
        if (_eof)
        {
            return 0;
        }

        if (_start == _end)
        {
            _start = _end = 0;
        }
        else if (_end == _buffer.Length)
        {
            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }
            else
            {
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }
        }

        int read;
        try
        {
            read = await _socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionAborted)
        {
            ServerReset = true;
            read = 0;
        }

        if (read == 0)
        {
            _eof = true;
        }

        _end += read;
        return read;
    }

    private bool TryTakeSseBlock([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? block)
    {
        block = null;
        for (int i = 0; i + 1 < _ssePending.Count; i++)
        {
            int length = _ssePending[i] == '\n' && _ssePending[i + 1] == '\n' ? 2
                : i + 3 < _ssePending.Count && _ssePending[i] == '\r' && _ssePending[i + 1] == '\n' && _ssePending[i + 2] == '\r' && _ssePending[i + 3] == '\n' ? 4
                : 0;
            if (length > 0)
            {
                block = Encoding.UTF8.GetString([.. _ssePending.GetRange(0, i)]);
                _ssePending.RemoveRange(0, i + length);
                return true;
            }
        }

        return false;
    }

    private static SseEvent ParseSseBlock(string block)
    {
        string? id = null;
        string? type = null;
        StringBuilder? data = null;
        long? retry = null;
        foreach (string rawLine in block.Split('\n'))
        {
            string line = rawLine.TrimEnd('\r');
            if (line.Length == 0 || line[0] == ':')
            {
                continue;
            }

            int colon = line.IndexOf(':', StringComparison.Ordinal);
            string field = colon < 0 ? line : line[..colon];
            string value = colon < 0 ? string.Empty : line[(colon + 1)..];
            if (value.StartsWith(' '))
            {
                value = value[1..];
            }

            switch (field)
            {
                case "id":
                    id = value;
                    break;
                case "event":
                    type = value;
                    break;
                case "data":
                    data = data is null ? new StringBuilder(value) : data.Append('\n').Append(value);
                    break;
                case "retry" when long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out long ms):
                    retry = ms;
                    break;
            }
        }

        return new SseEvent(id, type, data?.ToString(), retry, block);
    }
}
