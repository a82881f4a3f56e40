using System.Text;

namespace Mooring.Probe.Http;

/// <summary>Writes HTTP/1.1 request bytes by hand, so the probe decides every header and when each byte leaves.</summary>
internal static class HttpRequestBuilder
{
    public static byte[] Build(string method, string pathAndQuery, string host, IEnumerable<KeyValuePair<string, string>> headers, byte[]? body)
    {
        var head = new StringBuilder();
        head.Append(method).Append(' ').Append(pathAndQuery).Append(" HTTP/1.1\r\n");
        head.Append("Host: ").Append(host).Append("\r\n");
        foreach (var (name, value) in headers)
        {
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        if (body is not null)
        {
            head.Append("Content-Length: ").Append(body.Length).Append("\r\n");
        }

        head.Append("\r\n");
        var headBytes = Encoding.ASCII.GetBytes(head.ToString());
        if (body is null || body.Length == 0)
        {
            return headBytes;
        }

        var all = new byte[headBytes.Length + body.Length];
        headBytes.CopyTo(all, 0);
        body.CopyTo(all, headBytes.Length);
        return all;
    }
}
