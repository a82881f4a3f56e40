using System.Buffers;
using BenchmarkDotNet.Attributes;
using Mooring.Protocol;
using Mooring.Server;

namespace Mooring.Benchmarks;

/// <summary>
/// The echo tools/call path of the server core, stage by stage: parse, dispatch and invoke, serialize, and the
/// three together. The HTTP layer around it is in <see cref="HttpEndpointBenchmarks"/>.
/// </summary>
[MemoryDiagnoser]
public class HotPathBenchmarks
{
    private readonly ArrayBufferWriter<byte> _output = new(1024);
    private EchoServer _server = null!;
    private JsonRpcMessage _message = null!;
    private McpOutgoingMessage _response = null!;

    [GlobalSetup]
    public void Setup()
    {
        _server = EchoServer.Create();
        _message = JsonRpcReader.Parse(EchoServer.ToolsCallBody).Message!;
        _response = _server.Handle(_message)!;
        EchoServer.Verify(_response);
        EchoServer.Verify(ParseDispatchSerializeCore());
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        if (_server.Sink.Count != 0)
        {
            throw new InvalidOperationException("The echo tool sent messages before its response: the benchmark measured another path.");
        }

        _server.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    /// <summary><see cref="JsonRpcReader.Parse"/> of the tools/call body (the envelope; params stay a raw slice).</summary>
    [Benchmark]
    public JsonRpcParseResult Parse() => JsonRpcReader.Parse(EchoServer.ToolsCallBody);

    /// <summary>
    /// <see cref="McpSession.HandleAsync"/> of the parsed message: session checks, in-flight tracking, metrics,
    /// dispatch, params deserialization, binding, the tool call and the result object.
    /// </summary>
    [Benchmark]
    public McpOutgoingMessage? DispatchAndInvoke() => _server.Handle(_message);

    /// <summary><see cref="McpOutgoingMessage.WriteTo"/> of the echo result into a reused buffer.</summary>
    [Benchmark]
    public int Serialize()
    {
        _output.ResetWrittenCount();
        _response.WriteTo(_output);
        return _output.WrittenCount;
    }

    /// <summary>The three stages together, as the HTTP endpoint runs them for one request.</summary>
    [Benchmark(Baseline = true)]
    public int ParseDispatchSerialize()
    {
        McpOutgoingMessage response = ParseDispatchSerializeCore();
        return response is null ? 0 : _output.WrittenCount;
    }

    private McpOutgoingMessage ParseDispatchSerializeCore()
    {
        JsonRpcParseResult parsed = JsonRpcReader.Parse(EchoServer.ToolsCallBody);
        McpOutgoingMessage response = _server.Handle(parsed.Message!)!;
        _output.ResetWrittenCount();
        response.WriteTo(_output);
        return response;
    }
}
