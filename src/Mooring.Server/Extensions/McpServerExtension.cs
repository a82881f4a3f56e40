using System.Text.Json.Nodes;

namespace Mooring.Server;

/// <summary>
/// An optional feature of the protocol, shipped apart from the core (for example the skills extension): it is
/// advertised under <c>capabilities.extensions[<see cref="Id"/>]</c>, adds request methods, and may add primitives when
/// the server is built. Register one as a singleton <see cref="McpServerExtension"/> service (see
/// <c>IMcpServerBuilder.WithExtension</c>).
/// </summary>
public abstract class McpServerExtension
{
    /// <summary>The extension's identifier, such as <c>io.modelcontextprotocol/skills</c>.</summary>
    public abstract string Id { get; }

    /// <summary>The settings object advertised with the extension; empty by default.</summary>
    public virtual JsonObject Settings => [];

    /// <summary>True to serve and advertise it to modern (2026-07-28) requests. Default true.</summary>
    public virtual bool Modern => true;

    /// <summary>True to serve and advertise it to legacy sessions. Default false: extensions are a modern-era feature.</summary>
    public virtual bool Legacy => false;

    /// <summary>The methods it adds, by name. A name the core already serves is refused when the server is built.</summary>
    public abstract IReadOnlyDictionary<string, McpRequestHandler> Methods { get; }

    /// <summary>Called once while the server is built, before it serves anything: add primitives or subscribe to changes here.</summary>
    public virtual void Attach(McpServer server)
    {
    }
}
