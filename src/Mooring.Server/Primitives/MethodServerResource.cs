using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Mooring.Protocol;

namespace Mooring.Server;

/// <summary>A resource or template backed by a method; template variables bind to parameters by name.</summary>
internal sealed class MethodServerResource : McpServerResource
{
    private readonly McpMethodBinder _binder;
    private readonly UriTemplateMatcher? _matcher;
    private readonly string? _mimeType;

    public MethodServerResource(McpMethodBinder binder, McpResourceAttribute attribute)
    {
        _binder = binder;
        _mimeType = attribute.MimeType;
        if (attribute.CacheSeconds >= 0)
        {
            CacheHint = new McpCacheHint(TimeSpan.FromSeconds(attribute.CacheSeconds), attribute.CachePublic ? Mooring.Protocol.McpCacheScopes.Public : Mooring.Protocol.McpCacheScopes.Private);
        }
        MethodInfo method = binder.Method;
        string name = attribute.Name ?? McpNaming.ToSnakeCase(method.Name);
        string? description = method.GetCustomAttribute<DescriptionAttribute>()?.Description;
        IList<Icon>? icons = attribute.IconSource is { } icon ? [new Icon { Src = icon }] : null;
        if (attribute.UriOrTemplate.Contains('{', StringComparison.Ordinal))
        {
            _matcher = new UriTemplateMatcher(attribute.UriOrTemplate);
            foreach (McpBoundParameter argument in binder.Arguments)
            {
                if (!_matcher.VariableNames.Contains(argument.Name) && argument.IsRequired)
                {
                    throw new ArgumentException($"Parameter '{argument.Name}' of resource template '{attribute.UriOrTemplate}' matches no template variable.", nameof(binder));
                }
            }

            ProtocolResourceTemplate = new ResourceTemplate { UriTemplate = attribute.UriOrTemplate, Name = name, Title = attribute.Title, Description = description, MimeType = _mimeType, Icons = icons };
        }
        else
        {
            ProtocolResource = new Resource { Uri = attribute.UriOrTemplate, Name = name, Title = attribute.Title, Description = description, MimeType = _mimeType, Icons = icons };
        }
    }

    public override Resource? ProtocolResource { get; }

    public override ResourceTemplate? ProtocolResourceTemplate { get; }

    public override bool TryMatch(string uri, out IReadOnlyDictionary<string, string>? variables)
    {
        if (_matcher is null)
        {
            variables = null;
            return string.Equals(uri, ProtocolResource!.Uri, StringComparison.Ordinal);
        }

        bool matched = _matcher.TryMatch(uri, out Dictionary<string, string> values);
        variables = values;
        return matched;
    }

    public override async ValueTask<ReadResourceResult> ReadAsync(McpRequestContext context, string uri, IReadOnlyDictionary<string, string>? variables)
    {
        object? value;
        try
        {
            value = await _binder.InvokeAsync(context, variables).ConfigureAwait(false);
        }
        catch (ArgumentBindingException ex)
        {
            throw new McpException($"Invalid resource URI '{uri}': {ex.Message}", JsonRpcErrorCodes.InvalidParams);
        }

        return value switch
        {
            ReadResourceResult result => result,
            ResourceContents contents => new ReadResourceResult { Contents = [contents] },
            IEnumerable<ResourceContents> many => new ReadResourceResult { Contents = [.. many] },
            string text => new ReadResourceResult { Contents = [new TextResourceContents { Uri = uri, MimeType = _mimeType ?? "text/plain", Text = text }] },
            byte[] bytes => new ReadResourceResult { Contents = [Blob(uri, bytes)] },
            ReadOnlyMemory<byte> memory => new ReadResourceResult { Contents = [Blob(uri, memory.ToArray())] },
            null => throw new McpException($"Resource not found: {uri}", JsonRpcErrorCodes.ResourceNotFound),
            _ => throw new InvalidOperationException($"Resource method '{_binder.Method.Name}' returned an unsupported type {value.GetType()}."),
        };
    }

    public override Completion? Complete(string argumentName, string value) =>
        _binder.Arguments.FirstOrDefault(a => a.Name == argumentName)?.CompletionValues is { } candidates ? McpCompletions.Filter(candidates, value) : null;

    private BlobResourceContents Blob(string uri, byte[] bytes) =>
        new() { Uri = uri, MimeType = _mimeType ?? "application/octet-stream", Blob = Convert.ToBase64String(bytes) };
}
