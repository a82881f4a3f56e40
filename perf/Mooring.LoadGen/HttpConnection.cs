using System.Buffers.Text;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Mooring.LoadGen;

/// <summary>
/// One keep-alive HTTP/1.1 connection over a raw socket. I/O is two thin calls that return the socket's own
/// ValueTasks (which do not allocate); parsing is synchronous over what has arrived: the response head, then
/// the body (Content-Length, chunked, or until close) decoded into a reused buffer. No pipelining: one
/// exchange at a time. Keeping every await in the caller's one loop is what keeps the hot path allocation-free.
/// </summary>
internal sealed class HttpConnection : IDisposable
{
    /// <summary>The buffer size of a connection that holds a quiet stream: thousands of them are held at once.</summary>
    public const int SmallBufferSize = 1024;

    private const int InitialBufferSize = 16 * 1024;
    private const int MaxBufferSize = 1024 * 1024;       // a benchmark response is a few hundred bytes
    private const int MaxChunkSizeLine = 1024;

    private readonly Socket _socket;
    private byte[] _raw;
    private int _rawStart;
    private int _rawEnd;
    private byte[] _body;
    private int _bodyStart;
    private int _bodyEnd;

    private BodyFraming _framing;
    private long _remaining;
    private ChunkState _chunkState;
    private bool _discardBody;

    private HttpConnection(Socket socket, int bufferSize)
    {
        _socket = socket;
        _raw = new byte[bufferSize];
        _body = new byte[bufferSize];
    }

    private enum BodyFraming
    {
        None,
        ContentLength,
        Chunked,
        UntilClose,
    }

    private enum ChunkState
    {
        Size,
        Data,
        DataEnd,
        Trailer,
    }

    public int StatusCode { get; private set; }

    public ContentKind ContentKind { get; private set; }

    /// <summary>False once the server asked to close, framed a body by closing, or the connection broke.</summary>
    public bool Reusable { get; private set; } = true;

    public bool BodyComplete { get; private set; }

    /// <summary>The <c>MCP-Session-Id</c> response header, read only when the head was read with capture on.</summary>
    public string? SessionId { get; private set; }

    /// <summary>Decoded body bytes not yet consumed.</summary>
    public ReadOnlySpan<byte> Body => _body.AsSpan(_bodyStart, _bodyEnd - _bodyStart);

    /// <summary>Connects; <paramref name="bufferSize"/> is where the receive and body buffers start (they grow as needed).</summary>
    public static async Task<HttpConnection> ConnectAsync(IPEndPoint endPoint, CancellationToken cancellationToken, int bufferSize = InitialBufferSize)
    {
        // Small requests and responses: send each at once rather than wait on Nagle and delayed ACKs.
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endPoint, cancellationToken);
            return new HttpConnection(socket, bufferSize);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public void Dispose() => _socket.Dispose();

    /// <summary>Sends some of <paramref name="data"/>; returns how much. The caller loops until all is sent.</summary>
    public ValueTask<int> SendSomeAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken) =>
        _socket.SendAsync(data, SocketFlags.None, cancellationToken);

    /// <summary>Receives into the free end of the buffer; pass the result to <see cref="OnReceived"/>. -1: the buffer is full.</summary>
    public ValueTask<int> ReceiveSomeAsync(CancellationToken cancellationToken)
    {
        if (_rawStart == _rawEnd)
        {
            _rawStart = _rawEnd = 0;
        }
        else if (_rawEnd == _raw.Length)
        {
            var kept = _rawEnd - _rawStart;
            if (kept >= MaxBufferSize)
            {
                return new ValueTask<int>(-1);
            }

            var target = kept == _raw.Length ? new byte[Math.Min(MaxBufferSize, _raw.Length * 2)] : _raw;
            _raw.AsSpan(_rawStart, kept).CopyTo(target);
            _raw = target;
            _rawStart = 0;
            _rawEnd = kept;
        }

        return _socket.ReceiveAsync(_raw.AsMemory(_rawEnd), SocketFlags.None, cancellationToken);
    }

    /// <summary>Takes <paramref name="received"/> bytes from <see cref="ReceiveSomeAsync"/>; 0 means the server closed.</summary>
    public void OnReceived(int received)
    {
        if (received > 0)
        {
            _rawEnd += received;
            return;
        }

        // A close ends a body framed by close; any other body is cut short, and the connection is done either way.
        Reusable = false;
        if (_framing == BodyFraming.UntilClose)
        {
            BodyComplete = true;
        }
    }

    /// <summary>Forgets every byte received and not parsed yet: a held stream only times its arrivals.</summary>
    public void DiscardReceived() => _rawStart = _rawEnd = 0;

    /// <summary>Drops the body from here on: it is decoded (to find its end) but not kept.</summary>
    public void DiscardBody()
    {
        _discardBody = true;
        _bodyStart = _bodyEnd = 0;
    }

    public void ConsumeBody(int count) => _bodyStart += count;

    /// <summary>
    /// Parses a response head from what has arrived. <see cref="ReadStatus.Progress"/> with <paramref name="parsed"/>
    /// false: more bytes are needed. Interim 1xx heads are parsed too; the caller reads on for the final one.
    /// </summary>
    public ReadStatus TryReadHead(bool captureSessionId, out bool parsed)
    {
        parsed = false;
        var available = _raw.AsSpan(_rawStart, _rawEnd - _rawStart);
        var headLength = available.IndexOf("\r\n\r\n"u8);
        if (headLength < 0)
        {
            return available.Length >= MaxBufferSize ? ReadStatus.TooLarge : ReadStatus.Progress;
        }

        var head = available[..headLength];
        _rawStart += headLength + 4;
        parsed = true;

        var lineEnd = head.IndexOf("\r\n"u8);
        var statusLine = lineEnd < 0 ? head : head[..lineEnd];

        // "HTTP/1.x SSS reason"
        if (statusLine.Length < 12 || !statusLine.StartsWith("HTTP/1."u8) || statusLine[8] != (byte)' '
            || !Utf8Parser.TryParse(statusLine.Slice(9, 3), out int statusCode, out var digits) || digits != 3)
        {
            return ReadStatus.Malformed;
        }

        StatusCode = statusCode;
        ContentKind = ContentKind.None;
        SessionId = null;
        var keepAlive = statusLine[7] != (byte)'0';   // HTTP/1.0 closes unless told otherwise; we never ask
        var chunked = false;
        long contentLength = -1;

        var fields = lineEnd < 0 ? ReadOnlySpan<byte>.Empty : head[(lineEnd + 2)..];
        while (!fields.IsEmpty)
        {
            var end = fields.IndexOf("\r\n"u8);
            var line = end < 0 ? fields : fields[..end];
            fields = end < 0 ? ReadOnlySpan<byte>.Empty : fields[(end + 2)..];

            var colon = line.IndexOf((byte)':');
            if (colon <= 0)
            {
                return ReadStatus.Malformed;
            }

            var name = line[..colon];
            var value = line[(colon + 1)..].Trim(" \t"u8);
            if (Ascii.EqualsIgnoreCase(name, "Content-Length"u8))
            {
                if (!Utf8Parser.TryParse(value, out contentLength, out var used) || used != value.Length || contentLength < 0)
                {
                    return ReadStatus.Malformed;
                }
            }
            else if (Ascii.EqualsIgnoreCase(name, "Transfer-Encoding"u8))
            {
                chunked = EndsWithIgnoreCase(value, "chunked"u8);
            }
            else if (Ascii.EqualsIgnoreCase(name, "Content-Type"u8))
            {
                ContentKind = StartsWithIgnoreCase(value, "application/json"u8) ? ContentKind.Json
                    : StartsWithIgnoreCase(value, "text/event-stream"u8) ? ContentKind.EventStream
                    : ContentKind.Other;
            }
            else if (Ascii.EqualsIgnoreCase(name, "Connection"u8))
            {
                keepAlive = !Ascii.EqualsIgnoreCase(value, "close"u8);
            }
            else if (captureSessionId && Ascii.EqualsIgnoreCase(name, "MCP-Session-Id"u8))
            {
                SessionId = Encoding.ASCII.GetString(value);
            }
        }

        _bodyStart = _bodyEnd = 0;
        _discardBody = false;
        BodyComplete = false;
        Reusable = keepAlive;

        // RFC 9112 section 6.3, for responses to POST and DELETE.
        if (statusCode is (>= 100 and < 200) or 204 or 304)
        {
            _framing = BodyFraming.None;
            BodyComplete = true;
        }
        else if (chunked)
        {
            _framing = BodyFraming.Chunked;
            _chunkState = ChunkState.Size;
        }
        else if (contentLength >= 0)
        {
            _framing = BodyFraming.ContentLength;
            _remaining = contentLength;
            BodyComplete = contentLength == 0;
        }
        else
        {
            _framing = BodyFraming.UntilClose;
            Reusable = false;
        }

        return ReadStatus.Progress;
    }

    /// <summary>
    /// Moves what has arrived of the body into <see cref="Body"/> (or drops it, after <see cref="DiscardBody"/>).
    /// <see cref="ReadStatus.Progress"/>: fine so far; see <see cref="BodyComplete"/>.
    /// </summary>
    public ReadStatus DecodeBody()
    {
        while (!BodyComplete && _rawStart < _rawEnd)
        {
            var available = _raw.AsSpan(_rawStart, _rawEnd - _rawStart);
            switch (_framing)
            {
                case BodyFraming.ContentLength:
                {
                    var take = (int)Math.Min(_remaining, available.Length);
                    var status = AppendBody(available[..take]);
                    if (status != ReadStatus.Progress)
                    {
                        return status;
                    }

                    _rawStart += take;
                    _remaining -= take;
                    BodyComplete = _remaining == 0;
                    break;
                }

                case BodyFraming.UntilClose:
                {
                    var status = AppendBody(available);
                    if (status != ReadStatus.Progress)
                    {
                        return status;
                    }

                    _rawStart = _rawEnd;
                    break;
                }

                case BodyFraming.Chunked:
                {
                    var status = DecodeChunked(available, out var done);
                    if (status != ReadStatus.Progress)
                    {
                        return status;
                    }

                    if (!done)
                    {
                        return ReadStatus.Progress;
                    }

                    break;
                }

                default:
                    BodyComplete = true;
                    break;
            }
        }

        return ReadStatus.Progress;
    }

    /// <summary>One step of the chunked decoder; <paramref name="madeProgress"/> is false when it needs more bytes.</summary>
    private ReadStatus DecodeChunked(ReadOnlySpan<byte> available, out bool madeProgress)
    {
        madeProgress = false;
        switch (_chunkState)
        {
            case ChunkState.Size:
            {
                var end = available.IndexOf("\r\n"u8);
                if (end < 0)
                {
                    return available.Length > MaxChunkSizeLine ? ReadStatus.Malformed : ReadStatus.Progress;
                }

                var line = available[..end];
                var extension = line.IndexOf((byte)';');
                var digits = (extension < 0 ? line : line[..extension]).Trim(" \t"u8);
                if (!Utf8Parser.TryParse(digits, out ulong size, out var used, 'X') || used != digits.Length || digits.IsEmpty)
                {
                    return ReadStatus.Malformed;
                }

                if (size > MaxBufferSize)
                {
                    return ReadStatus.TooLarge;
                }

                _rawStart += end + 2;
                _remaining = (long)size;
                _chunkState = size == 0 ? ChunkState.Trailer : ChunkState.Data;
                madeProgress = true;
                return ReadStatus.Progress;
            }

            case ChunkState.Data:
            {
                var take = (int)Math.Min(_remaining, available.Length);
                var status = AppendBody(available[..take]);
                if (status != ReadStatus.Progress)
                {
                    return status;
                }

                _rawStart += take;
                _remaining -= take;
                if (_remaining == 0)
                {
                    _chunkState = ChunkState.DataEnd;
                }

                madeProgress = true;
                return ReadStatus.Progress;
            }

            case ChunkState.DataEnd:
                if (available.Length < 2)
                {
                    return ReadStatus.Progress;
                }

                if (available[0] != (byte)'\r' || available[1] != (byte)'\n')
                {
                    return ReadStatus.Malformed;
                }

                _rawStart += 2;
                _chunkState = ChunkState.Size;
                madeProgress = true;
                return ReadStatus.Progress;

            default:
            {
                // Trailer section: fields until an empty line, all ignored.
                var end = available.IndexOf("\r\n"u8);
                if (end < 0)
                {
                    return available.Length >= MaxBufferSize ? ReadStatus.TooLarge : ReadStatus.Progress;
                }

                _rawStart += end + 2;
                BodyComplete = end == 0;
                madeProgress = true;
                return ReadStatus.Progress;
            }
        }
    }

    private ReadStatus AppendBody(ReadOnlySpan<byte> data)
    {
        if (_discardBody)
        {
            return ReadStatus.Progress;
        }

        if (_bodyEnd + data.Length > _body.Length)
        {
            var kept = _bodyEnd - _bodyStart;
            var needed = kept + data.Length;
            if (needed > MaxBufferSize)
            {
                return ReadStatus.TooLarge;
            }

            // Grows at most to MaxBufferSize and only for a response larger than any seen before on this connection.
            var target = needed > _body.Length ? new byte[Math.Min(MaxBufferSize, Math.Max(needed, _body.Length * 2))] : _body;
            _body.AsSpan(_bodyStart, kept).CopyTo(target);
            _body = target;
            _bodyStart = 0;
            _bodyEnd = kept;
        }

        data.CopyTo(_body.AsSpan(_bodyEnd));
        _bodyEnd += data.Length;
        return ReadStatus.Progress;
    }

    private static bool StartsWithIgnoreCase(ReadOnlySpan<byte> value, ReadOnlySpan<byte> prefix) =>
        value.Length >= prefix.Length && Ascii.EqualsIgnoreCase(value[..prefix.Length], prefix);

    private static bool EndsWithIgnoreCase(ReadOnlySpan<byte> value, ReadOnlySpan<byte> suffix) =>
        value.Length >= suffix.Length && Ascii.EqualsIgnoreCase(value[^suffix.Length..], suffix);
}
