namespace Mooring.AspNetCore;

/// <summary>
/// What a silent <see cref="SseConnection"/> calls to write its heartbeat: the owner of the stream, which serialises
/// the comment with its other writes. One object per stream instead of a delegate and closure per connection.
/// </summary>
internal interface ISseHeartbeat
{
    /// <summary>Writes a heartbeat comment to <paramref name="connection"/> if it is still the stream's; a failed write ends it.</summary>
    Task BeatAsync(SseConnection connection);
}
