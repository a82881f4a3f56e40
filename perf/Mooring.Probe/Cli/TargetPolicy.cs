using System.Net;
using System.Net.Sockets;

namespace Mooring.Probe.Cli;

/// <summary>
/// Turns a URL into the address to connect to, refusing anything but loopback unless --allow-remote:
/// the probe opens thousands of abusive connections and must not be aimed at someone else's server by a typo.
/// </summary>
internal static class TargetPolicy
{
    /// <summary>The endpoint to connect to, or an error message.</summary>
    public static async Task<(IPEndPoint? EndPoint, string? Error)> ResolveAsync(Uri url, bool allowRemote, CancellationToken cancellationToken)
    {
        IPAddress[] addresses;
        if (IPAddress.TryParse(url.Host.Trim('[', ']'), out var literal))
        {
            addresses = [literal];
        }
        else
        {
            try
            {
                addresses = await Dns.GetHostAddressesAsync(url.DnsSafeHost, cancellationToken);
            }
            catch (SocketException e)
            {
                return (null, $"Cannot resolve '{url.Host}': {e.Message}");
            }
        }

        if (addresses.Length == 0)
        {
            return (null, $"'{url.Host}' resolves to no address.");
        }

        if (!allowRemote && addresses.Any(a => !IsLoopback(a)))
        {
            return (null, $"Refusing to probe '{url.Host}' ({string.Join(", ", addresses.Select(a => a.ToString()))}): only loopback targets " +
                "(127.0.0.0/8, ::1) are allowed unless --allow-remote is given.");
        }

        // Prefer IPv4 loopback: "localhost" often lists ::1 first, but many servers bind 127.0.0.1 only.
        var chosen = addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses[0];
        return (new IPEndPoint(chosen, url.Port), null);
    }

    /// <summary>127.0.0.0/8, ::1, and IPv4-mapped loopback (::ffff:127.x.y.z).</summary>
    public static bool IsLoopback(IPAddress address) =>
        IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);
}
