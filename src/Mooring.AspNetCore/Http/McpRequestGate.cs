using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Mooring.Protocol;
using Mooring.Server;

namespace Mooring.AspNetCore;

/// <summary>
/// Checks every request before any MCP processing: Host and Origin (DNS-rebinding protection), the Accept and
/// Content-Type policy, and the protocol version header. Each check returns the rejection or null.
/// </summary>
internal static class McpRequestGate
{
    public static McpRejection? CheckHostAndOrigin(HttpRequest request, McpHttpOptions options)
    {
        if (!IsHostAllowed(HostPart(request.Host.Value), options.AllowedHosts))
        {
            return McpRejection.ForbiddenHost;
        }

        StringValues origin = request.Headers.Origin;
        return origin.Count == 0 || IsOriginAllowed(origin.ToString(), options.AllowedOrigins) ? null : McpRejection.ForbiddenOrigin;
    }

    public static McpRejection? CheckPostHeaders(HttpRequest request, McpHttpOptions options)
    {
        if (options.RequireAcceptHeader)
        {
            (bool json, bool sse) = Accepts(request.Headers.Accept);
            if (!json || !sse)
            {
                return McpRejection.NotAcceptable;
            }
        }

        return IsJsonContentType(request.ContentType) ? null : McpRejection.UnsupportedMediaType;
    }

    public static McpRejection? CheckGetHeaders(HttpRequest request, McpHttpOptions options) =>
        options.RequireAcceptHeader && !Accepts(request.Headers.Accept).Sse ? McpRejection.NotAcceptable : null;

    /// <summary>
    /// A version header naming a revision this server does not serve gets 400 (spec MUST). An absent header is
    /// allowed (the spec says to assume 2025-03-26). A supported version that differs from the session's negotiated
    /// one is tolerated: the session's version governs, as some clients and the conformance suite send another.
    /// </summary>
    public static McpRejection? CheckProtocolVersion(HttpRequest request)
    {
        StringValues header = request.Headers[McpHttpHeaders.ProtocolVersion];
        return header.Count == 0 || (header.Count == 1 && McpProtocolVersions.IsSupportedLegacy(header[0])) ? null : McpRejection.UnsupportedProtocolVersion;
    }

    internal static bool IsHostAllowed(ReadOnlySpan<char> host, IList<string> allowed)
    {
        if (host.IsEmpty)
        {
            return allowed.Contains("*");
        }

        foreach (string entry in allowed)
        {
            if (entry == "*" || host.Equals(entry, StringComparison.OrdinalIgnoreCase)
                || host.Trim(['[', ']']).Equals(entry.AsSpan().Trim(['[', ']']), StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The host of a Host header without its port, read in place where <see cref="HostString.Host"/> would allocate:
    /// a bracketed IPv6 address keeps its brackets, one colon starts the port, and an unbracketed IPv6 address (several
    /// colons) is the host whole. Brackets aside (the allow list ignores them), it is what HostString gives.
    /// </summary>
    internal static ReadOnlySpan<char> HostPart(string? value)
    {
        ReadOnlySpan<char> text = value;
        int index = text.IndexOf(']');
        if (index >= 0)
        {
            return text[..(index + 1)];
        }

        index = text.IndexOf(':');
        return index >= 0 && text[(index + 1)..].IndexOf(':') < 0 ? text[..index] : text;
    }

    internal static bool IsOriginAllowed(string origin, IList<string> allowed)
    {
        if (!Uri.TryCreate(origin, UriKind.Absolute, out Uri? uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            // "null" (sandboxed frames, file pages) and garbage are never trusted.
            return allowed.Contains("*");
        }

        if (allowed.Count == 0)
        {
            return uri.IsLoopback || string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase)
                || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out IPAddress? address) && IPAddress.IsLoopback(address));
        }

        string normalized = uri.GetLeftPart(UriPartial.Authority);
        foreach (string entry in allowed)
        {
            if (entry == "*" || (Uri.TryCreate(entry, UriKind.Absolute, out Uri? allowedUri)
                && string.Equals(allowedUri.GetLeftPart(UriPartial.Authority), normalized, StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether an Accept header allows JSON and SSE; wildcards count, order and parameters do not matter. Read in place,
    /// range by range: every POST passes here, so nothing is allocated.
    /// </summary>
    internal static (bool Json, bool Sse) Accepts(StringValues accept)
    {
        bool json = false;
        bool sse = false;
        for (int i = 0; i < accept.Count; i++)
        {
            ReadOnlySpan<char> rest = accept[i];
            while (!rest.IsEmpty)
            {
                int comma = rest.IndexOf(',');
                ReadOnlySpan<char> part = comma < 0 ? rest : rest[..comma];
                rest = comma < 0 ? default : rest[(comma + 1)..];
                int semicolon = part.IndexOf(';');
                ReadOnlySpan<char> media = (semicolon < 0 ? part : part[..semicolon]).Trim();
                if (media.SequenceEqual("*/*"))
                {
                    json = sse = true;
                }
                else if (media.Equals("application/json", StringComparison.OrdinalIgnoreCase) || media.Equals("application/*", StringComparison.OrdinalIgnoreCase))
                {
                    json = true;
                }
                else if (media.Equals("text/event-stream", StringComparison.OrdinalIgnoreCase) || media.Equals("text/*", StringComparison.OrdinalIgnoreCase))
                {
                    sse = true;
                }
            }
        }

        return (json, sse);
    }

    /// <summary><c>application/json</c>, optionally with <c>charset=utf-8</c>; JSON-RPC over MCP is UTF-8 only. Read in place.</summary>
    internal static bool IsJsonContentType(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return false;
        }

        ReadOnlySpan<char> rest = contentType;
        int semicolon = rest.IndexOf(';');
        if (!(semicolon < 0 ? rest : rest[..semicolon]).Trim().Equals("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        rest = semicolon < 0 ? default : rest[(semicolon + 1)..];
        while (!rest.IsEmpty)
        {
            semicolon = rest.IndexOf(';');
            ReadOnlySpan<char> parameter = (semicolon < 0 ? rest : rest[..semicolon]).Trim();
            rest = semicolon < 0 ? default : rest[(semicolon + 1)..];
            if (parameter.StartsWith("charset=", StringComparison.OrdinalIgnoreCase)
                && !parameter["charset=".Length..].Trim('"').Equals("utf-8", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }
}
