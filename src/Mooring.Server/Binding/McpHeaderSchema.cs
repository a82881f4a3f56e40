using System.Text.Json;

namespace Mooring.Server;

/// <summary>
/// Finds and checks the <c>x-mcp-header</c> annotations of a tool's <c>inputSchema</c> (2026-07-28, tools.mdx
/// §x-mcp-header): once per tool, at registration. Clients drop a tool whose annotations break the rules, so the
/// server refuses to register it instead, with an <see cref="ArgumentException"/> naming the tool and the place.
/// </summary>
internal static class McpHeaderSchema
{
    /// <summary>The schema keyword.</summary>
    public const string Keyword = "x-mcp-header";

    /// <summary>Keywords whose values are data (instances), never subschemas: an <c>x-mcp-header</c> key inside them is not an annotation.</summary>
    private static readonly HashSet<string> DataKeywords = new(StringComparer.Ordinal) { "default", "const", "enum", "examples", "required", "type", Keyword };

    /// <summary>Keywords whose value is an object of name to subschema (other than <c>properties</c>, the only one that keeps a property reachable).</summary>
    private static readonly HashSet<string> SchemaMapKeywords = new(StringComparer.Ordinal) { "patternProperties", "$defs", "definitions", "dependentSchemas", "dependencies" };

    /// <summary>
    /// Returns the annotated properties in schema order, or throws when one is invalid: an empty or non-token name,
    /// a duplicate (ignoring case), a type other than string, integer or boolean (optionally with null), or a place
    /// not reachable from the root through <c>properties</c> keys alone.
    /// </summary>
    /// <exception cref="ArgumentException">An annotation breaks a rule.</exception>
    public static IReadOnlyList<McpToolHeaderParameter> Extract(string toolName, JsonElement inputSchema)
    {
        if (inputSchema.ValueKind != JsonValueKind.Object)
        {
            return [];
        }

        var walk = new Walk(toolName);
        walk.Visit(inputSchema, reachable: true);
        return walk.Found is null ? [] : walk.Found.AsReadOnly();
    }

    /// <summary>The state of one extraction: where the walk is, and what it found.</summary>
    private sealed class Walk(string toolName)
    {
        // The JSON Pointer of the current schema (for messages) and the chain of property names (for the result).
        private readonly List<string> _pointer = [];
        private readonly List<string> _properties = [];

        public List<McpToolHeaderParameter>? Found { get; private set; }

        public void Visit(JsonElement schema, bool reachable)
        {
            if (schema.ValueKind != JsonValueKind.Object)
            {
                // Boolean schemas (true/false) carry no keywords.
                return;
            }

            if (schema.TryGetProperty(Keyword, out JsonElement annotation))
            {
                Add(schema, annotation, reachable);
            }

            foreach (JsonProperty keyword in schema.EnumerateObject())
            {
                if (DataKeywords.Contains(keyword.Name))
                {
                    continue;
                }

                _pointer.Add(keyword.Name);
                if (keyword.NameEquals("properties") && keyword.Value.ValueKind == JsonValueKind.Object)
                {
                    foreach (JsonProperty property in keyword.Value.EnumerateObject())
                    {
                        _pointer.Add(property.Name);
                        _properties.Add(property.Name);
                        Visit(property.Value, reachable);
                        _properties.RemoveAt(_properties.Count - 1);
                        _pointer.RemoveAt(_pointer.Count - 1);
                    }
                }
                else if (SchemaMapKeywords.Contains(keyword.Name) && keyword.Value.ValueKind == JsonValueKind.Object)
                {
                    foreach (JsonProperty entry in keyword.Value.EnumerateObject())
                    {
                        _pointer.Add(entry.Name);
                        Visit(entry.Value, reachable: false);
                        _pointer.RemoveAt(_pointer.Count - 1);
                    }
                }
                else
                {
                    // items, prefixItems, additionalProperties, allOf/anyOf/oneOf/not, if/then/else, contains, …
                    // and unknown keywords: anything below them is not statically reachable. Walking unknown keywords
                    // too is deliberate: the spec makes an annotation "anywhere else" invalid, and clients reject it.
                    VisitUnreachable(keyword.Value);
                }

                _pointer.RemoveAt(_pointer.Count - 1);
            }
        }

        private void VisitUnreachable(JsonElement value)
        {
            if (value.ValueKind == JsonValueKind.Object)
            {
                Visit(value, reachable: false);
            }
            else if (value.ValueKind == JsonValueKind.Array)
            {
                int index = 0;
                foreach (JsonElement item in value.EnumerateArray())
                {
                    _pointer.Add(index++.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    VisitUnreachable(item);
                    _pointer.RemoveAt(_pointer.Count - 1);
                }
            }
        }

        private void Add(JsonElement schema, JsonElement annotation, bool reachable)
        {
            if (!reachable)
            {
                throw Invalid("is not statically reachable: only a chain of 'properties' keys may lead to it (not items, "
                    + "oneOf, anyOf, allOf, not, if, then, else, $ref or $defs)");
            }

            if (_properties.Count == 0)
            {
                throw Invalid("is on the schema root; it must annotate a property");
            }

            if (annotation.ValueKind != JsonValueKind.String)
            {
                throw Invalid($"must be a string, not {annotation.ValueKind}");
            }

            string name = annotation.GetString()!;
            if (name.Length == 0)
            {
                throw Invalid("must not be empty");
            }

            if (!McpToolHeaderParameter.IsToken(name))
            {
                throw Invalid($"'{Printable(name)}' is not an RFC 9110 token (letters, digits and !#$%&'*+-.^_`|~ only; no spaces, colons, control or non-ASCII characters)");
            }

            if (Found?.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)) is { } other)
            {
                throw Invalid($"'{name}' repeats the header of property '{string.Join('.', other.PropertyPath)}' (names must be unique ignoring case)");
            }

            McpHeaderValueType type = TypeOf(schema) ?? throw Invalid(
                $"'{name}' annotates a property of type {(schema.TryGetProperty("type", out JsonElement t) ? t.GetRawText() : "(none)")}; only string, integer or boolean may be mirrored into a header");
            (Found ??= []).Add(new McpToolHeaderParameter(name, _properties, type));
        }

        private ArgumentException Invalid(string problem) => new(
            $"Tool '{toolName}': the x-mcp-header annotation on property '{(_properties.Count == 0 ? "(root)" : string.Join('.', _properties))}' "
            + $"(at '/{string.Join('/', _pointer)}') {problem}.");

        /// <summary>The declared type: one of string, integer, boolean, optionally together with "null" in a type array.</summary>
        private static McpHeaderValueType? TypeOf(JsonElement schema)
        {
            if (!schema.TryGetProperty("type", out JsonElement type))
            {
                return null;
            }

            if (type.ValueKind == JsonValueKind.String)
            {
                return Primitive(type.GetString());
            }

            if (type.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            McpHeaderValueType? found = null;
            foreach (JsonElement member in type.EnumerateArray())
            {
                if (member.ValueKind != JsonValueKind.String)
                {
                    return null;
                }

                if (member.ValueEquals("null"))
                {
                    continue;
                }

                // One primitive only: ["string","integer"] has no single header form a client could agree on.
                if (found is not null || Primitive(member.GetString()) is not { } primitive)
                {
                    return null;
                }

                found = primitive;
            }

            return found;
        }

        private static McpHeaderValueType? Primitive(string? name) => name switch
        {
            "string" => McpHeaderValueType.String,
            "integer" => McpHeaderValueType.Integer,
            "boolean" => McpHeaderValueType.Boolean,
            _ => null,
        };

        // Control characters would break the exception message (and any log line it lands in).
        private static string Printable(string value) =>
            string.Concat(value.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));
    }
}
