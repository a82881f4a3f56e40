using System.Text.Json.Serialization;

namespace Mooring.Protocol;

/// <summary>Params of <c>resources/subscribe</c> and <c>resources/unsubscribe</c>.</summary>
public sealed class SubscribeRequestParams : RequestParams
{
    /// <summary>The resource URI.</summary>
    public required string Uri { get; set; }
}
