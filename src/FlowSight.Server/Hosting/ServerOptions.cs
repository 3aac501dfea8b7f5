namespace FlowSight.Server.Hosting;

/// <summary>How the server is started (configuration section <c>Server</c>).</summary>
public sealed record ServerOptions
{
    /// <summary>Where Kestrel listens; loopback unless configured otherwise. Port 0 picks a free one.</summary>
    public string Urls { get; init; } = "http://127.0.0.1:8080";

    /// <summary>Who may log in.</summary>
    public IReadOnlyList<ServerUser> Users { get; init; } = [];

    /// <summary>The HMAC key that signs tokens (base64, ≥ 32 bytes); empty: a random key per process (tokens die with it).</summary>
    public string JwtSigningKey { get; init; } = string.Empty;

    /// <summary>Token issuer and audience.</summary>
    public string JwtIssuer { get; init; } = "flowsight";

    /// <summary>How long a token is valid.</summary>
    public TimeSpan TokenLifetime { get; init; } = TimeSpan.FromHours(12);

    /// <summary>WebSocket push rates.</summary>
    public StreamRates Rates { get; init; } = new();

    /// <summary>Most WebSocket clients at once; more are refused with 503.</summary>
    public int MaxStreamClients { get; init; } = 500;

    /// <summary>A client whose send takes longer than this is disconnected (it never holds anything up).</summary>
    public TimeSpan StreamSendTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The dashboard's files; null: the <c>wwwroot</c> folder beside the server assembly.</summary>
    public string? WebRoot { get; init; }
}
