using System.Buffers;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Mooring.Protocol;
using Mooring.Server;

namespace Mooring.Benchmarks;

/// <summary>
/// The echo tools/call of the modern (2026-07-28) era through the server core: <see cref="McpServer.HandleModernAsync"/>
/// with the request's <c>_meta</c> already read (the HTTP transport reads it to tell the eras apart), stage by stage
/// as in <see cref="HotPathBenchmarks"/>. No session: the request's identity travels in its own <c>_meta</c>.
/// </summary>
[MemoryDiagnoser]
public class ModernPathBenchmarks
{
    private readonly ArrayBufferWriter<byte> _output = new(1024);
    private EchoServer _server = null!;
    private JsonRpcMessage _message = null!;
    private RequestMeta _meta = null!;
    private McpOutgoingMessage _response = null!;

    [GlobalSetup]
    public void Setup()
    {
        _server = EchoServer.Create();
        _message = JsonRpcReader.Parse(EchoServer.ModernToolsCallBody).Message!;
        _meta = ReadMeta();
        if (_server.Server.ValidateModernRequest(_message.Id!.Value, _message.Method!, _meta) is { } rejected)
        {
            throw new InvalidOperationException($"The modern request was rejected: {Encoding.UTF8.GetString(rejected.ToArray())}");
        }

        _response = DispatchAndInvoke();
        Verify(_response);
        Verify(ParseDispatchSerializeCore());
    }

    [GlobalCleanup]
    public void Cleanup() => _server.DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>The request's <c>_meta</c> as the transport reads it (RequestMeta, source-generated).</summary>
    [Benchmark]
    public RequestMeta ReadMeta()
    {
        var reader = new Utf8JsonReader(_message.Params.Span);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool isMeta = reader.ValueTextEquals("_meta"u8);
            reader.Read();
            if (isMeta)
            {
                return JsonSerializer.Deserialize(ref reader, McpJsonContext.Default.RequestMeta)!;
            }

            reader.Skip();
        }

        throw new InvalidOperationException("The modern request has no _meta.");
    }

    /// <summary>
    /// <see cref="McpServer.HandleModernAsync"/> of the parsed message: budget, token, dispatch, params, the input
    /// round, binding, the tool and the modern envelope of the result.
    /// </summary>
    [Benchmark]
    public McpOutgoingMessage DispatchAndInvoke()
    {
        ValueTask<McpOutgoingMessage> pending = _server.Server.HandleModernAsync(_message, _meta, _server.Sink, _server.Services, string.Empty, CancellationToken.None);
        return pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
    }

    /// <summary><see cref="McpOutgoingMessage.WriteTo"/> of the modern echo result (with resultType and serverInfo).</summary>
    [Benchmark]
    public int Serialize()
    {
        _output.ResetWrittenCount();
        _response.WriteTo(_output);
        return _output.WrittenCount;
    }

    /// <summary>Parse, read <c>_meta</c>, dispatch and serialize: the core's whole share of one modern request.</summary>
    [Benchmark(Baseline = true)]
    public int ParseDispatchSerialize() => ParseDispatchSerializeCore() is null ? 0 : _output.WrittenCount;

    private McpOutgoingMessage ParseDispatchSerializeCore()
    {
        _message = JsonRpcReader.Parse(EchoServer.ModernToolsCallBody).Message!;
        RequestMeta meta = ReadMeta();
        ValueTask<McpOutgoingMessage> pending = _server.Server.HandleModernAsync(_message, meta, _server.Sink, _server.Services, string.Empty, CancellationToken.None);
        McpOutgoingMessage response = pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
        _output.ResetWrittenCount();
        response.WriteTo(_output);
        return response;
    }

    private static void Verify(McpOutgoingMessage response)
    {
        string json = Encoding.UTF8.GetString(response.ToArray());
        if (!json.StartsWith(EchoServer.ExpectedModernResponsePrefix, StringComparison.Ordinal) || !json.Contains("\"resultType\":\"complete\"", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Unexpected modern echo response: {json}");
        }
    }
}
