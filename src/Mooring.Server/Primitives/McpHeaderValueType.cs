namespace Mooring.Server;

/// <summary>The JSON type of a tool argument mirrored into an <c>Mcp-Param-{Name}</c> header.</summary>
public enum McpHeaderValueType
{
    /// <summary>A JSON string, sent as is (Base64-wrapped when it is not plain ASCII).</summary>
    String,

    /// <summary>A JSON integer, sent in decimal and compared numerically (<c>42.0</c> equals <c>42</c>).</summary>
    Integer,

    /// <summary>A JSON boolean, sent as <c>true</c> or <c>false</c>.</summary>
    Boolean,
}
