using System.Collections.Concurrent;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Mooring.Protocol;
using Mooring.Server;

namespace Mooring.Benchmarks;

/// <summary>
/// The pieces of <see cref="HotPathBenchmarks.DispatchAndInvoke"/>, each measured on its own, so its allocations can
/// be attributed to lines of src/Mooring.Server. Pieces marked "proxy" rebuild what a private member does with the
/// same types, because the member itself cannot be called alone.
/// </summary>
[MemoryDiagnoser]
public class DispatchBreakdownBenchmarks
{
    private readonly ConcurrentDictionary<RequestId, object> _inFlight = new();
    private EchoServer _server = null!;
    private JsonRpcMessage _message = null!;
    private McpServerTool _tool = null!;
    private McpMethodBinder _binder = null!;
    private JsonElement? _arguments;
    private McpRequestContext _context = null!;
    private CallToolResult _result = null!;
    private RequestId _id;

    [GlobalSetup]
    public void Setup()
    {
        _server = EchoServer.Create();
        _message = JsonRpcReader.Parse(EchoServer.ToolsCallBody).Message!;
        _id = _message.Id!.Value;
        if (!_server.Server.Tools.TryGet("echo", out McpServerTool? tool))
        {
            throw new InvalidOperationException("The echo tool is not registered.");
        }

        _tool = tool;
        _binder = ((MethodServerTool)tool).Binder;
        _arguments = DeserializeCallToolParams().Arguments;
        _context = RequestContext();
        _result = ToolInvoke();
        if (_result.Content is not [TextContent { Text: "hello" }] || _result.IsError == true)
        {
            throw new InvalidOperationException("The echo tool did not echo.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _server.DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>McpDispatcher.TryParams: the typed params, with <c>arguments</c> as a <see cref="JsonElement"/>.</summary>
    [Benchmark]
    public CallToolRequestParams DeserializeCallToolParams() =>
        JsonSerializer.Deserialize(_message.Params.Span, McpJsonContext.Default.CallToolRequestParams)!;

    /// <summary>
    /// CallToolParamsReader: what a plain legacy call reads instead (the name; the arguments stay a slice of the
    /// request's bytes).
    /// </summary>
    [Benchmark]
    public bool ReadCallToolParamsFromBytes() => CallToolParamsReader.TryRead(_message.Params, skipMeta: false, out _, out _, out _);

    /// <summary>
    /// McpServerTool.InvokeRawAsync of the echo tool, the path a plain legacy call takes: the binder reads "text" from
    /// the bytes (no JsonDocument), then the generated invoker and McpResultConverter as in <see cref="ToolInvoke"/>.
    /// </summary>
    [Benchmark]
    public CallToolResult ToolInvokeFromBytes()
    {
        CallToolParamsReader.TryRead(_message.Params, skipMeta: false, out _, out ReadOnlyMemory<byte> arguments, out _);
        ValueTask<CallToolResult> pending = _tool.InvokeRawAsync(_context, arguments);
        return pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
    }

    /// <summary>McpSession.HandleRequestAsync's linked source, as on stdio (the transport passes an uncancellable token).</summary>
    [Benchmark]
    public bool LinkedTokenSource_Uncancellable()
    {
        using CancellationTokenSource cts = CancellationTokenSource.CreateLinkedTokenSource(CancellationToken.None, _server.Session.Ended);
        return cts.Token.CanBeCanceled;
    }

    /// <summary>
    /// The same on HTTP: the endpoint creates a fresh handler source per POST (McpHttpEndpoint.Post.cs) and the session
    /// links to it and to its own end, so both sources and both registrations are per request.
    /// </summary>
    [Benchmark]
    public bool LinkedTokenSource_HttpShape()
    {
        var handler = new CancellationTokenSource();
        using CancellationTokenSource cts = CancellationTokenSource.CreateLinkedTokenSource(handler.Token, _server.Session.Ended);
        return cts.Token.CanBeCanceled;
    }

    /// <summary>Proxy of McpSession._inFlight: a ConcurrentDictionary add and remove, plus the small tracking object.</summary>
    [Benchmark]
    public bool InFlightTracking_Proxy()
    {
        bool added = _inFlight.TryAdd(_id, new object());
        _inFlight.TryRemove(_id, out _);
        return added;
    }

    /// <summary>The <see cref="McpRequestContext"/> every request gets.</summary>
    [Benchmark]
    public McpRequestContext RequestContext() =>
        new(_server.Session.Server, _server.Session, null, _id, McpMethods.ToolsCall, _server.Sink, _server.Services, CancellationToken.None);

    /// <summary>
    /// <see cref="McpServerTool.InvokeAsync"/> of the echo tool from a <see cref="JsonElement"/> (the path of calls the
    /// bytes reader declines): McpMethodBinder (argument array, JsonElement.Deserialize of "text", MethodInfo.Invoke,
    /// the unwrap delegate) and McpResultConverter.
    /// </summary>
    [Benchmark]
    public CallToolResult ToolInvoke()
    {
        ValueTask<CallToolResult> pending = _tool.InvokeAsync(_context, _arguments);
        return pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
    }

    /// <summary>
    /// McpMethodBinder.InvokeAsync alone (no result conversion): the argument array, the "text" string,
    /// MethodInfo.Invoke and the unwrap.
    /// </summary>
    [Benchmark]
    public object? BinderInvoke()
    {
        ValueTask<object?> pending = _binder.InvokeAsync(_context, _arguments);
        return pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
    }

    /// <summary>McpMethodBinder.BindJson of the "text" argument: JsonElement.Deserialize to string.</summary>
    /// <remarks>The Type overload on purpose: the binder only knows the parameter type at run time.</remarks>
    [Benchmark]
#pragma warning disable CA2263 // Prefer the generic overload
    public object? BindTextArgument() =>
        _arguments!.Value.GetProperty("text").Deserialize(typeof(string), _server.Server.Options.SerializerOptions);
#pragma warning restore CA2263

    /// <summary>McpResultConverter.ToCallToolResult for a string: the result, its content list and the text block.</summary>
    [Benchmark]
    public CallToolResult BuildTextResult() => new() { Content = [new TextContent { Text = "hello" }] };

    /// <summary>The response message wrapping the result.</summary>
    [Benchmark]
    public McpOutgoingMessage ResultMessage() => McpOutgoingMessage.Result(_id, _result, McpJsonContext.Default.CallToolResult);
}
