namespace Mooring.LoadGen;

internal enum SseReadResult
{
    /// <summary>No complete event yet; feed more bytes.</summary>
    NeedMore,

    /// <summary>A message event is complete.</summary>
    Event,

    /// <summary>One event is larger than the parser buffers.</summary>
    TooLarge,
}
