using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace AccessSync.Core.Evaluation;

/// <summary>
/// An <c>ip</c> rule's range: an address, or a network and its prefix length. An IPv4-mapped IPv6 address is taken
/// as its IPv4 address, as Access compares them.
/// </summary>
internal readonly record struct IpRange(IPAddress Network, int PrefixLength)
{
    /// <summary>The range <paramref name="text"/> writes; null when it writes none (not an address, or a prefix too long for it).</summary>
    public static IpRange? Parse(string text)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (!IPAddress.TryParse(slash < 0 ? text : text[..slash], out var network))
        {
            return null;
        }

        network = Comparable(network);
        var full = BitsOf(network);
        if (slash < 0)
        {
            return new IpRange(network, full);
        }

        return int.TryParse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var bits) && bits <= full
            ? new IpRange(network, bits)
            : null;
    }

    /// <summary>
    /// An address inside the range that a machine could have: the network's with its last bit set (the host bits of a
    /// network address are zero, and no machine has it), or the range's only address or two.
    /// </summary>
    public IPAddress Host()
    {
        var bytes = Network.GetAddressBytes();
        if (PrefixLength <= (bytes.Length * 8) - 2)
        {
            bytes[^1] |= 1;
        }

        return new IPAddress(bytes);
    }

    /// <summary>The address is inside the range.</summary>
    public bool Contains(IPAddress address)
    {
        address = Comparable(address);
        if (address.AddressFamily != Network.AddressFamily)
        {
            return false;
        }

        var (a, n) = (address.GetAddressBytes(), Network.GetAddressBytes());
        for (var bit = 0; bit < PrefixLength; bit++)
        {
            var mask = 0x80 >> (bit % 8);
            if ((a[bit / 8] & mask) != (n[bit / 8] & mask))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Every address of this range is in <paramref name="outer"/>.</summary>
    public bool IsWithin(IpRange outer) => PrefixLength >= outer.PrefixLength && outer.Contains(Network);

    private static int BitsOf(IPAddress address) => address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;

    private static IPAddress Comparable(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
