using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Mooring.Protocol;

namespace Mooring.Server;

/// <summary>
/// Binds a handler method's parameters for each call (client arguments, DI services, and the special
/// request-scoped types), invokes it, and awaits its result. The call itself goes through the invoker the Mooring
/// source generator wrote for the method (<see cref="McpGeneratedMethods"/>): no reflection per call, and none at all
/// under Native AOT. A method the generator could not reach is called by reflection where reflection is allowed.
/// What is read from the method's metadata (names, attributes, schemas) is read once, here, at registration.
/// </summary>
internal sealed class McpMethodBinder
{
    private readonly MethodInfo _method;
    private readonly object? _target;
    private readonly ObjectFactory? _instanceFactory;
    private readonly McpMethodInvoker _invoke;
    private readonly JsonSerializerOptions _serializerOptions;

    public McpMethodBinder(MethodInfo method, object? target, McpServerOptions options, IServiceProviderIsService? isService)
    {
        ArgumentNullException.ThrowIfNull(method);
        _method = method;
        _target = target;
        _serializerOptions = options.SerializerOptions;
        bool needsInstance = !method.IsStatic && target is null;
        bool[] nullable;
        if (McpGeneratedMethods.Find(method) is { } generated)
        {
            _invoke = generated.Invoke;
            UsesGeneratedInvoker = true;
            ResultType = generated.ResultType;
            IsSynchronous = generated.IsSynchronous;
            nullable = generated.NullableParameters;

            // Instance methods of a registered type get a fresh instance per call, with constructor injection.
            _instanceFactory = needsInstance ? ActivatorUtilities.CreateFactory(generated.DeclaringType, Type.EmptyTypes) : null;
        }
        else if (McpReflectionBinding.IsEnabled)
        {
            (_invoke, ResultType, IsSynchronous, nullable, _instanceFactory) = BindByReflection(method, needsInstance);
        }
        else
        {
            throw new InvalidOperationException(
                $"'{method.DeclaringType?.Name}.{method.Name}' has no source-generated invoker, and this app binds no handler by reflection (trimmed or Native AOT). " +
                "Make the method and its type at least internal, not generic, with no ref parameters, in a project that references Mooring.Server (which brings the generator).");
        }

        Parameters = [.. method.GetParameters().Select((p, i) => Describe(p, isService, nullable[i]))];
        Arguments = [.. Parameters.Where(p => p.Kind == McpParameterKind.Argument)];
    }

    [RequiresUnreferencedCode("Binds the handler method by reflection.")]
    [RequiresDynamicCode("Binds the handler method by reflection.")]
    private static (McpMethodInvoker Invoke, Type? ResultType, bool IsSynchronous, bool[] Nullable, ObjectFactory? Factory) BindByReflection(MethodInfo method, bool needsInstance)
    {
        (Type? resultType, Func<object?, ValueTask<object?>> unwrap) = AsyncResultUnwrapper.For(method.ReturnType);
        bool isSynchronous = !typeof(Task).IsAssignableFrom(method.ReturnType) && method.ReturnType != typeof(ValueTask)
            && !(method.ReturnType.IsGenericType && method.ReturnType.GetGenericTypeDefinition() == typeof(ValueTask<>));

        // NullabilityInfoContext caches without locks: one per binder, since servers may register handlers concurrently.
        var nullability = new NullabilityInfoContext();
        bool[] nullable = [.. method.GetParameters().Select(p => Nullable.GetUnderlyingType(p.ParameterType) is not null
            || (!p.ParameterType.IsValueType && nullability.Create(p).WriteState == NullabilityState.Nullable))];
        ObjectFactory? factory = needsInstance ? ActivatorUtilities.CreateFactory(method.DeclaringType!, Type.EmptyTypes) : null;
        return (Invoke, resultType, isSynchronous, nullable, factory);

        ValueTask<object?> Invoke(object? instance, object?[] values)
        {
            object? returned;
            try
            {
                returned = method.Invoke(instance, BindingFlags.DoNotWrapExceptions, binder: null, values, CultureInfo.InvariantCulture);
            }
            catch (ArgumentException) when (values.Any(v => v is null))
            {
                throw new ArgumentBindingException("An argument has an invalid value.");
            }

            return unwrap(returned);
        }
    }

    /// <summary>True when calls go through the source-generated invoker; false when through reflection.</summary>
    public bool UsesGeneratedInvoker { get; }

    /// <summary>The awaited result type; null for void and non-generic tasks.</summary>
    public Type? ResultType { get; }

    /// <summary>True when the method returns no task: it may block its thread, so it runs under the synchronous-handler cap.</summary>
    public bool IsSynchronous { get; }

    /// <summary>All parameters in order.</summary>
    public IReadOnlyList<McpBoundParameter> Parameters { get; }

    /// <summary>The parameters the client supplies.</summary>
    public IReadOnlyList<McpBoundParameter> Arguments { get; }

    /// <summary>The method, for descriptions and attributes.</summary>
    public MethodInfo Method => _method;

    /// <summary>Binds and invokes with JSON arguments (tools).</summary>
    public ValueTask<object?> InvokeAsync(McpRequestContext context, JsonElement? arguments)
    {
        if (arguments is { ValueKind: not JsonValueKind.Object and not JsonValueKind.Null and not JsonValueKind.Undefined })
        {
            throw new ArgumentBindingException("The arguments must be a JSON object.");
        }

        // Bound here, synchronously, and into a plain array: no closure or delegate per call.
        JsonElement? args = arguments is { ValueKind: JsonValueKind.Object } ? arguments : null;
        object?[] values = new object?[Parameters.Count];
        for (int i = 0; i < values.Length; i++)
        {
            McpBoundParameter p = Parameters[i];
            values[i] = p.Kind != McpParameterKind.Argument ? BindSpecial(p, context)
                : args is { } a && a.TryGetProperty(p.Name, out JsonElement v) ? BindJson(p, v)
                : Missing(p);
        }

        return InvokeCoreAsync(context, values);
    }

    /// <summary>Binds and invokes with string arguments (prompt arguments, URI template variables).</summary>
    public ValueTask<object?> InvokeAsync(McpRequestContext context, IReadOnlyDictionary<string, string>? arguments)
    {
        object?[] values = new object?[Parameters.Count];
        for (int i = 0; i < values.Length; i++)
        {
            McpBoundParameter p = Parameters[i];
            values[i] = p.Kind != McpParameterKind.Argument ? BindSpecial(p, context)
                : arguments is not null && arguments.TryGetValue(p.Name, out string? v) ? BindString(p, v)
                : Missing(p);
        }

        return InvokeCoreAsync(context, values);
    }

    /// <summary>
    /// Binds and invokes with the arguments object as the client sent it (UTF-8 JSON; empty when absent or null),
    /// reading each argument straight from the bytes with the same serializer options a <see cref="JsonElement"/>
    /// would be deserialized with, so no <see cref="JsonDocument"/> is built per call. The bytes are read before this
    /// returns. Returns false, having bound nothing, when the object is not one this reads alone (a duplicated
    /// argument, too many arguments to track on the stack): the caller then binds through a <see cref="JsonElement"/>.
    /// </summary>
    public bool TryInvoke(McpRequestContext context, ReadOnlySpan<byte> arguments, out ValueTask<object?> invocation)
    {
        invocation = default;
        const int MaxTracked = 32;
        if (Parameters.Count > MaxTracked)
        {
            return false;
        }

        // Where each parameter's value starts in the bytes (-1: absent), found in one pass before anything is bound.
        Span<int> starts = stackalloc int[Parameters.Count];
        starts.Fill(-1);
        if (!arguments.IsEmpty)
        {
            var reader = new Utf8JsonReader(arguments);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                int index = -1;
                for (int i = 0; i < Parameters.Count; i++)
                {
                    if (Parameters[i].Kind == McpParameterKind.Argument && reader.ValueTextEquals(Parameters[i].Name))
                    {
                        index = i;
                        break;
                    }
                }

                reader.Read();
                if (index >= 0)
                {
                    if (starts[index] >= 0)
                    {
                        return false;
                    }

                    starts[index] = (int)reader.TokenStartIndex;
                }

                reader.Skip();
            }
        }

        object?[] values = new object?[Parameters.Count];
        for (int i = 0; i < values.Length; i++)
        {
            McpBoundParameter p = Parameters[i];
            values[i] = p.Kind != McpParameterKind.Argument ? BindSpecial(p, context)
                : starts[i] >= 0 ? BindUtf8(p, arguments[starts[i]..])
                : Missing(p);
        }

        invocation = InvokeCoreAsync(context, values);
        return true;
    }

    private static object? BindSpecial(McpBoundParameter p, McpRequestContext context) => p.Kind switch
    {
        McpParameterKind.CancellationToken => context.CancellationToken,
        McpParameterKind.RequestContext => context,
        McpParameterKind.Progress => new McpProgressReporter(context),
        McpParameterKind.ClientLogger => context.Logger,
        McpParameterKind.Session => context.Session,
        McpParameterKind.ClientCapabilities => context.ClientCapabilities,
        McpParameterKind.ServiceProvider => context.Services,
        _ => context.Services.GetRequiredService(p.Info.ParameterType),
    };

    private async ValueTask<object?> InvokeCoreAsync(McpRequestContext context, object?[] values)
    {
        SemaphoreSlim? admitted = null;
        if (IsSynchronous)
        {
            // Uncontended: no allocation, no wait. At the cap: wait asynchronously, holding no thread.
            admitted = context.Server.SynchronousHandlers;
            if (!admitted.Wait(0))
            {
                await admitted.WaitAsync(context.CancellationToken).ConfigureAwait(false);
            }
        }

        object? instance = null;
        try
        {
            instance = _target ?? _instanceFactory?.Invoke(context.Services, []);
            return await _invoke(instance, values).ConfigureAwait(false);
        }
        finally
        {
            admitted?.Release();
            if (_instanceFactory is not null)
            {
                if (instance is IAsyncDisposable asyncDisposable)
                {
                    await asyncDisposable.DisposeAsync().ConfigureAwait(false);
                }
                else if (instance is IDisposable disposable)
                {
                    disposable.Dispose();
                }
            }
        }
    }

    private object? BindJson(McpBoundParameter p, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return p.IsRequired ? throw new ArgumentBindingException($"Argument '{p.Name}' must not be null.") : Default(p);
        }

        try
        {
            return value.Deserialize(TypeInfo(p));
        }
        catch (JsonException)
        {
            throw new ArgumentBindingException($"Argument '{p.Name}' is not a valid {JsonTypeName(p.Info.ParameterType)}.");
        }
        catch (NotSupportedException)
        {
            throw new ArgumentBindingException($"Argument '{p.Name}' is not a valid {JsonTypeName(p.Info.ParameterType)}.");
        }
    }

    /// <summary>The raw-bytes twin of <see cref="BindJson"/>: <paramref name="value"/> starts at the argument's value.</summary>
    private object? BindUtf8(McpBoundParameter p, ReadOnlySpan<byte> value)
    {
        var reader = new Utf8JsonReader(value, new JsonReaderOptions { MaxDepth = _serializerOptions.MaxDepth, AllowMultipleValues = true });
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return p.IsRequired ? throw new ArgumentBindingException($"Argument '{p.Name}' must not be null.") : Default(p);
        }

        try
        {
            return JsonSerializer.Deserialize(ref reader, TypeInfo(p));
        }
        catch (JsonException)
        {
            throw new ArgumentBindingException($"Argument '{p.Name}' is not a valid {JsonTypeName(p.Info.ParameterType)}.");
        }
        catch (NotSupportedException)
        {
            throw new ArgumentBindingException($"Argument '{p.Name}' is not a valid {JsonTypeName(p.Info.ParameterType)}.");
        }
    }

    private object? BindString(McpBoundParameter p, string value)
    {
        Type type = Nullable.GetUnderlyingType(p.Info.ParameterType) ?? p.Info.ParameterType;
        if (type == typeof(string))
        {
            return value;
        }

        // Enum names are what completion suggests for enum-typed parameters; the default serializer options read
        // enums only as numbers, so names are matched here (exactly one defined name, case-insensitive).
        if (type.IsEnum && Enum.GetNames(type).FirstOrDefault(n => string.Equals(n, value, StringComparison.OrdinalIgnoreCase)) is { } name)
        {
            return Enum.Parse(type, name);
        }

        try
        {
            // A JSON literal ("42", "true") first; otherwise the text as a JSON string (dates, GUIDs, enum names).
            try
            {
                return JsonSerializer.Deserialize(value, TypeInfo(p));
            }
            catch (JsonException)
            {
                return JsonSerializer.Deserialize(JsonSerializer.Serialize(value, McpJsonContext.Default.String), TypeInfo(p));
            }
        }
        catch (JsonException)
        {
            throw new ArgumentBindingException($"Argument '{p.Name}' is not a valid {JsonTypeName(type)}.");
        }
    }

    // Resolved on a parameter's first call and kept: the options' own cache would be one more lookup per argument per call.
    private JsonTypeInfo TypeInfo(McpBoundParameter p) => p.TypeInfo ??= _serializerOptions.GetTypeInfo(p.Info.ParameterType);

    private static object? Missing(McpBoundParameter p) =>
        p.IsRequired ? throw new ArgumentBindingException($"Missing required argument '{p.Name}'.") : Default(p);

    // Null for a value type stands for its default: the invokers pass default(T) for it, as reflection does.
    private static object? Default(McpBoundParameter p) => p.Info.HasDefaultValue ? p.Info.DefaultValue : null;

    /// <summary>
    /// Builds the JSON Schema of the arguments object with <see cref="JsonSchemaExporter"/>: one property per
    /// argument, descriptions from <see cref="DescriptionAttribute"/>, required when there is no default.
    /// </summary>
    public JsonObject BuildArgumentsSchema()
    {
        var properties = new JsonObject();
        var required = new JsonArray();
        foreach (McpBoundParameter p in Arguments)
        {
            JsonNode schema = ExportSchema(p.Info.ParameterType, headerAnnotations: true);
            if (p.HeaderName is not null && schema is not JsonObject)
            {
                throw new ArgumentException(
                    $"Parameter '{p.Name}' of '{_method.DeclaringType?.Name}.{_method.Name}' has [McpHeader] but its type {p.Info.ParameterType.Name} is not a string, integer or boolean.");
            }

            if (schema is JsonObject obj)
            {
                if (p.HeaderName is not null)
                {
                    // Name, type and uniqueness are checked when the tool is created, with any nested annotations.
                    obj[McpHeaderSchema.Keyword] = p.HeaderName;
                }

                // The exporter sees only the type; a nullable reference parameter accepts null too.
                if (p.AcceptsNull && !p.Info.ParameterType.IsValueType && obj["type"] is JsonValue single && single.TryGetValue(out string? typeName))
                {
                    obj["type"] = new JsonArray(typeName, "null");
                }

                if (p.Description is not null)
                {
                    obj.Insert(0, "description", p.Description);
                }

                if (p.Info.HasDefaultValue && p.Info.DefaultValue is { } defaultValue && !obj.ContainsKey("default"))
                {
                    obj["default"] = JsonSerializer.SerializeToNode(defaultValue, _serializerOptions.GetTypeInfo(defaultValue.GetType()));
                }
            }

            properties[p.Name] = schema;
            if (p.IsRequired)
            {
                required.Add((JsonNode)JsonValue.Create(p.Name));
            }
        }

        var root = new JsonObject { ["type"] = "object", ["properties"] = properties };
        if (required.Count > 0)
        {
            root["required"] = required;
        }

        return root;
    }

    /// <summary>
    /// Exports the schema of a type, with descriptions of its properties taken from their attributes, and (for input
    /// schemas, <paramref name="headerAnnotations"/>) <c>x-mcp-header</c> from <see cref="McpHeaderAttribute"/> on its properties.
    /// </summary>
    public JsonNode ExportSchema(Type type, bool headerAnnotations = false)
    {
        var exporterOptions = new JsonSchemaExporterOptions
        {
            TreatNullObliviousAsNonNullable = true,
            TransformSchemaNode = (context, node) =>
            {
                DescriptionAttribute? description = context.PropertyInfo?.AttributeProvider?.GetCustomAttributes(typeof(DescriptionAttribute), inherit: true).OfType<DescriptionAttribute>().FirstOrDefault()
                    ?? (context.PropertyInfo is null ? context.TypeInfo.Type.GetCustomAttribute<DescriptionAttribute>() : null);
                if (node is not JsonObject obj)
                {
                    return node;
                }

                if (description is not null && !obj.ContainsKey("description"))
                {
                    obj.Insert(0, "description", description.Description);
                }

                // Only input schemas mirror arguments into headers; a result type's attribute means nothing there.
                if (headerAnnotations && context.PropertyInfo?.AttributeProvider?.GetCustomAttributes(typeof(McpHeaderAttribute), inherit: true)
                    .OfType<McpHeaderAttribute>().FirstOrDefault() is { } header)
                {
                    obj[McpHeaderSchema.Keyword] = header.Name;
                }

                // Enums by name come out as {"enum":[…]} alone; many clients look for a type, so name it.
                if (!obj.ContainsKey("type") && obj["enum"] is JsonArray values && values.All(v => v?.GetValueKind() == JsonValueKind.String))
                {
                    obj["type"] = "string";
                }

                return node;
            },
        };
        return _serializerOptions.GetTypeInfo(type).GetJsonSchemaAsNode(exporterOptions);
    }

    private static McpBoundParameter Describe(ParameterInfo p, IServiceProviderIsService? isService, bool nullable)
    {
        Type t = p.ParameterType;
        McpParameterKind kind =
            t == typeof(CancellationToken) ? McpParameterKind.CancellationToken
            : t == typeof(McpRequestContext) ? McpParameterKind.RequestContext
            : t == typeof(IProgress<ProgressNotificationValue>) ? McpParameterKind.Progress
            : t == typeof(McpClientLogger) ? McpParameterKind.ClientLogger
            : t == typeof(McpSession) ? McpParameterKind.Session
            : t == typeof(ClientCapabilities) ? McpParameterKind.ClientCapabilities
            : t == typeof(IServiceProvider) ? McpParameterKind.ServiceProvider
            : p.GetCustomAttribute<FromKeyedServicesAttribute>() is not null || isService?.IsService(t) == true ? McpParameterKind.Service
            : McpParameterKind.Argument;
        IReadOnlyList<string>? completions = p.GetCustomAttribute<McpCompletionsAttribute>()?.Values
            ?? ((Nullable.GetUnderlyingType(t) ?? t).IsEnum ? Enum.GetNames(Nullable.GetUnderlyingType(t) ?? t) : null);
        return new McpBoundParameter
        {
            Info = p,
            Kind = kind,
            Name = p.Name ?? $"arg{p.Position}",
            Description = p.GetCustomAttribute<DescriptionAttribute>()?.Description,
            HeaderName = p.GetCustomAttribute<McpHeaderAttribute>()?.Name,
            IsRequired = kind == McpParameterKind.Argument && !p.HasDefaultValue && !nullable,
            AcceptsNull = nullable,
            CompletionValues = completions,
        };
    }

    private static string JsonTypeName(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;

        // Before the type code: an enum's type code is that of its underlying integer.
        if (type.IsEnum)
        {
            return "enum value";
        }

        return Type.GetTypeCode(type) switch
        {
            TypeCode.Boolean => "boolean",
            TypeCode.String or TypeCode.Char => "string",
            TypeCode.Byte or TypeCode.SByte or TypeCode.Int16 or TypeCode.UInt16 or TypeCode.Int32 or TypeCode.UInt32 or TypeCode.Int64 or TypeCode.UInt64 => "integer",
            TypeCode.Single or TypeCode.Double or TypeCode.Decimal => "number",
            _ when type.IsArray || (type.IsGenericType && typeof(System.Collections.IEnumerable).IsAssignableFrom(type)) => "array",
            _ => "object",
        };
    }
}
