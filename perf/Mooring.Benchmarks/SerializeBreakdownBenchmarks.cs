using System.Buffers;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Mooring.Protocol;

namespace Mooring.Benchmarks;

/// <summary>
/// The pieces of <see cref="HotPathBenchmarks.Serialize"/>: the JSON-RPC envelope alone, then the echo result's parts
/// through their source-generated metadata, each into a reused buffer and writer.
/// </summary>
[MemoryDiagnoser]
public class SerializeBreakdownBenchmarks
{
    private static readonly RequestId Id = new(10010000000000);
    private readonly ArrayBufferWriter<byte> _output = new(1024);
    private readonly CallToolResult _empty = new();
    private readonly CallToolResult _echo = new() { Content = [new TextContent { Text = "hello" }] };
    private readonly TextContent _text = new() { Text = "hello" };
    private Utf8JsonWriter _writer = null!;

    [GlobalSetup]
    public void Setup() => _writer = new Utf8JsonWriter(_output, new JsonWriterOptions { SkipValidation = true });

    [GlobalCleanup]
    public void Cleanup() => _writer.Dispose();

    /// <summary>JsonRpcWriter with a pre-serialized result: the envelope and the thread-static writer, no serializer.</summary>
    [Benchmark]
    public int Envelope()
    {
        _output.ResetWrittenCount();
        JsonRpcWriter.WriteRawResult(_output, Id, "{}"u8);
        return _output.WrittenCount;
    }

    /// <summary>The envelope around a CallToolResult with an empty content list.</summary>
    [Benchmark]
    public int ResultWithoutContent()
    {
        _output.ResetWrittenCount();
        JsonRpcWriter.WriteResult(_output, Id, _empty, McpJsonContext.Default.CallToolResult);
        return _output.WrittenCount;
    }

    /// <summary>The envelope around the echo result (what HotPathBenchmarks.Serialize writes).</summary>
    [Benchmark(Baseline = true)]
    public int EchoResult()
    {
        _output.ResetWrittenCount();
        JsonRpcWriter.WriteResult(_output, Id, _echo, McpJsonContext.Default.CallToolResult);
        return _output.WrittenCount;
    }

    /// <summary>The content list alone (IList&lt;ContentBlock&gt;, polymorphic elements).</summary>
    [Benchmark]
    public long ContentList() => Write(_echo.Content, McpJsonContext.Default.IListContentBlock);

    /// <summary>One text block as a polymorphic ContentBlock (writes the "type" discriminator).</summary>
    [Benchmark]
    public long ContentBlockPolymorphic() => Write<ContentBlock>(_text, McpJsonContext.Default.ContentBlock);

    /// <summary>One text block through its own, non-polymorphic metadata.</summary>
    [Benchmark]
    public long TextContentDirect() => Write(_text, McpJsonContext.Default.TextContent);

    private long Write<T>(T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo)
    {
        _output.ResetWrittenCount();
        _writer.Reset(_output);
        JsonSerializer.Serialize(_writer, value, typeInfo);
        _writer.Flush();
        return _writer.BytesCommitted;
    }
}
