using System.CommandLine;
using System.Globalization;
using FlowSight.Cli.Trading;
using FlowSight.Core;
using FlowSight.Engine.Configuration;
using FlowSight.Engine.Risk;
using FlowSight.Venues.Network.Http;
using Microsoft.Extensions.Configuration;

namespace FlowSight.Cli.Commands;

/// <summary>
/// <c>flowsight order submit|cancel|list|positions|flatten|halt|resume</c>: trades a configured venue account (the
/// running paper venue's by default) through the trading node — the same risk engine, order manager and venue client
/// a strategy uses — and prints what happened. Exit codes: 0 done, 1 refused (by risk or the venue) or not finished,
/// 2 bad arguments or no account.
/// </summary>
internal static class OrderCommand
{
    private static readonly Option<string?> AccountOption = new("--account") { Description = "Account name in flowsight.json's Accounts (default: Trading:DefaultAccount, else the running paper venue)." };
    private static readonly Option<string?> ConfigOption = new("--config") { Description = "Configuration file (default: ./flowsight.json)." };
    private static readonly Option<string?> PaperFileOption = new("--paper-account-file") { Description = "The paper venue's account file (default: ./data/paper-account.json, written by flowsight sim)." };
    private static readonly Option<string?> HaltFileOption = new("--halt-file") { Description = "Where a halt is remembered between runs (default: ./data/trading-halt.json)." };
    private static readonly Option<double> WaitOption = new("--wait") { Description = "Seconds to wait for the venue's answers.", DefaultValueFactory = _ => 10 };

    public static Command Create()
    {
        var command = new Command("order", "Trade an account through the risk engine: submit, cancel, list, positions, flatten, halt, resume.")
        {
            Submit(), Cancel(), List(), Positions(), Flatten(), Halt(), Resume(),
        };
        foreach (var option in new Option[] { AccountOption, ConfigOption, PaperFileOption, HaltFileOption, WaitOption })
        {
            option.Recursive = true;
            command.Options.Add(option);
        }

        return command;
    }

    private static Command Submit()
    {
        var symbol = new Argument<string>("symbol") { Description = "Venue symbol (BTCUSDT, BTC-USDT-SWAP) or FlowSight id." };
        var side = new Argument<string>("side") { Description = "buy or sell." };
        var quantity = new Argument<decimal>("quantity") { Description = "Quantity in the instrument's unit (contracts where the venue trades contracts)." };
        var price = new Option<decimal?>("--price") { Description = "Limit price (a limit order; without it, a market order)." };
        var trigger = new Option<decimal?>("--trigger") { Description = "Trigger price: a stop (stop-market, or stop-limit with --price)." };
        var tif = new Option<string>("--tif") { Description = "gtc, ioc, fok or post-only.", DefaultValueFactory = _ => "gtc" };
        var reduceOnly = new Option<bool>("--reduce-only") { Description = "Only reduce the position." };
        var command = new Command("submit", "Place an order.") { symbol, side, quantity, price, trigger, tif, reduceOnly };
        command.SetAction((result, ct) => RunAsync(result, async (session, output, error) =>
        {
            if (!session.Venue.TryFind(result.GetValue(symbol)!, out var instrument))
            {
                await error.WriteLineAsync($"Unknown symbol '{result.GetValue(symbol)}': the account trades {Listed(session)}.").ConfigureAwait(false);
                return 2;
            }

            if (!TryParseSide(result.GetValue(side)!, out var orderSide) || !TryParseTimeInForce(result.GetValue(tif)!, out var timeInForce))
            {
                await error.WriteLineAsync("side must be buy or sell; --tif gtc, ioc, fok or post-only.").ConfigureAwait(false);
                return 2;
            }

            var limit = result.GetValue(price);
            var stop = result.GetValue(trigger);
            var type = (limit, stop) switch
            {
                (null, null) => OrderType.Market,
                (not null, null) => OrderType.Limit,
                (null, not null) => OrderType.StopMarket,
                _ => OrderType.StopLimit,
            };
            if (!TryQuantity(result.GetValue(quantity), instrument, out var size, out var problem)
                || (limit is { } l && !TryPrice(l, instrument, out _, out problem))
                || (stop is { } s && !TryPrice(s, instrument, out _, out problem)))
            {
                await error.WriteLineAsync(problem).ConfigureAwait(false);
                return 2;
            }

            await session.RefreshPriceAsync(instrument, ct).ConfigureAwait(false);
            var order = new SubmitOrder
            {
                ClientOrderId = session.Node.Ids.Next(),
                Instrument = instrument.Id,
                Side = orderSide,
                Type = type,
                Quantity = size,
                Price = limit is { } lp ? Price.FromDecimal(lp, Math.Max(instrument.PricePrecision, Scale(lp))) : null,
                TriggerPrice = stop is { } sp ? Price.FromDecimal(sp, Math.Max(instrument.PricePrecision, Scale(sp))) : null,
                TimeInForce = type == OrderType.Market ? TimeInForce.Gtc : timeInForce,
                ReduceOnly = result.GetValue(reduceOnly),
                Origin = "cli",
            };
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"submit    {order.ClientOrderId} {instrument.Id} {order.Side.ToString().ToUpperInvariant()} {order.Type} {order.Quantity}{(order.Price is { } p ? " @ " + p : string.Empty)}{(order.TriggerPrice is { } t ? " trigger " + t : string.Empty)}{(order.ReduceOnly ? " reduce-only" : string.Empty)}")).ConfigureAwait(false);
            return await SendAndReportAsync(session, [order], result.GetValue(WaitOption), output, ct).ConfigureAwait(false);
        }, ct));
        return command;
    }

    private static Command Cancel()
    {
        var symbol = new Argument<string>("symbol") { Description = "Venue symbol or FlowSight id." };
        var id = new Argument<string?>("client-order-id") { Description = "The order's client id (see flowsight order list); omit with --all.", Arity = ArgumentArity.ZeroOrOne };
        var all = new Option<bool>("--all") { Description = "Cancel every open order of the symbol." };
        var command = new Command("cancel", "Cancel an order, or all orders of a symbol.") { symbol, id, all };
        command.SetAction((result, ct) => RunAsync(result, async (session, output, error) =>
        {
            if (!session.Venue.TryFind(result.GetValue(symbol)!, out var instrument))
            {
                await error.WriteLineAsync($"Unknown symbol '{result.GetValue(symbol)}': the account trades {Listed(session)}.").ConfigureAwait(false);
                return 2;
            }

            var open = await session.Node.InvokeAsync(n => n.Orders.OpenOrders(instrument.Id).Select(o => o.ClientOrderId).ToList()).ConfigureAwait(false);
            List<ClientOrderId> targets;
            if (result.GetValue(all))
            {
                targets = open;
            }
            else if (result.GetValue(id) is { } text && ClientOrderId.TryParse(text, out var clientOrderId))
            {
                if (!open.Contains(clientOrderId))
                {
                    await error.WriteLineAsync($"No open order {text} on {instrument.Id} (flowsight order list shows the open ones).").ConfigureAwait(false);
                    return 1;
                }

                targets = [clientOrderId];
            }
            else
            {
                await error.WriteLineAsync("Give the order's client id, or --all.").ConfigureAwait(false);
                return 2;
            }

            if (targets.Count == 0)
            {
                await output.WriteLineAsync($"no open orders on {instrument.Id}").ConfigureAwait(false);
                return 0;
            }

            await using var tap = await OrderEventTap.StartAsync(session.Node, targets.Contains, untilTerminal: true).ConfigureAwait(false);
            foreach (var target in targets)
            {
                await session.Node.CancelAsync(new CancelOrder { ClientOrderId = target, Instrument = instrument.Id, Origin = "cli" }).ConfigureAwait(false);
            }

            var (failed, done) = await tap.PrintUntilDoneAsync(targets, Wait(result), output, ct).ConfigureAwait(false);
            return failed || !done ? 1 : 0;
        }, ct));
        return command;
    }

    private static Command List()
    {
        var symbol = new Option<string?>("--symbol") { Description = "Only this symbol." };
        var command = new Command("list", "List open orders (ours and any placed elsewhere on the account).") { symbol };
        command.SetAction((result, ct) => RunAsync(result, async (session, output, _) =>
        {
            var filter = result.GetValue(symbol);
            var rows = await session.Node.InvokeAsync(n =>
            {
                var open = new List<Engine.Orders.Order>();
                n.Orders.CopyOpenOrders(open);
                return open
                    .Where(o => filter is null || string.Equals(o.Instrument.Value, filter, StringComparison.OrdinalIgnoreCase) || (session.Venue.TryFind(filter, out var i) && i.Id == o.Instrument))
                    .Select(o => string.Create(CultureInfo.InvariantCulture, $"{o.ClientOrderId,-24} {o.VenueOrderId,-20} {o.Instrument,-24} {o.Side,-4} {o.Type,-10} {o.Quantity,14} {o.Price?.ToString() ?? "market",14} {o.FilledQuantity,14} {o.Status}{(o.IsExternal ? " (placed elsewhere)" : string.Empty)}"))
                    .ToList();
            }).ConfigureAwait(false);
            await output.WriteLineAsync($"{"client id",-24} {"venue id",-20} {"instrument",-24} {"side",-4} {"type",-10} {"quantity",14} {"price",14} {"filled",14} status").ConfigureAwait(false);
            foreach (var row in rows)
            {
                await output.WriteLineAsync(row).ConfigureAwait(false);
            }

            await output.WriteLineAsync($"{rows.Count} open order{(rows.Count == 1 ? string.Empty : "s")}").ConfigureAwait(false);
            return 0;
        }, ct));
        return command;
    }

    private static Command Positions()
    {
        var command = new Command("positions", "Show positions, balances and PnL as the venue reports them.");
        command.SetAction((result, ct) => RunAsync(result, async (session, output, _) =>
        {
            foreach (var instrument in session.Venue.Instruments)
            {
                await session.RefreshPriceAsync(instrument, ct).ConfigureAwait(false);
            }

            // The session trades one venue account: its balances and equity, never another account's.
            var account = new VenueAccount(session.Venue.Client.Venue, session.Venue.Client.Account);
            var (positions, balances, equity) = await session.Node.InvokeAsync(n => (
                n.Portfolio.OpenPositions().ToList(),
                n.Portfolio.AssetsOf(account).Order(StringComparer.Ordinal).Select(a => (Asset: a, Balance: n.Portfolio.Balance(account, a))).Where(b => b.Balance != 0).ToList(),
                n.Portfolio.AccountEquity(account))).ConfigureAwait(false);
            await output.WriteLineAsync($"{"instrument",-24} {"side",-5} {"quantity",14} {"entry",14} {"unrealized",14} {"liquidation",14}").ConfigureAwait(false);
            foreach (var p in positions)
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{p.Instrument,-24} {p.PositionSide,-5} {p.Quantity,14} {p.AverageEntryPrice,14} {p.UnrealizedPnl,14:0.########} {p.LiquidationPrice?.ToString(CultureInfo.InvariantCulture) ?? "-",14}")).ConfigureAwait(false);
            }

            await output.WriteLineAsync($"{positions.Count} open position{(positions.Count == 1 ? string.Empty : "s")}").ConfigureAwait(false);
            await output.WriteLineAsync($"account   {account}").ConfigureAwait(false);
            foreach (var (asset, balance) in balances)
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"balance   {asset,-8} {balance}")).ConfigureAwait(false);
            }

            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"equity    {equity:0.########}")).ConfigureAwait(false);
            return 0;
        }, ct));
        return command;
    }

    private static Command Flatten()
    {
        var symbol = new Argument<string?>("symbol") { Description = "Only this symbol (default: every position).", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("flatten", "Close positions with reduce-only market orders.") { symbol };
        command.SetAction((result, ct) => RunAsync(result, async (session, output, error) =>
        {
            Instrument? only = null;
            if (result.GetValue(symbol) is { } text)
            {
                if (!session.Venue.TryFind(text, out var found))
                {
                    await error.WriteLineAsync($"Unknown symbol '{text}': the account trades {Listed(session)}.").ConfigureAwait(false);
                    return 2;
                }

                only = found;
            }

            // One order per open leg: reduce-only in net mode, the leg's position side in hedge mode (CloseOrders).
            var orders = new List<SubmitOrder>();
            foreach (var instrument in session.Venue.Instruments.Where(i => (only is null || i.Id == only.Id) && i.Kind != InstrumentKind.Spot))
            {
                var closing = await session.Node.InvokeAsync(n =>
                {
                    var legs = new List<SubmitOrder>();
                    CloseOrders.Append(n.Portfolio, instrument, n.Ids.Next, "cli-flatten", 0, legs);
                    return legs;
                }).ConfigureAwait(false);
                if (closing.Count == 0)
                {
                    continue;
                }

                await session.RefreshPriceAsync(instrument, ct).ConfigureAwait(false);
                orders.AddRange(closing);
            }

            if (orders.Count == 0)
            {
                await output.WriteLineAsync("no positions to close").ConfigureAwait(false);
                return 0;
            }

            foreach (var order in orders)
            {
                var how = order.PositionSide == PositionSide.Both ? "reduce-only market" : $"market closing the {order.PositionSide.ToString().ToLowerInvariant()} leg";
                await output.WriteLineAsync($"flatten   {order.ClientOrderId} {order.Instrument} {order.Side.ToString().ToUpperInvariant()} {order.Quantity} {how}").ConfigureAwait(false);
            }

            return await SendAndReportAsync(session, orders, result.GetValue(WaitOption), output, ct).ConfigureAwait(false);
        }, ct));
        return command;
    }

    private static Command Halt()
    {
        var flatten = new Option<bool>("--flatten") { Description = "Also close every position at market." };
        var reason = new Option<string>("--reason") { Description = "Why (kept with the halt).", DefaultValueFactory = _ => "manual halt from the command line" };
        var command = new Command("halt", "Kill switch: cancel every order, optionally flatten, and refuse new orders until resume.") { flatten, reason };
        command.SetAction((result, ct) => RunAsync(result, async (session, output, _) =>
        {
            foreach (var instrument in session.Venue.Instruments)
            {
                await session.RefreshPriceAsync(instrument, ct).ConfigureAwait(false);
            }

            var open = await session.Node.InvokeAsync(n =>
            {
                var list = new List<Engine.Orders.Order>();
                n.Orders.CopyOpenOrders(list);
                return list.Select(o => o.ClientOrderId).ToList();
            }).ConfigureAwait(false);
            await using var tap = await OrderEventTap.StartAsync(session.Node, _ => true, untilTerminal: true).ConfigureAwait(false);
            var why = result.GetValue(reason)!;
            await session.Node.HaltAsync(why, result.GetValue(flatten), "cli").ConfigureAwait(false);
            session.RememberHalt(why);
            await output.WriteLineAsync($"halted: {open.Count} open order{(open.Count == 1 ? string.Empty : "s")} canceled{(result.GetValue(flatten) ? ", positions flattened" : string.Empty)}; new orders are refused until `flowsight order resume`").ConfigureAwait(false);
            var (_, done) = await tap.PrintUntilDoneAsync(open, Wait(result), output, ct).ConfigureAwait(false);
            return done ? 0 : 1;
        }, ct));
        return command;
    }

    private static Command Resume()
    {
        var command = new Command("resume", "Lift a halt: new orders pass the risk engine again.");
        command.SetAction(async (result, _) =>
        {
            var output = result.InvocationConfiguration.Output;
            await output.WriteLineAsync(TradingSession.ForgetHalt(result.GetValue(HaltFileOption) ?? TradingSession.DefaultHaltFile) ? "resumed: trading is active" : "not halted").ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static async Task<int> SendAndReportAsync(TradingSession session, IReadOnlyList<SubmitOrder> orders, double waitSeconds, TextWriter output, CancellationToken cancellationToken)
    {
        var ids = orders.Select(o => o.ClientOrderId).ToHashSet();

        // A resting order is done once the venue accepts it; one that cannot rest (market, IOC, FOK) once it is final.
        var untilTerminal = orders.All(o => o.Type == OrderType.Market || o.TimeInForce is TimeInForce.Ioc or TimeInForce.Fok);
        await using var tap = await OrderEventTap.StartAsync(session.Node, ids.Contains, untilTerminal).ConfigureAwait(false);
        foreach (var order in orders)
        {
            await session.Node.SubmitAsync(order).ConfigureAwait(false);
        }

        var (failed, done) = await tap.PrintUntilDoneAsync(ids, TimeSpan.FromSeconds(waitSeconds), output, cancellationToken).ConfigureAwait(false);
        return failed || !done ? 1 : 0;
    }

    private static async Task<int> RunAsync(ParseResult result, Func<TradingSession, TextWriter, TextWriter, Task<int>> work, CancellationToken cancellationToken)
    {
        var output = result.InvocationConfiguration.Output;
        var error = result.InvocationConfiguration.Error;
        IConfiguration configuration;
        RiskLimits risk;
        try
        {
            configuration = CliConfiguration.Build(result.GetValue(ConfigOption));
            risk = configuration.GetSection("Risk").Get<RiskLimits>() ?? new RiskLimits();
        }
        catch (Exception ex) when (ex is ConfigurationValidationException or InvalidOperationException or InvalidDataException)
        {
            await error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return 2;
        }

        if (!TradingAccounts.TryResolve(configuration, result.GetValue(AccountOption), result.GetValue(PaperFileOption), out var account, out var problem))
        {
            await error.WriteLineAsync(problem).ConfigureAwait(false);
            return 2;
        }

        TradingSession session;
        try
        {
            session = await TradingSession.OpenAsync(account, risk, result.GetValue(HaltFileOption) ?? TradingSession.DefaultHaltFile, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is VenueRestException or HttpRequestException or ArgumentException or TimeoutException or System.Net.WebSockets.WebSocketException)
        {
            await error.WriteLineAsync($"Cannot reach account '{account.Name}' at {account.Rest} ({account.Venue}): {ex.Message}").ConfigureAwait(false);
            return 2;
        }

        await using (session.ConfigureAwait(false))
        {
            await output.WriteLineAsync($"account {account.Name}: {account.Venue} at {account.Rest}").ConfigureAwait(false);
            return await work(session, output, error).ConfigureAwait(false);
        }
    }

    private static TimeSpan Wait(ParseResult result) => TimeSpan.FromSeconds(Math.Max(0.1, result.GetValue(WaitOption)));

    private static string Listed(TradingSession session) =>
        string.Join(", ", session.Venue.Instruments.Take(10).Select(i => i.VenueSymbol)) + (session.Venue.Instruments.Count > 10 ? ", ..." : string.Empty);

    private static bool TryParseSide(string text, out OrderSide side)
    {
        (var ok, side) = text.ToLowerInvariant() switch
        {
            "buy" or "b" or "long" => (true, OrderSide.Buy),
            "sell" or "s" or "short" => (true, OrderSide.Sell),
            _ => (false, default),
        };
        return ok;
    }

    private static bool TryParseTimeInForce(string text, out TimeInForce tif)
    {
        (var ok, tif) = text.ToLowerInvariant() switch
        {
            "gtc" => (true, TimeInForce.Gtc),
            "ioc" => (true, TimeInForce.Ioc),
            "fok" => (true, TimeInForce.Fok),
            "post-only" or "gtx" or "postonly" => (true, TimeInForce.Gtx),
            _ => (false, default),
        };
        return ok;
    }

    private static byte Scale(decimal value) => (byte)Math.Min(9, (decimal.GetBits(value)[3] >> 16) & 0xFF);

    private static bool TryQuantity(decimal value, Instrument instrument, out Quantity quantity, out string problem)
    {
        quantity = default;
        problem = string.Empty;
        if (value <= 0 || Scale(value) > Quantity.MaxPrecision)
        {
            problem = $"quantity must be positive with at most {Quantity.MaxPrecision} decimals, not {value.ToString(CultureInfo.InvariantCulture)}.";
            return false;
        }

        quantity = Quantity.FromDecimal(value, Math.Max(instrument.SizePrecision, Scale(value)));
        return true;
    }

    private static bool TryPrice(decimal value, Instrument instrument, out Price price, out string problem)
    {
        price = default;
        problem = string.Empty;
        if (value <= 0 || Scale(value) > Price.MaxPrecision)
        {
            problem = $"prices must be positive with at most {Price.MaxPrecision} decimals, not {value.ToString(CultureInfo.InvariantCulture)}.";
            return false;
        }

        price = Price.FromDecimal(value, Math.Max(instrument.PricePrecision, Scale(value)));
        return true;
    }
}
