namespace Mooring.Server;

/// <summary>A progress update a handler reports through <see cref="IProgress{T}"/>.</summary>
/// <param name="Progress">Progress so far; must increase with each report (reports that do not are dropped).</param>
/// <param name="Total">The total, if known.</param>
/// <param name="Message">A human-readable status.</param>
public readonly record struct ProgressNotificationValue(double Progress, double? Total = null, string? Message = null);
