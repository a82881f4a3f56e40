using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mooring.Protocol;

/// <summary>
/// Reads and writes an enum by its exact wire name (from <see cref="JsonStringEnumMemberNameAttribute"/>, else the
/// member name) and nothing else. The stock <see cref="JsonStringEnumConverter{TEnum}"/> also accepts integers,
/// padded names and comma lists (it parses flags), which would let <c>{"level":4}</c> or <c>"debug, info"</c> through
/// where the schema allows only the names. Public because the core's enums name it in their
/// <see cref="JsonConverterAttribute"/>: another assembly's source-generated context (an extension's) that reaches
/// those enums must be able to instantiate it.
/// </summary>
/// <typeparam name="TEnum">The enum.</typeparam>
public sealed class StrictStringEnumConverter<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicFields)] TEnum> : JsonConverter<TEnum>
    where TEnum : struct, Enum
{
    private static readonly (string Name, TEnum Value)[] Members =
    [
        .. typeof(TEnum).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f =>
            (f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? f.Name, (TEnum)f.GetValue(null)!)),
    ];

    /// <inheritdoc />
    public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            foreach ((string name, TEnum value) in Members)
            {
                if (reader.ValueTextEquals(name))
                {
                    return value;
                }
            }
        }

        throw new JsonException($"Expected one of: {string.Join(", ", Members.Select(m => m.Name))}.");
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        foreach ((string name, TEnum member) in Members)
        {
            if (EqualityComparer<TEnum>.Default.Equals(member, value))
            {
                writer.WriteStringValue(name);
                return;
            }
        }

        throw new JsonException($"{value} is not a defined {typeof(TEnum).Name}.");
    }
}
