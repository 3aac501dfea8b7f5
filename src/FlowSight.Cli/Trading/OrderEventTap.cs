using System.Globalization;
using System.Threading.Channels;
using FlowSight.Core;
using FlowSight.Engine.Bus;
using FlowSight.Engine.Trading;

namespace FlowSight.Cli.Trading;

/// <summary>
/// Watches the engine's order events for the orders a CLI command cares about and hands them, as lines a person
/// reads, to the command's thread; knows when an order is done (terminal, or working at the venue).
/// </summary>
internal sealed class OrderEventTap :
    IEventHandler<OrderAccepted>, IEventHandler<OrderRejected>, IEventHandler<OrderDenied>, IEventHandler<OrderFilled>,
    IEventHandler<OrderCanceled>, IEventHandler<OrderExpired>, IEventHandler<OrderReplaced>, IEventHandler<OrderModifyRejected>,
    IAsyncDisposable
{
    private readonly Channel<(string Line, ClientOrderId Id, bool Done, bool Failed)> _lines = Channel.CreateUnbounded<(string, ClientOrderId, bool, bool)>();
    private readonly Func<ClientOrderId, bool> _watched;
    private readonly bool _untilTerminal;
    private readonly TradingNode _node;
    private IDisposable[] _subscriptions = [];

    private OrderEventTap(TradingNode node, Func<ClientOrderId, bool> watched, bool untilTerminal)
    {
        _node = node;
        _watched = watched;
        _untilTerminal = untilTerminal;
    }

    /// <summary>Starts watching (the tap is in place when this returns).</summary>
    /// <param name="node">The node whose bus to watch.</param>
    /// <param name="watched">Which orders.</param>
    /// <param name="untilTerminal">True: an order is done only when terminal; false: also once working at the venue.</param>
    public static async Task<OrderEventTap> StartAsync(TradingNode node, Func<ClientOrderId, bool> watched, bool untilTerminal)
    {
        var tap = new OrderEventTap(node, watched, untilTerminal);
        tap._subscriptions = await node.InvokeAsync(n =>
        {
            var bus = n.Engine.Bus;
            return new[]
            {
                bus.Subscribe<OrderAccepted>("cli", tap), bus.Subscribe<OrderRejected>("cli", tap), bus.Subscribe<OrderDenied>("cli", tap),
                bus.Subscribe<OrderFilled>("cli", tap), bus.Subscribe<OrderCanceled>("cli", tap), bus.Subscribe<OrderExpired>("cli", tap),
                bus.Subscribe<OrderReplaced>("cli", tap), bus.Subscribe<OrderModifyRejected>("cli", tap),
            };
        }).ConfigureAwait(false);
        return tap;
    }

    /// <summary>Prints lines until every one of <paramref name="orders"/> is done or <paramref name="wait"/> passes; returns whether any failed (rejected, denied) and whether all finished.</summary>
    public async Task<(bool AnyFailed, bool AllDone)> PrintUntilDoneAsync(IReadOnlyCollection<ClientOrderId> orders, TimeSpan wait, TextWriter output, CancellationToken cancellationToken)
    {
        var pending = new HashSet<ClientOrderId>(orders);
        var failed = false;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(wait);
        try
        {
            while (pending.Count > 0)
            {
                var (line, id, done, fail) = await _lines.Reader.ReadAsync(timeout.Token).ConfigureAwait(false);
                await output.WriteLineAsync(line).ConfigureAwait(false);
                failed |= fail;
                if (done)
                {
                    pending.Remove(id);
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await output.WriteLineAsync($"still waiting for {string.Join(", ", pending)} after {wait.TotalSeconds:0.#} s; it stays at the venue (flowsight order list shows it)").ConfigureAwait(false);
        }

        return (failed, pending.Count == 0);
    }

    public void Handle(in OrderAccepted evt) => Write(evt.ClientOrderId, $"accepted  {evt.ClientOrderId} venue id {evt.VenueOrderId}", done: !_untilTerminal);

    public void Handle(in OrderRejected evt) => Write(evt.ClientOrderId, $"rejected  {evt.ClientOrderId} by the venue{(evt.Code is null ? string.Empty : " (" + evt.Code + ")")}: {evt.Reason}", done: true, failed: true);

    public void Handle(in OrderDenied evt) => Write(evt.ClientOrderId, $"denied    {(evt.ClientOrderId.IsDefault ? evt.Instrument.ToString() : evt.ClientOrderId.ToString())} by risk check {evt.Check}: {evt.Reason}", done: true, failed: true);

    public void Handle(in OrderFilled evt) =>
        Write(
            evt.ClientOrderId,
            string.Create(CultureInfo.InvariantCulture, $"filled    {evt.ClientOrderId} {evt.LastQuantity} @ {evt.LastPrice} fee {evt.Fee} {evt.FeeAsset} ({evt.Liquidity.ToString().ToLowerInvariant()}); filled {evt.FilledQuantity}, open {evt.LeavesQuantity}"),
            done: evt.LeavesQuantity.Raw == 0);

    public void Handle(in OrderCanceled evt) => Write(evt.ClientOrderId, $"canceled  {evt.ClientOrderId}", done: true);

    public void Handle(in OrderExpired evt) => Write(evt.ClientOrderId, $"expired   {evt.ClientOrderId}{(evt.Reason is null ? string.Empty : ": " + evt.Reason)}", done: true);

    public void Handle(in OrderReplaced evt) => Write(evt.ClientOrderId, $"replaced  {evt.ClientOrderId} now {evt.Quantity} @ {evt.Price?.ToString() ?? "market"}", done: true);

    public void Handle(in OrderModifyRejected evt) => Write(evt.ClientOrderId, $"refused   {evt.Command.ToString().ToLowerInvariant()} of {evt.ClientOrderId}{(evt.Code is null ? string.Empty : " (" + evt.Code + ")")}: {evt.Reason}", done: true, failed: true);

    public async ValueTask DisposeAsync()
    {
        var subscriptions = _subscriptions;
        await _node.InvokeAsync(_ =>
        {
            foreach (var subscription in subscriptions)
            {
                subscription.Dispose();
            }

            return true;
        }).ConfigureAwait(false);
    }

    private void Write(ClientOrderId id, string line, bool done, bool failed = false)
    {
        if (_watched(id))
        {
            _lines.Writer.TryWrite((line, id, done, failed));
        }
    }
}
