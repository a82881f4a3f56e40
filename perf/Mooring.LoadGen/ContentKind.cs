namespace Mooring.LoadGen;

/// <summary>The response's media type, as far as the load generator cares.</summary>
internal enum ContentKind
{
    None,
    Json,
    EventStream,
    Other,
}
