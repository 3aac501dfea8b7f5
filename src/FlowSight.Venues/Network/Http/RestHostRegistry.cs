using System.Collections.Concurrent;

namespace FlowSight.Venues.Network.Http;

/// <summary>
/// One <see cref="RestHost"/> per host, so that every client calling the same host shares its rate-limit windows and
/// its 429/418 block. Create one in the composition root and hand it to the clients.
/// </summary>
public sealed class RestHostRegistry
{
    private readonly ConcurrentDictionary<string, RestHost> _hosts = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The state for <paramref name="address"/>'s scheme, host and port.</summary>
    public RestHost For(Uri address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return _hosts.GetOrAdd(address.GetLeftPart(UriPartial.Authority), static name => new RestHost(name));
    }

    /// <summary>Every host seen so far.</summary>
    public IReadOnlyCollection<RestHost> Hosts => [.. _hosts.Values];
}
