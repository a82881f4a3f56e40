using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Mooring.Protocol;

namespace Mooring.Server.Stdio;

/// <summary>
/// Serves MCP over stdin/stdout, one JSON-RPC message per line each way, in both eras. Each message is classified on
/// its own (the 2026-07-28 rule for a dual-era stdio server): a request whose params carry
/// <c>_meta["io.modelcontextprotocol/protocolVersion"]</c> is modern and served statelessly (see
/// <c>McpStdioTransport.Modern.cs</c>); everything else belongs to the process's one legacy session, created by the
/// first such message, which <c>initialize</c> opens as before. Requests run concurrently on the thread pool (a
/// blocking handler never stalls reading); everything written goes through one ordered queue. When stdin closes,
/// handlers are cancelled, listen streams are torn down, everything gets <see cref="McpStdioOptions.ShutdownTimeout"/>
/// to finish, and the application stops.
/// </summary>
internal sealed partial class McpStdioTransport : IHostedService, IDisposable
{
    private readonly McpServer _server;
    private readonly McpStdioOptions _options;
    private readonly IServiceScopeFactory _scopes;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly McpOwnedTasks _inFlight = new();
    private readonly ConcurrentDictionary<RequestId, StdioModernRequest> _modern = new();
    private McpSession? _session; // created by the first legacy message; only the reader thread sets it
    private Task? _run;

    public McpStdioTransport(McpServer server, IOptions<McpStdioOptions> options, IServiceScopeFactory scopes, IHostApplicationLifetime lifetime, ILogger<McpStdioTransport> logger)
    {
        _server = server;
        _options = options.Value;
        _scopes = scopes;
        _lifetime = lifetime;
        _logger = logger;
    }

    public void Dispose() => _stopping.Dispose();

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _run = Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_run is not null)
        {
            await _run.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        Stream input = _options.Input ?? Console.OpenStandardInput();
        Stream output = _options.Output ?? Console.OpenStandardOutput();
        var sink = new ChannelMessageSink(_options.MaxQueuedMessages, _server.Governor);
        Task writer = WriteLoopAsync(sink, output);
        PipeReader reader = PipeReader.Create(input, new StreamPipeReaderOptions(leaveOpen: true));
        bool discarding = false;
        try
        {
            while (true)
            {
                ReadResult result = await reader.ReadAsync(stopping).ConfigureAwait(false);
                ReadOnlySequence<byte> buffer = result.Buffer;
                while (buffer.PositionOf((byte)'\n') is { } newline)
                {
                    ReadOnlySequence<byte> line = buffer.Slice(0, newline);
                    buffer = buffer.Slice(buffer.GetPosition(1, newline));
                    if (discarding)
                    {
                        discarding = false;
                        continue;
                    }

                    Process(sink, line);
                }

                if (!discarding && buffer.Length > _options.MaxMessageSize)
                {
                    // An overlong line: answer once, then skip the rest of it without buffering.
                    discarding = true;
                    sink.TryEnqueue(McpOutgoingMessage.Rejection(null, McpRejection.ParseError, "Parse error: the message exceeds the size limit."));
                }

                if (discarding)
                {
                    buffer = buffer.Slice(buffer.End);
                }

                if (result.IsCompleted)
                {
                    if (!discarding && !buffer.IsEmpty)
                    {
                        Process(sink, buffer);
                    }

                    reader.AdvanceTo(buffer.End);
                    break;
                }

                reader.AdvanceTo(buffer.Start, buffer.End);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        catch (IOException ex)
        {
            StdioLog.InputFailed(_logger, ex);
        }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
            StdioLog.InputClosed(_logger, _inFlight.Count);
            foreach (StdioModernRequest request in _modern.Values)
            {
                request.CancelForShutdown();
            }

            if (_session is { } session)
            {
                await session.EndAsync(McpEndReason.ClientGone).ConfigureAwait(false);
            }

            await _inFlight.WhenAllAsync(_options.ShutdownTimeout, TimeProvider.System).ConfigureAwait(false);
            sink.Complete();
            await writer.WaitAsync(_options.ShutdownTimeout, CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            _lifetime.StopApplication();
        }
    }

    private void Process(ChannelMessageSink sink, ReadOnlySequence<byte> line)
    {
        ReadOnlySpan<byte> trimmed = line.IsSingleSegment ? line.FirstSpan : line.ToArray();
        trimmed = trimmed.Trim(" \t\r"u8);
        if (trimmed.IsEmpty)
        {
            return;
        }

        // The line is copied: requests run on the thread pool after the reader has moved on.
        byte[] payload = trimmed.ToArray();
        if (JsonRpcReader.IsBatch(payload))
        {
            // Batches exist only in 2025-03-26, so a batch is legacy as a whole, whatever its items carry.
            if (LegacySession(sink, null) is { } batchSession)
            {
                Track(Task.Run(() => HandleBatchAsync(batchSession, sink, payload)));
            }

            return;
        }

        JsonRpcParseResult parsed = JsonRpcReader.Parse(payload, _server.Options.MaxJsonDepth);
        if (!parsed.IsOk)
        {
            sink.TryEnqueue(parsed.Status == JsonRpcParseStatus.InvalidJson
                ? McpOutgoingMessage.Rejection(parsed.Id, McpRejection.ParseError, "Parse error: " + parsed.Detail)
                : McpOutgoingMessage.Rejection(parsed.Id, McpRejection.InvalidRequest, "Invalid request: " + parsed.Detail));
            return;
        }

        JsonRpcMessage message = parsed.Message!;
        if (message.Kind == JsonRpcMessageKind.Notification && message.Method == McpMethods.NotificationCancelled)
        {
            // Either era's, tagged or not: ids are the client's, unique among its requests in flight, so the id alone
            // finds the request (a modern one here, else the legacy session's).
            if (!TryCancelModern(message.Params))
            {
                HandleLegacyNonRequest(message);
            }

            return;
        }

        if (TryReadModernMeta(message.Params, out RequestMeta? meta))
        {
            ProcessModern(sink, message, meta);
            return;
        }

        if (!message.IsRequest)
        {
            HandleLegacyNonRequest(message);
            return;
        }

        if (LegacySession(sink, message.Id) is not { } session)
        {
            return;
        }

        Track(Task.Run(async () =>
        {
            McpOutgoingMessage? response = await HandleRequestAsync(session, sink, message).ConfigureAwait(false);
            if (response is not null)
            {
                await sink.EnqueueAsync(response, CancellationToken.None).ConfigureAwait(false);
            }
        }));
    }

    private void HandleLegacyNonRequest(JsonRpcMessage message)
    {
        // Notifications and responses are cheap and order-sensitive (initialized before requests): inline. Before any
        // legacy request there is no session, and nothing for them to reach.
        if (_session is { } session)
        {
            ValueTask<McpOutgoingMessage?> handled = session.HandleAsync(message, null, _server.Services, CancellationToken.None);
            if (!handled.IsCompletedSuccessfully)
            {
                Track(handled.AsTask());
            }
        }
    }

    private async Task HandleBatchAsync(McpSession session, ChannelMessageSink sink, byte[] payload)
    {
        // Malformed JSON is a parse error whatever the session's version; only a well-formed batch meets the version rule.
        JsonRpcParseStatus status = JsonRpcReader.ParseBatch(payload, out List<JsonRpcParseResult> items, _server.Options.MaxJsonDepth);
        McpRejection? rejection = status == JsonRpcParseStatus.InvalidJson ? McpRejection.ParseError
            : !McpProtocolVersions.AllowsBatches(session.ProtocolVersion) ? McpRejection.BatchNotSupported
            : status != JsonRpcParseStatus.Ok ? McpRejection.InvalidRequest
            : null;
        if (rejection is not null)
        {
            await sink.EnqueueAsync(McpOutgoingMessage.Rejection(null, rejection.Value), CancellationToken.None).ConfigureAwait(false);
            return;
        }

        if (items.Any(i => i.Message is { Method: McpMethods.Initialize }))
        {
            await sink.EnqueueAsync(McpOutgoingMessage.Rejection(null, McpRejection.InitializeInBatch), CancellationToken.None).ConfigureAwait(false);
            return;
        }

        List<Task<McpOutgoingMessage?>> pending = [];
        foreach (JsonRpcParseResult item in items)
        {
            pending.Add(!item.IsOk
                ? Task.FromResult<McpOutgoingMessage?>(McpOutgoingMessage.Rejection(item.Id, McpRejection.InvalidRequest, "Invalid request: " + item.Detail))
                : item.Message!.IsRequest
                    ? HandleRequestAsync(session, sink, item.Message).AsTask()
                    : session.HandleAsync(item.Message, null, _server.Services, CancellationToken.None).AsTask());
        }

        McpOutgoingMessage[] responses = [.. (await Task.WhenAll(pending).ConfigureAwait(false)).OfType<McpOutgoingMessage>()];
        if (responses.Length > 0)
        {
            await sink.EnqueueAsync(McpOutgoingMessage.Batch(responses), CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async ValueTask<McpOutgoingMessage?> HandleRequestAsync(McpSession session, ChannelMessageSink sink, JsonRpcMessage message)
    {
        AsyncServiceScope scope = _scopes.CreateAsyncScope();
        try
        {
            return await session.HandleAsync(message, sink, scope.ServiceProvider, CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            await scope.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The process's legacy session, created by the first legacy message: a client that only speaks the modern era
    /// never holds one. Null (and the message refused) when the server's session cap is reached.
    /// </summary>
    private McpSession? LegacySession(ChannelMessageSink sink, RequestId? id)
    {
        if (_session is { } session)
        {
            return session;
        }

        if (!_server.TryCreateSession("stdio-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8)), out session))
        {
            Reply(sink, McpOutgoingMessage.Rejection(id, McpRejection.TooManySessions));
            return null;
        }

        session.SessionSink = sink;
        _session = session;
        return session;
    }

    /// <summary>Queues an answer the reader produced itself (a rejection), waiting for room without holding up reading.</summary>
    private void Reply(ChannelMessageSink sink, McpOutgoingMessage message)
    {
        ValueTask<bool> queued = sink.EnqueueAsync(message, CancellationToken.None);
        if (!queued.IsCompletedSuccessfully)
        {
            Track(queued.AsTask());
        }
    }

    private void Track(Task task) => _inFlight.Track(task);

    private async Task WriteLoopAsync(ChannelMessageSink sink, Stream output)
    {
        PipeWriter writer = PipeWriter.Create(output, new StreamPipeWriterOptions(leaveOpen: true));
        try
        {
            await foreach (McpOutgoingMessage message in sink.Reader.ReadAllAsync().ConfigureAwait(false))
            {
                message.WriteTo(writer);
                writer.Write("\n"u8);

                // Flush when the queue is momentarily empty: one write per burst, no added latency.
                if (!sink.Reader.TryPeek(out _))
                {
                    FlushResult flushed = await writer.FlushAsync().ConfigureAwait(false);
                    if (flushed.IsCompleted)
                    {
                        break;
                    }
                }
            }

            await writer.FlushAsync().ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            // stdout closed: the client is gone.
            StdioLog.OutputFailed(_logger, ex);
        }
        finally
        {
            await writer.CompleteAsync().ConfigureAwait(false);
        }
    }

    private static partial class StdioLog
    {
        [LoggerMessage(3000, LogLevel.Debug, "stdin closed; ending the session with {InFlight} requests in flight.")]
        public static partial void InputClosed(ILogger logger, int inFlight);

        [LoggerMessage(3001, LogLevel.Debug, "Reading stdin failed.")]
        public static partial void InputFailed(ILogger logger, Exception exception);

        [LoggerMessage(3002, LogLevel.Debug, "Writing stdout failed.")]
        public static partial void OutputFailed(ILogger logger, Exception exception);

        [LoggerMessage(3003, LogLevel.Debug, "The client cancelled modern request {RequestId}.")]
        public static partial void ModernRequestCancelled(ILogger logger, RequestId requestId);

        [LoggerMessage(3004, LogLevel.Debug, "subscriptions/listen stream {SubscriptionId} ended: {Reason}.")]
        public static partial void ListenEnded(ILogger logger, RequestId subscriptionId, McpEndReason reason);
    }
}
