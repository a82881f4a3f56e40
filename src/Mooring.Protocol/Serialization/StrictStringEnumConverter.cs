using System.Text.Json.Serialization;

namespace Mooring.Protocol;

/// <summary>
/// Reads and writes an enum by its wire name only. The stock <see cref="JsonStringEnumConverter{TEnum}"/> also
/// accepts integers, which would let <c>{"level":4}</c> (or an undefined <c>99</c>) through where the schema allows
/// only the names.
/// </summary>
/// <typeparam name="TEnum">The enum.</typeparam>
internal sealed class StrictStringEnumConverter<TEnum> : JsonStringEnumConverter<TEnum>
    where TEnum : struct, Enum
{
    public StrictStringEnumConverter()
        : base(namingPolicy: null, allowIntegerValues: false)
    {
    }
}
