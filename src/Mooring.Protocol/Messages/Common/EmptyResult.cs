using System.Text.Json.Serialization;

namespace Mooring.Protocol;

/// <summary>An empty result (<c>{}</c>), as for <c>ping</c>.</summary>
public sealed class EmptyResult : Result
{
}
