namespace Mooring.Server;

/// <summary>Where a handler parameter's value comes from.</summary>
internal enum McpParameterKind
{
    Argument,
    CancellationToken,
    RequestContext,
    Progress,
    ClientLogger,
    Session,
    ClientCapabilities,
    ServiceProvider,
    Service,
}
