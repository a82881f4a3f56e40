namespace Mooring.LoadGen;

/// <summary>What one step of reading a response gave. Failures are values: the caller counts them and reconnects.</summary>
internal enum ReadStatus
{
    /// <summary>More bytes arrived; the part asked for is not finished yet.</summary>
    Progress,

    /// <summary>The head, or the whole body, is read.</summary>
    Complete,

    /// <summary>The server closed the connection before the part asked for was complete.</summary>
    Closed,

    /// <summary>The bytes are not HTTP/1.1 as this client understands it.</summary>
    Malformed,

    /// <summary>A head, chunk or body is larger than this client buffers.</summary>
    TooLarge,
}
