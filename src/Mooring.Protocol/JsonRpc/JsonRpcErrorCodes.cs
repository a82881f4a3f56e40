namespace Mooring.Protocol;

/// <summary>JSON-RPC 2.0 and MCP error codes.</summary>
public static class JsonRpcErrorCodes
{
    /// <summary>Invalid JSON was received.</summary>
    public const int ParseError = -32700;

    /// <summary>The JSON sent is not a valid request object.</summary>
    public const int InvalidRequest = -32600;

    /// <summary>The method does not exist or is not available.</summary>
    public const int MethodNotFound = -32601;

    /// <summary>Invalid method parameters.</summary>
    public const int InvalidParams = -32602;

    /// <summary>Internal error.</summary>
    public const int InternalError = -32603;

    /// <summary>Implementation-defined server error used by transports (the TypeScript and C# SDKs use it for HTTP-level rejections).</summary>
    public const int ServerError = -32000;

    /// <summary>Session not found (legacy HTTP; SDK practice, not in the spec).</summary>
    public const int SessionNotFound = -32001;

    /// <summary>Resource not found (2025-11-25).</summary>
    public const int ResourceNotFound = -32002;

    /// <summary>URL-mode elicitation is required (2025-11-25).</summary>
    public const int UrlElicitationRequired = -32042;

    /// <summary>A standard header is missing, malformed, or does not match the body (modern era; HTTP 400).</summary>
    public const int HeaderMismatch = -32020;

    /// <summary>The request needs a client capability the client did not declare on it (modern era; HTTP 400).</summary>
    public const int MissingRequiredClientCapability = -32021;

    /// <summary>The request names a protocol revision the server does not serve (modern era; HTTP 400).</summary>
    public const int UnsupportedProtocolVersion = -32022;
}
