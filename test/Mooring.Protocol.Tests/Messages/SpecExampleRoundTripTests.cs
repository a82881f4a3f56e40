using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Mooring.Protocol.Tests.Messages;

/// <summary>
/// Each example in TestData/ (hand-written in the shapes of the 2025-11-25 schema) deserializes into Mooring's types
/// and serializes back to the same JSON (member order aside), so no member is lost, renamed or invented on the way through.
/// </summary>
public sealed class SpecExampleRoundTripTests
{
    private static void AssertRoundTrips<T>(string file, JsonTypeInfo<T> typeInfo)
    {
        byte[] original = TestData.Read(file);

        T value = JsonSerializer.Deserialize(original, typeInfo)!;
        string written = JsonSerializer.Serialize(value, typeInfo);

        JsonAssert.Equivalent(Encoding.UTF8.GetString(original), written);
    }

    [Theory]
    [InlineData("SchemaExamples/text-content.json")]
    [InlineData("SchemaExamples/image-png-content-with-annotations.json")]
    [InlineData("SchemaExamples/file-resource-link.json")]
    [InlineData("SchemaExamples/embedded-file-resource-with-annotations.json")]
    [InlineData("SchemaExamples/tide-lookup-tool-use.json")]
    [InlineData("SchemaExamples/tide-lookup-tool-result.json")]
    public void ContentBlock_SpecExample_RoundTrips(string file) => AssertRoundTrips(file, McpJsonContext.Default.ContentBlock);

    [Fact]
    public void ContentBlock_SpecExamples_PickTheirDerivedTypes()
    {
        Assert.IsType<TextContent>(JsonSerializer.Deserialize(TestData.Read("SchemaExamples/text-content.json"), McpJsonContext.Default.ContentBlock));
        ImageContent image = Assert.IsType<ImageContent>(JsonSerializer.Deserialize(TestData.Read("SchemaExamples/image-png-content-with-annotations.json"), McpJsonContext.Default.ContentBlock));
        Assert.Equal([Role.Assistant], image.Annotations!.Audience);
        Assert.Equal(0.4, image.Annotations.Priority);
        Assert.IsType<ResourceLink>(JsonSerializer.Deserialize(TestData.Read("SchemaExamples/file-resource-link.json"), McpJsonContext.Default.ContentBlock));
        EmbeddedResource embedded = Assert.IsType<EmbeddedResource>(JsonSerializer.Deserialize(TestData.Read("SchemaExamples/embedded-file-resource-with-annotations.json"), McpJsonContext.Default.ContentBlock));
        Assert.IsType<TextResourceContents>(embedded.Resource);
        ToolUseContent toolUse = Assert.IsType<ToolUseContent>(JsonSerializer.Deserialize(TestData.Read("SchemaExamples/tide-lookup-tool-use.json"), McpJsonContext.Default.ContentBlock));
        Assert.Equal("Brest", toolUse.Input.GetProperty("harbor").GetString());
    }

    [Theory]
    [InlineData("SchemaExamples/text-file-contents.json")]
    [InlineData("SchemaExamples/image-file-contents.json")]
    public void ResourceContents_SpecExample_RoundTrips(string file) => AssertRoundTrips(file, McpJsonContext.Default.ResourceContents);

    [Theory]
    [InlineData("SchemaExamples/single-content-block.json")]
    [InlineData("SchemaExamples/multiple-content-blocks.json")]
    public void SamplingMessage_SpecExample_RoundTripsInItsOwnShape(string file) =>
        AssertRoundTrips(file, JsonTypeInfoFor<SamplingMessage>());

    [Fact]
    public void CreateMessageResult_ToolUseExample_RoundTrips() =>
        AssertRoundTrips("SchemaExamples/tool-use-response.json", McpJsonContext.Default.CreateMessageResult);

    [Fact]
    public void ProgressNotificationParams_SpecExample_RoundTrips() =>
        AssertRoundTrips("SchemaExamples/progress-message.json", McpJsonContext.Default.ProgressNotificationParams);

    [Fact]
    public void CancelledNotificationParams_SpecExample_KeepsTheStringId()
    {
        AssertRoundTrips("SchemaExamples/user-requested-cancellation.json", McpJsonContext.Default.CancelledNotificationParams);
        CancelledNotificationParams p = JsonSerializer.Deserialize(TestData.Read("SchemaExamples/user-requested-cancellation.json"), McpJsonContext.Default.CancelledNotificationParams)!;
        Assert.Equal(new RequestId("4096"), p.RequestId);
    }

    [Fact]
    public void ListRootsResult_SpecExample_RoundTrips() =>
        AssertRoundTrips("SchemaExamples/multiple-root-directories.json", McpJsonContext.Default.ListRootsResult);

    [Fact]
    public void ClientCapabilities_ElicitationFormAndUrl_RoundTrips()
    {
        AssertRoundTrips("SchemaExamples/elicitation-form-and-url-mode-support.json", JsonTypeInfoFor<ClientCapabilities>());
        ClientCapabilities caps = JsonSerializer.Deserialize(TestData.Read("SchemaExamples/elicitation-form-and-url-mode-support.json"), JsonTypeInfoFor<ClientCapabilities>())!;
        Assert.NotNull(caps.Elicitation!.Form);
        Assert.NotNull(caps.Elicitation.Url);
    }

    [Fact]
    public void ClientCapabilities_SamplingTools_RoundTrips()
    {
        AssertRoundTrips("SchemaExamples/sampling-tool-use-support.json", JsonTypeInfoFor<ClientCapabilities>());
        ClientCapabilities caps = JsonSerializer.Deserialize(TestData.Read("SchemaExamples/sampling-tool-use-support.json"), JsonTypeInfoFor<ClientCapabilities>())!;
        Assert.NotNull(caps.Sampling!.Tools);
    }

    [Fact]
    public void Tool_WithOutputSchemaExample_RoundTrips() =>
        AssertRoundTrips("Spec20251125/tool-with-output-schema.json", JsonTypeInfoFor<Tool>());

    [Fact]
    public void InitializeRequest_SpecExample_ParsesAndRewritesIdentically()
    {
        byte[] original = TestData.Read("Spec20251125/initialize-request.json");

        JsonRpcMessage message = ParseOk(original);
        InitializeRequestParams p = JsonSerializer.Deserialize(message.Params.Span, McpJsonContext.Default.InitializeRequestParams)!;
        Assert.Equal("2025-11-25", p.ProtocolVersion);
        Assert.Equal("dockhand-desktop", p.ClientInfo.Name);
        Assert.True(p.Capabilities.Roots!.ListChanged);
        Assert.NotNull(p.Capabilities.Sampling);
        Assert.NotNull(p.Capabilities.Tasks);

        byte[] rewritten = Write(b => JsonRpcWriter.WriteRequest(b, message.Id!.Value, message.Method!, p, McpJsonContext.Default.InitializeRequestParams));
        JsonAssert.Equivalent(original, rewritten);
    }

    [Fact]
    public void InitializeResponse_SpecExample_ParsesAndRewritesIdentically()
    {
        byte[] original = TestData.Read("Spec20251125/initialize-response.json");

        JsonRpcMessage message = ParseOk(original);
        InitializeResult result = JsonSerializer.Deserialize(message.Result.Span, McpJsonContext.Default.InitializeResult)!;
        Assert.True(result.Capabilities.Resources!.Subscribe);
        Assert.Equal("Check lookup_tide before proposing any departure time.", result.Instructions);

        byte[] rewritten = Write(b => JsonRpcWriter.WriteResult(b, message.Id!.Value, result, McpJsonContext.Default.InitializeResult));
        JsonAssert.Equivalent(original, rewritten);
    }

    [Fact]
    public void InitializedNotification_SpecExample_RewritesIdentically()
    {
        byte[] original = TestData.Read("Spec20251125/initialized-notification.json");

        JsonRpcMessage message = ParseOk(original);
        Assert.Equal(JsonRpcMessageKind.Notification, message.Kind);

        byte[] rewritten = Write(b => JsonRpcWriter.WriteNotification<object?>(b, message.Method!, null, null));
        JsonAssert.Equivalent(original, rewritten);
    }

    [Theory]
    [InlineData("Spec20251125/tools-call-response.json")]
    [InlineData("Spec20251125/tools-call-structured-response.json")]
    [InlineData("Spec20251125/tools-call-error-result-response.json")]
    public void CallToolResponse_SpecExample_ParsesAndRewritesIdentically(string file)
    {
        byte[] original = TestData.Read(file);

        JsonRpcMessage message = ParseOk(original);
        CallToolResult result = JsonSerializer.Deserialize(message.Result.Span, McpJsonContext.Default.CallToolResult)!;

        byte[] rewritten = Write(b => JsonRpcWriter.WriteResult(b, message.Id!.Value, result, McpJsonContext.Default.CallToolResult));
        JsonAssert.Equivalent(original, rewritten);
    }

    [Fact]
    public void CallToolRequest_SpecExample_ParsesAndRewritesIdentically()
    {
        byte[] original = TestData.Read("Spec20251125/tools-call-request.json");

        JsonRpcMessage message = ParseOk(original);
        CallToolRequestParams p = JsonSerializer.Deserialize(message.Params.Span, McpJsonContext.Default.CallToolRequestParams)!;
        Assert.Equal("lookup_tide", p.Name);
        Assert.Equal("Cork", p.Arguments!.Value.GetProperty("harbor").GetString());

        byte[] rewritten = Write(b => JsonRpcWriter.WriteRequest(b, message.Id!.Value, message.Method!, p, McpJsonContext.Default.CallToolRequestParams));
        JsonAssert.Equivalent(original, rewritten);
    }

    [Fact]
    public void ListToolsResponse_SpecExample_ParsesAndRewritesIdentically()
    {
        byte[] original = TestData.Read("Spec20251125/tools-list-response.json");

        JsonRpcMessage message = ParseOk(original);
        ListToolsResult result = JsonSerializer.Deserialize(message.Result.Span, McpJsonContext.Default.ListToolsResult)!;
        Assert.Equal("tools-after-lookup_tide", result.NextCursor);
        Assert.Equal("required", Assert.Single(result.Tools).Execution!.TaskSupport);

        byte[] rewritten = Write(b => JsonRpcWriter.WriteResult(b, message.Id!.Value, result, McpJsonContext.Default.ListToolsResult));
        JsonAssert.Equivalent(original, rewritten);
    }

    [Theory]
    [InlineData("Spec20251125/unsupported-version-error.json", -32602)]
    [InlineData("Spec20251125/unknown-tool-error.json", -32602)]
    public void ErrorResponse_SpecExample_ParsesAndRewritesIdentically(string file, int code)
    {
        byte[] original = TestData.Read(file);

        JsonRpcMessage message = ParseOk(original);
        Assert.Equal(code, message.ErrorCode);

        byte[] rewritten = Write(b => JsonRpcWriter.WriteError(b, message.Id, message.ErrorCode, message.ErrorMessage!, message.ErrorData.Span));
        JsonAssert.Equivalent(original, rewritten);
    }

    private static JsonRpcMessage ParseOk(byte[] json)
    {
        JsonRpcParseResult parsed = JsonRpcReader.Parse(json);
        Assert.True(parsed.IsOk, parsed.Detail);
        return parsed.Message!;
    }

    private static byte[] Write(Action<IBufferWriter<byte>> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        write(buffer);
        return buffer.WrittenSpan.ToArray();
    }

    // Types nested in messages (not roots of a method) are reached through the context's options.
    private static JsonTypeInfo<T> JsonTypeInfoFor<T>() => (JsonTypeInfo<T>)McpJsonContext.Default.Options.GetTypeInfo(typeof(T));
}
