using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace Mooring.Server;

/// <summary>
/// Seals and opens the <c>requestState</c> of multi round-trip requests with ASP.NET Core Data Protection (encrypted
/// and authenticated). The state carries the answers received so far, an expiry, and a digest binding it to the
/// principal, the method, its target (tool or prompt name, resource URI) and its arguments: state that was altered,
/// has expired, or comes back with another request or from another principal is rejected.
/// </summary>
internal sealed class McpRequestStateProtector
{
    private const string Purpose = "Mooring.Server.RequestState.v1";
    private readonly IDataProtector _protector;
    private readonly TimeProvider _time;
    private readonly TimeSpan _lifetime;

    public McpRequestStateProtector(IDataProtectionProvider provider, TimeProvider time, TimeSpan lifetime)
    {
        _protector = provider.CreateProtector(Purpose);
        _time = time;
        _lifetime = lifetime;
    }

    /// <summary>Seals <paramref name="answers"/> for the request described by <paramref name="binding"/>.</summary>
    public string Protect(byte[] binding, IReadOnlyDictionary<string, JsonElement> answers)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("e", (_time.GetUtcNow() + _lifetime).ToUnixTimeMilliseconds());
            writer.WriteBase64String("b", binding);
            writer.WriteStartObject("r");
            foreach (KeyValuePair<string, JsonElement> answer in answers)
            {
                writer.WritePropertyName(answer.Key);
                answer.Value.WriteTo(writer);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return Base64Url.EncodeToString(_protector.Protect(buffer.WrittenSpan.ToArray()));
    }

    /// <summary>Opens <paramref name="state"/>; false with a client-safe reason when it is altered, expired or bound to another request.</summary>
    public bool TryOpen(string state, byte[] binding, out Dictionary<string, JsonElement> answers, out string? error)
    {
        answers = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        error = "Invalid params: requestState failed verification.";
        if (state.Length > 1024 * 1024 || !Base64Url.IsValid(state))
        {
            return false;
        }

        byte[] payload;
        try
        {
            payload = _protector.Unprotect(Base64Url.DecodeFromChars(state));
        }
        catch (CryptographicException)
        {
            return false;
        }

        using JsonDocument document = JsonDocument.Parse(payload);
        JsonElement root = document.RootElement;
        if (!CryptographicOperations.FixedTimeEquals(root.GetProperty("b").GetBytesFromBase64(), binding))
        {
            error = "Invalid params: requestState belongs to another request.";
            return false;
        }

        if (_time.GetUtcNow().ToUnixTimeMilliseconds() > root.GetProperty("e").GetInt64())
        {
            error = "Invalid params: requestState has expired; start the request again.";
            return false;
        }

        foreach (JsonProperty answer in root.GetProperty("r").EnumerateObject())
        {
            answers[answer.Name] = answer.Value.Clone();
        }

        error = null;
        return true;
    }

    /// <summary>
    /// The digest that binds state to one request: principal, method, target and arguments (canonical JSON, so a
    /// client that re-serializes its arguments in another key order still matches).
    /// </summary>
    public static byte[] Bind(string principal, string method, string target, JsonElement? arguments)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            writer.WriteStringValue(principal);
            writer.WriteStringValue(method);
            writer.WriteStringValue(target);
            if (arguments is { } args)
            {
                WriteCanonical(writer, args);
            }
            else
            {
                writer.WriteNullValue();
            }

            writer.WriteEndArray();
        }

        return SHA256.HashData(buffer.WrittenSpan);
    }

    private static void WriteCanonical(Utf8JsonWriter writer, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (JsonProperty property in value.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(property.Name);
                    WriteCanonical(writer, property.Value);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (JsonElement item in value.EnumerateArray())
                {
                    WriteCanonical(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                value.WriteTo(writer);
                break;
        }
    }
}
