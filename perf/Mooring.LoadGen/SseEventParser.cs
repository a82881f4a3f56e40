namespace Mooring.LoadGen;

/// <summary>
/// Incremental Server-Sent Events parser (the WHATWG event-stream format) over decoded body bytes.
/// Collects the data lines of one event into a reused buffer; only complete lines are consumed,
/// so a line split across reads waits for its end.
/// </summary>
internal sealed class SseEventParser
{
    private const int MaxEventSize = 1024 * 1024;

    private byte[] _data = new byte[4096];
    private int _dataLength;
    private bool _hasData;
    private bool _isMessage = true;
    private bool _dispatched;

    /// <summary>The data of the event <see cref="Read"/> last reported, data lines joined with LF.</summary>
    public ReadOnlySpan<byte> Data => _data.AsSpan(0, _dataLength);

    public void Reset()
    {
        _dataLength = 0;
        _hasData = false;
        _isMessage = true;
        _dispatched = false;
    }

    /// <summary>
    /// Consumes complete lines of <paramref name="input"/> until a <c>message</c> event with non-empty data is complete
    /// (returns <see cref="SseReadResult.Event"/>, see <see cref="Data"/>) or no complete line is left.
    /// </summary>
    public SseReadResult Read(ReadOnlySpan<byte> input, out int consumed)
    {
        if (_dispatched)
        {
            Reset();
        }

        consumed = 0;
        while (true)
        {
            var rest = input[consumed..];
            var end = rest.IndexOfAny((byte)'\r', (byte)'\n');
            if (end < 0)
            {
                return rest.Length > MaxEventSize ? SseReadResult.TooLarge : SseReadResult.NeedMore;
            }

            // A line ends with CRLF, LF or a lone CR; a CR last in the buffer may be the first half of a CRLF.
            var terminator = 1;
            if (rest[end] == (byte)'\r')
            {
                if (end + 1 >= rest.Length)
                {
                    return SseReadResult.NeedMore;
                }

                if (rest[end + 1] == (byte)'\n')
                {
                    terminator = 2;
                }
            }

            var line = rest[..end];
            consumed += end + terminator;

            if (line.IsEmpty)
            {
                // An event with empty data carries no message: servers send one first to give the stream an id to
                // resume from (the priming event), and clients pass over it.
                if (_hasData && _isMessage && _dataLength > 0)
                {
                    _dispatched = true;
                    return SseReadResult.Event;
                }

                Reset();
                continue;
            }

            if (line[0] == (byte)':')
            {
                continue;   // comment, e.g. a keep-alive
            }

            var colon = line.IndexOf((byte)':');
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? ReadOnlySpan<byte>.Empty : line[(colon + 1)..];
            if (!value.IsEmpty && value[0] == (byte)' ')
            {
                value = value[1..];
            }

            if (field.SequenceEqual("data"u8))
            {
                if (!AppendData(value))
                {
                    return SseReadResult.TooLarge;
                }
            }
            else if (field.SequenceEqual("event"u8))
            {
                _isMessage = value.IsEmpty || value.SequenceEqual("message"u8);
            }

            // id and retry matter to a reconnecting client; a benchmark does not reconnect streams.
        }
    }

    private bool AppendData(ReadOnlySpan<byte> value)
    {
        var needed = _dataLength + (_hasData ? 1 : 0) + value.Length;
        if (needed > MaxEventSize)
        {
            return false;
        }

        if (needed > _data.Length)
        {
            Array.Resize(ref _data, Math.Min(MaxEventSize, Math.Max(needed, _data.Length * 2)));
        }

        if (_hasData)
        {
            _data[_dataLength++] = (byte)'\n';
        }

        value.CopyTo(_data.AsSpan(_dataLength));
        _dataLength += value.Length;
        _hasData = true;
        return true;
    }
}
