using System.Text.Json.Serialization;

namespace Mooring.Host;

/// <summary>
/// JSON metadata, generated at compile time, for the fixtures' argument and result types. The host runs with
/// reflection-based serialization off (it publishes with Native AOT and builds with the same switches), so every type
/// a handler takes or returns that the protocol's own context does not know is listed here.
/// </summary>
[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(double))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(byte[]))]
internal sealed partial class HostJsonContext : JsonSerializerContext;
