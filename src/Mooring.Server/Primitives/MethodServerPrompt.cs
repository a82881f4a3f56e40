using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text.Json;
using Mooring.Protocol;

namespace Mooring.Server;

/// <summary>A prompt backed by a method.</summary>
internal sealed class MethodServerPrompt : McpServerPrompt
{
    private readonly McpMethodBinder _binder;
    private readonly JsonSerializerOptions _serializerOptions;

    public MethodServerPrompt(McpMethodBinder binder, McpPromptAttribute? attribute, McpServerOptions options)
    {
        _binder = binder;
        _serializerOptions = options.SerializerOptions;
        MethodInfo method = binder.Method;
        ProtocolPrompt = new Prompt
        {
            Name = attribute?.Name ?? McpNaming.ToSnakeCase(method.Name),
            Title = attribute?.Title,
            Description = method.GetCustomAttribute<DescriptionAttribute>()?.Description,
            Arguments = binder.Arguments.Count == 0 ? null : [.. binder.Arguments.Select(a => new PromptArgument { Name = a.Name, Description = a.Description, Required = a.IsRequired })],
            Icons = attribute?.IconSource is { } icon ? [new Icon { Src = icon }] : null,
        };
    }

    public override Prompt ProtocolPrompt { get; }

    public override async ValueTask<GetPromptResult> GetAsync(McpRequestContext context, IReadOnlyDictionary<string, string>? arguments)
    {
        object? value;
        try
        {
            value = await _binder.InvokeAsync(context, arguments).ConfigureAwait(false);
        }
        catch (ArgumentBindingException ex)
        {
            throw new McpException($"Invalid arguments for prompt '{ProtocolPrompt.Name}': {ex.Message}", JsonRpcErrorCodes.InvalidParams);
        }

        return value switch
        {
            GetPromptResult result => result,
            string text => new GetPromptResult { Messages = [new PromptMessage { Role = Role.User, Content = new TextContent { Text = text } }] },
            PromptMessage message => new GetPromptResult { Messages = [message] },
            IEnumerable<PromptMessage> messages => new GetPromptResult { Messages = [.. messages] },
            ContentBlock block => new GetPromptResult { Messages = [new PromptMessage { Role = Role.User, Content = block }] },
            IEnumerable<ContentBlock> blocks => new GetPromptResult { Messages = [.. blocks.Select(b => new PromptMessage { Role = Role.User, Content = b })] },
            null => new GetPromptResult(),
            _ => new GetPromptResult
            {
                Messages = [new PromptMessage { Role = Role.User, Content = new TextContent { Text = JsonSerializer.Serialize(value, _serializerOptions.GetTypeInfo(value.GetType())) } }],
            },
        };
    }

    public override Completion? Complete(string argumentName, string value) =>
        _binder.Arguments.FirstOrDefault(a => a.Name == argumentName)?.CompletionValues is { } candidates ? McpCompletions.Filter(candidates, value) : null;
}
