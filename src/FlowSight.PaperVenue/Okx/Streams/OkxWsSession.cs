using FlowSight.PaperVenue.Hosting;
using FlowSight.PaperVenue.Streaming;

namespace FlowSight.PaperVenue.Okx.Streams;

/// <summary>One OKX WebSocket connection: its URL kind, <c>connId</c>, login and subscribed topics.</summary>
public sealed class OkxWsSession(PaperWebSocket socket, OkxWsEndpointKind kind)
{
    private PaperCredential? _credential;

    /// <summary>The connection.</summary>
    public PaperWebSocket Socket { get; } = socket;

    /// <summary>Which URL it connected to.</summary>
    public OkxWsEndpointKind Kind { get; } = kind;

    /// <summary>OKX's <c>connId</c> (8 hex digits).</summary>
    public string ConnId { get; } = socket.Id.ToString("x8", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The key it logged in with (private connections), null before login.</summary>
    public PaperCredential? Credential
    {
        get => Volatile.Read(ref _credential);
        set => Volatile.Write(ref _credential, value);
    }

    /// <summary>Subscribed topics (<c>channel:instId</c>); exchange thread only.</summary>
    public HashSet<string> Topics { get; } = new(StringComparer.Ordinal);

    /// <summary>Private subscriptions by channel: the <c>arg</c> echoed in pushes and the instrument filter (null: all); exchange thread only.</summary>
    public Dictionary<string, OkxPrivateSubscription> Private { get; } = new(StringComparer.Ordinal);
}
