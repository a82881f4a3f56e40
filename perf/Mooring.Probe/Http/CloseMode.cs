namespace Mooring.Probe.Http;

/// <summary>How a probe connection ends: the two ways a real client or load balancer vanishes.</summary>
internal enum CloseMode
{
    /// <summary>Shutdown(Send) then Close: the server reads end-of-stream and its socket waits in CLOSE-WAIT until it closes too.</summary>
    Fin,

    /// <summary>Linger 0 then Close: the kernel sends RST and the server's socket disappears at once.</summary>
    Rst,
}
