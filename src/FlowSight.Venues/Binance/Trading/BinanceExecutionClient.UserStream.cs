using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;
using FlowSight.Core;
using FlowSight.Venues.Network.Http;
using Microsoft.Extensions.Logging;

namespace FlowSight.Venues.Binance.Trading;

/// <summary>
/// The user data stream: a listen key (<c>POST</c>), the socket <c>{ws}/ws/{listenKey}</c>, a keep-alive
/// <c>PUT</c> every 30 minutes on the <see cref="TimeProvider"/>, and on <c>listenKeyExpired</c>, a failed
/// keep-alive or a closed socket: a new listen key, a new socket, and <see cref="ExecutionConnectionChanged"/> with
/// <see cref="ExecutionConnectionChanged.Reconnected"/> so the engine reconciles what it may have missed.
/// </summary>
/// <remarks>
/// <see cref="Network.WebSocketConnection"/> is built for topic subscriptions on one fixed endpoint, with a watchdog
/// that treats silence as failure; a user stream is silent for hours and changes its URL with every listen key, so it
/// runs on its own small receive loop.
/// </remarks>
public sealed partial class BinanceExecutionClient
{
    private readonly Lock _streamLock = new();
    private IExecutionReportSink? _sink;
    private ClientWebSocket? _socket;
    private string? _listenKey;
    private ITimer? _keepAlive;
    private ITimer? _heldRelease;
    private Task? _receiveLoop;
    private volatile bool _connected;
    private volatile string? _lostReason;

    /// <inheritdoc />
    public bool IsConnected => _connected;

    /// <summary>The listen key in use (null before <see cref="ConnectAsync"/>).</summary>
    public string? ListenKey => Volatile.Read(ref _listenKey);

    private IExecutionReportSink? Sink => Volatile.Read(ref _sink);

    /// <inheritdoc />
    /// <remarks>Returns once the first socket is open, so every order event after it is delivered.</remarks>
    /// <exception cref="InvalidOperationException">Already connected.</exception>
    /// <exception cref="VenueRestException">The listen key could not be created.</exception>
    /// <exception cref="WebSocketException">The socket could not be opened.</exception>
    public async Task ConnectAsync(IExecutionReportSink sink, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sink);
        ObjectDisposedException.ThrowIf(_disposing.IsCancellationRequested, this);
        if (Interlocked.CompareExchange(ref _sink, sink, null) is not null)
        {
            throw new InvalidOperationException("The client is already connected.");
        }

        ClientWebSocket socket;
        try
        {
            socket = await OpenStreamAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // Not connected: a later ConnectAsync may try again.
            Volatile.Write(ref _sink, null);
            throw;
        }

        _connected = true;
        sink.OnConnectionChanged(new ExecutionConnectionChanged { Venue = Venue, Account = Account, Connected = true, Reason = "user data stream open", Timestamp = UnixNanos.Now(_time) });
        _keepAlive = _time.CreateTimer(static state => ((BinanceExecutionClient)state!).OnKeepAliveDue(), this, _options.ListenKeyKeepAlive, _options.ListenKeyKeepAlive);
        _receiveLoop = Task.Run(() => RunStreamAsync(socket), CancellationToken.None);
    }

    /// <summary>Gets a listen key (Binance returns the live one, extended, or a new one) and opens its socket.</summary>
    private async Task<ClientWebSocket> OpenStreamAsync(CancellationToken cancellationToken)
    {
        var response = await _rest.SendAsync(new RestRequest(HttpMethod.Post, _routes.ListenKey) { Costs = _routes.ListenKeyCosts, Name = "listenKey", IsIdempotent = true }, cancellationToken).ConfigureAwait(false);
        string key;
        using (var document = JsonDocument.Parse(response.Body))
        {
            key = BinanceTradingReader.Text(document.RootElement, "listenKey") ?? throw new VenueResponseFormatException("Binance's listenKey answer has no listenKey.");
        }

        var socket = new ClientWebSocket();
        try
        {
            socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(30);
            var ws = new Uri(_options.WebSocketBaseAddress, "/ws/" + key);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposing.Token);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            await socket.ConnectAsync(ws, timeout.Token).ConfigureAwait(false);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        lock (_streamLock)
        {
            Volatile.Write(ref _listenKey, key);
            _socket = socket;
        }

        return socket;
    }

    /// <summary>Receives until the socket ends, then renews the key and reconnects, until the client is disposed.</summary>
    private async Task RunStreamAsync(ClientWebSocket socket)
    {
        var token = _disposing.Token;
        while (!token.IsCancellationRequested)
        {
            var reason = await ReceiveAsync(socket, token).ConfigureAwait(false);
            socket.Dispose();
            if (token.IsCancellationRequested)
            {
                break;
            }

            _connected = false;
            _logger.LogWarning("Binance {Market} {Account}: user data stream lost ({Reason}); renewing the listen key", _market, Account, reason);
            Sink?.OnConnectionChanged(new ExecutionConnectionChanged { Venue = Venue, Account = Account, Connected = false, Reason = reason, Timestamp = UnixNanos.Now(_time) });
            var delay = TimeSpan.Zero;
            while (!token.IsCancellationRequested)
            {
                try
                {
                    if (delay > TimeSpan.Zero)
                    {
                        await Task.Delay(delay, _time, token).ConfigureAwait(false);
                    }

                    socket = await OpenStreamAsync(token).ConfigureAwait(false);
                    _connected = true;
                    Sink?.OnConnectionChanged(new ExecutionConnectionChanged { Venue = Venue, Account = Account, Connected = true, Reconnected = true, Reason = "user data stream reopened with listen key renewal after: " + reason, Timestamp = UnixNanos.Now(_time) });
                    break;
                }
                catch (OperationCanceledException) when (token.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex) when (ex is VenueRestException or WebSocketException or HttpRequestException or JsonException or OperationCanceledException)
                {
                    delay = delay == TimeSpan.Zero ? _options.ReconnectDelay : TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.ReconnectMaxDelay.Ticks));
                    _logger.LogWarning("Binance {Market} {Account}: user data stream reconnect failed ({Error}); next try in {Delay}", _market, Account, ex.Message, delay);
                }
            }
        }
    }

    /// <summary>Delivers frames until the socket closes, fails, or announces <c>listenKeyExpired</c>; returns why it ended.</summary>
    private async Task<string> ReceiveAsync(ClientWebSocket socket, CancellationToken token)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                ValueWebSocketReceiveResult result;
                try
                {
                    result = await socket.ReceiveAsync(buffer.AsMemory(length), token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (token.IsCancellationRequested)
                {
                    return "client disposed";
                }
                catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
                {
                    return _lostReason ?? ("socket failed: " + ex.Message);
                }

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return _lostReason ?? $"closed by Binance ({socket.CloseStatus} {socket.CloseStatusDescription})";
                }

                length += result.Count;
                if (!result.EndOfMessage)
                {
                    continue;
                }

                var kind = Deliver(buffer.AsSpan(0, length));
                length = 0;
                if (kind == BinanceUserDataEvent.ListenKeyExpired)
                {
                    socket.Abort();
                    return "listenKeyExpired";
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            _lostReason = null;
        }
    }

    private BinanceUserDataEvent Deliver(ReadOnlySpan<byte> frame)
    {
        if (Sink is not { } sink)
        {
            return BinanceUserDataEvent.Other;
        }

        try
        {
            return _parser.Parse(frame, UnixNanos.Now(_time), sink);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or OverflowException or ArgumentException or InvalidOperationException)
        {
            _logger.LogError(ex, "Binance {Market} {Account}: unreadable user data frame {Frame}", _market, Account, VenueResponseFormatException.Excerpt(frame));
            return BinanceUserDataEvent.Other;
        }
        finally
        {
            if (_parser.HeldCount > 0)
            {
                // A quiet stream must not keep held-back events forever: report them once their grace has passed.
                lock (_streamLock)
                {
                    _heldRelease ??= _time.CreateTimer(static state => ((BinanceExecutionClient)state!).OnHeldDue(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                    _heldRelease.Change(_parser.TriggerGrace, Timeout.InfiniteTimeSpan);
                }
            }
        }
    }

    private void OnHeldDue()
    {
        if (Sink is not { } sink)
        {
            return;
        }

        _parser.Release(UnixNanos.Now(_time), sink);
        if (_parser.HeldCount > 0)
        {
            lock (_streamLock)
            {
                _heldRelease?.Change(_parser.TriggerGrace, Timeout.InfiniteTimeSpan);
            }
        }
    }

    private void OnKeepAliveDue() => _ = KeepAliveAsync();

    /// <summary>Extends the listen key; if Binance no longer knows it (-1125), drops the socket so the loop renews it.</summary>
    private async Task KeepAliveAsync()
    {
        var key = ListenKey;
        try
        {
            if (key is null || _disposing.IsCancellationRequested)
            {
                return;
            }

            var path = _market == BinanceMarket.Spot ? _routes.ListenKey + "?listenKey=" + Uri.EscapeDataString(key) : _routes.ListenKey;
            await _rest.SendAsync(new RestRequest(HttpMethod.Put, path) { Costs = _routes.ListenKeyCosts, Name = "listenKey keep-alive", IsIdempotent = true }, _disposing.Token).ConfigureAwait(false);
        }
        catch (VenueApiException ex)
        {
            _logger.LogWarning("Binance {Market} {Account}: listen key keep-alive refused ({Code} {Message}); renewing", _market, Account, ex.VenueCode, ex.VenueMessage);
            ClientWebSocket? socket;
            lock (_streamLock)
            {
                socket = ReferenceEquals(_listenKey, key) ? _socket : null;
            }

            _lostReason = $"listen key keep-alive refused ({ex.VenueCode} {ex.VenueMessage})";
            socket?.Abort();
        }
        catch (ObjectDisposedException)
        {
            // The client was disposed while the keep-alive was under way.
        }
        catch (Exception ex) when (ex is VenueRestException or OperationCanceledException)
        {
            // A transient failure: the key lives 60 minutes, the next keep-alive comes in 30.
            _logger.LogWarning("Binance {Market} {Account}: listen key keep-alive failed: {Error}", _market, Account, ex.Message);
        }
    }

    private async Task StopStreamAsync()
    {
        if (_keepAlive is { } timer)
        {
            await timer.DisposeAsync().ConfigureAwait(false);
        }

        ITimer? held;
        lock (_streamLock)
        {
            held = _heldRelease;
            _heldRelease = null;
        }

        if (held is not null)
        {
            await held.DisposeAsync().ConfigureAwait(false);
        }

        ClientWebSocket? socket;
        lock (_streamLock)
        {
            socket = _socket;
        }

        socket?.Abort();
        if (_receiveLoop is { } loop)
        {
            try
            {
                await loop.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }

        _connected = false;
    }
}
