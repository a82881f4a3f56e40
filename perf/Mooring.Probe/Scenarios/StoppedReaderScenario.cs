using System.Diagnostics;
using System.Text.Json.Nodes;
using Mooring.Probe.Http;
using Mooring.Probe.Mcp;
using Mooring.Probe.Observation;
using Mooring.Probe.Results;

namespace Mooring.Probe.Scenarios;

/// <summary>
/// A client that stops reading: a tiny receive buffer and never a read, while pipelined tools/call echo requests ask
/// for megabytes, more than the kernel's send buffer (4 MB at most by default) can absorb, so the server's write
/// blocks. A server with a write timeout (or a minimum data rate) lets go of the connection during the hold; one
/// without keeps a blocked writer forever. Needs an <c>echo</c> tool; without it, holds unread GET streams instead.
/// </summary>
internal static class StoppedReaderScenario
{
    /// <summary>1 MB per answer, under the request size limits servers commonly set (4 MB in Mooring, 30 MB in Kestrel).</summary>
    private const int EchoBytes = 1024 * 1024;

    /// <summary>The smallest receive buffer Linux grants (it doubles the asked size and floors it): a window of a few KB.</summary>
    private const int TinyReceiveBuffer = 4096;

    public static async Task RunAsync(ScenarioContext context)
    {
        var requestsPerConnection = context.Quick ? 6 : 8;
        var streams = new List<RawHttpConnection>();
        var senders = new List<Task>();
        using var stopSending = CancellationTokenSource.CreateLinkedTokenSource(context.Cancellation);
        try
        {
            for (var i = 0; i < context.Settings.Cycles && !context.Cancellation.IsCancellationRequested; i++)
            {
                context.Tally.Attempt();
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.Cancellation);
                timeout.CancelAfter(context.OperationTimeout);
                using var client = context.NewClient();
                McpReply init;
                try
                {
                    init = await client.InitializeAsync(timeout.Token);
                }
                catch (Exception e) when (Workers.IsExpected(e))
                {
                    context.Tally.Fail(Workers.Describe(e));
                    continue;
                }

                if (!init.IsResult)
                {
                    context.Tally.Fail("initialize: " + init.Describe());
                    continue;
                }

                context.Tally.SessionOpened();
                var stream = await RawHttpConnection.ConnectAsync(context.Target.EndPoint, timeout.Token, TinyReceiveBuffer);
                streams.Add(stream);
                byte[][] requests = context.Tools.HasEcho
                    ? [.. Enumerable.Range(0, requestsPerConnection).Select(_ => client.BuildRequest(McpMethods.ToolsCall,
                        McpClient.ToolCall(ToolPlan.EchoTool, new JsonObject { ["text"] = new string('x', EchoBytes) })))]
                    : [client.BuildGetStream()];
                senders.Add(SendAllAsync(stream, requests, stopSending.Token));
                context.Tally.Complete();
            }

            if (!context.Tools.HasEcho)
            {
                context.Tally.Note("No echo tool: unread GET streams are held instead, which rarely fill a send buffer.");
            }

            await WatchAsync(context, streams);
        }
        finally
        {
            await stopSending.CancelAsync();

            // Unread data makes the kernel answer with RST whatever we ask; say so explicitly.
            foreach (var stream in streams)
            {
                stream.Close(CloseMode.Rst);
            }

            await Task.WhenAll(senders);
        }
    }

    /// <summary>Sends the pipelined requests; stops quietly when the hold ends or the server gives up on the connection.</summary>
    private static async Task SendAllAsync(RawHttpConnection stream, byte[][] requests, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var request in requests)
            {
                await stream.SendAsync(request, cancellationToken);
            }
        }
        catch (Exception e) when (Workers.IsExpected(e))
        {
            // The server stopped reading or dropped the connection; the watch below measures which.
        }
    }

    /// <summary>Holds without reading, watching the server's side of each connection; a finding says whether it let go.</summary>
    private static async Task WatchAsync(ScenarioContext context, List<RawHttpConnection> streams)
    {
        if (streams.Count == 0 || !ProcNetTcp.IsAvailable)
        {
            await Task.Delay(context.Settings.Hold, context.Cancellation);
            return;
        }

        var ports = streams.Select(s => s.LocalPort).ToHashSet();
        var released = new Dictionary<int, double>();
        var clock = Stopwatch.StartNew();
        List<TcpSocketEntry> serverSide = [];
        while (clock.Elapsed < context.Settings.Hold && !context.Cancellation.IsCancellationRequested)
        {
            await Task.Delay(Observer.Interval, context.Cancellation);
            serverSide = [.. ProcNetTcp.ReadAll().Where(e => e.LocalPort == context.Target.Port && ports.Contains(e.RemotePort))];
            foreach (var port in ports)
            {
                var stillHeld = serverSide.Any(e => e.RemotePort == port && e.State == TcpState.Established);
                if (!stillHeld)
                {
                    released.TryAdd(port, clock.Elapsed.TotalSeconds);
                }
            }
        }

        var stalled = serverSide.Where(e => e.State == TcpState.Established).ToList();
        var unsent = stalled.Sum(e => e.SendQueueBytes);
        var hold = context.Settings.Hold.TotalSeconds;
        if (stalled.Count > 0 && unsent > 0)
        {
            context.Tally.Add(new Finding(FindingSeverity.Fail, "STALLED",
                $"{stalled.Count} of {ports.Count} server sockets still ESTABLISHED with {unsent / 1024.0 / 1024.0:0.0} MB unsent " +
                $"{hold:0.#} s after the reader stopped reading (no write timeout)"));
        }
        else if (released.Count > 0)
        {
            context.Tally.Note($"The server let go of {released.Count} of {ports.Count} stalled connections after {released.Values.Min():0.0}-{released.Values.Max():0.0} s.");
        }
        else
        {
            context.Tally.Note($"Nothing was left unsent on {ports.Count} held connections: the answers fit the buffers, the reader never stalled the server.");
        }
    }
}
