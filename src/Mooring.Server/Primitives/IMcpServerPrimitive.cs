namespace Mooring.Server;

/// <summary>A tool, prompt or resource: something listed by a key and kept in a <see cref="McpServerPrimitiveCollection{T}"/>.</summary>
public interface IMcpServerPrimitive
{
    /// <summary>The unique key: a tool or prompt name, a resource URI or URI template.</summary>
    string Key { get; }
}
