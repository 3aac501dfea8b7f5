using System.CommandLine;
using System.Globalization;
using FlowSight.Core;
using FlowSight.Engine.Configuration;
using FlowSight.Engine.CrossVenue;
using FlowSight.Engine.Hosting;
using FlowSight.Engine.Instruments;
using FlowSight.Engine.OrderBook;
using FlowSight.Venues.Data;
using FlowSight.Venues.Network;

namespace FlowSight.Cli.Commands;

/// <summary>
/// <c>flowsight spread BTC/USDT-PERP</c>: one common instrument on several venues at once — each venue's own book
/// stays separate; the engine's <see cref="ConsolidatedQuoteBook"/> keeps the best bid and offer across them, with the
/// venue of each side and the inter-venue spread (negative when the venues are crossed: an arbitrage before fees).
/// </summary>
internal static class SpreadCommand
{
    public static Command Create()
    {
        var key = new Argument<string>("instrument") { Description = "The common instrument: BASE/QUOTE-PERP (perpetual) or BASE/QUOTE (spot), e.g. BTC/USDT-PERP." };
        var on = new Option<string[]>("--on") { Description = "Venue instruments to follow, MARKET:SYMBOL (default: Binance, OKX and Gate.io's listing of the instrument).", AllowMultipleArgumentsPerToken = true };
        var endpoints = new Option<string[]>("--endpoint") { Description = "MARKET=URL: another host serving that market's protocols, e.g. okx=http://127.0.0.1:5001.", AllowMultipleArgumentsPerToken = true };
        var seconds = new Option<int?>("--seconds") { Description = "Stop after this many seconds (default: until Ctrl+C)." };
        var log = new Option<string?>("--log") { Description = "Write the feeds' log to this file." };
        var command = new Command("spread", "The best bid and offer of one instrument across venues, and the spread between them.") { key, on, endpoints, seconds, log };
        command.SetAction(async (result, cancellationToken) =>
        {
            if (!CommonInstrumentKey.TryParse(result.GetValue(key), out var common, out var error))
            {
                Console.Error.WriteLine(error);
                return 2;
            }

            List<MarketArgument> markets;
            Dictionary<CliMarket, Uri> overrides;
            try
            {
                var named = result.GetValue(on) ?? [];
                markets = named.Length > 0 ? [.. named.Select(MarketArgument.Parse)] : DefaultMarkets(common);
                overrides = ParseEndpoints(result.GetValue(endpoints) ?? []);
            }
            catch (FormatException ex)
            {
                Console.Error.WriteLine(ex.Message);
                return 2;
            }

            try
            {
                return await RunAsync(new SpreadOptions(common, markets, overrides, result.GetValue(seconds), result.GetValue(log)), Console.Out, cancellationToken).ConfigureAwait(false);
            }
            catch (ConfigurationValidationException ex)
            {
                Console.Error.WriteLine(ex.Message);
                return 2;
            }
        });
        return command;
    }

    /// <summary>Binance's, OKX's and Gate.io's symbols of a USDT-style perpetual or a spot pair.</summary>
    /// <exception cref="FormatException">The instrument is of a kind with no default listing.</exception>
    internal static List<MarketArgument> DefaultMarkets(CommonInstrumentKey key)
    {
        var (b, q) = (key.Base, key.Quote);
        return key.Kind switch
        {
            InstrumentKind.Perpetual when !key.IsInverse =>
            [
                new(CliMarket.BinanceUsdM, [b + q]),
                new(CliMarket.Okx, [$"{b}-{q}-SWAP"]),
                new(CliMarket.GateUsdt, [$"{b}_{q}"]),
            ],
            InstrumentKind.Spot =>
            [
                new(CliMarket.BinanceSpot, [b + q]),
                new(CliMarket.Okx, [$"{b}-{q}"]),
                new(CliMarket.GateSpot, [$"{b}_{q}"]),
            ],
            _ => throw new FormatException($"{key} has no default venue listing; name the venue instruments with --on MARKET:SYMBOL."),
        };
    }

    private static Dictionary<CliMarket, Uri> ParseEndpoints(string[] texts)
    {
        var map = new Dictionary<CliMarket, Uri>();
        foreach (var text in texts)
        {
            var equals = text.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || !MarketArgument.TryParseMarket(text[..equals], out var market) || !MarketArgument.TryParseEndpoint(text[(equals + 1)..], out var uri))
            {
                throw new FormatException($"--endpoint '{text}' is not MARKET=URL, e.g. okx=http://127.0.0.1:5001 (markets: {MarketArgument.Known}).");
            }

            map[market] = uri!;
        }

        return map;
    }

    internal static async Task<int> RunAsync(SpreadOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (options.Seconds is { } limit)
        {
            stop.CancelAfter(TimeSpan.FromSeconds(limit));
        }

        using var loggers = FileLog.Create(options.LogFile);
        using var engine = new EngineLoop(new FlowSightOptions { Symbol = options.Key.Value, WaitStrategy = WaitStrategyKind.Blocking });
        var clients = new List<IMarketDataClient>();
        ConsolidatedQuoteBook? consolidated = null;
        var books = new OrderBookManager(fault =>
        {
            // On the engine thread: the broken book's top is not a price until its resync.
            consolidated?.MarkStale(fault.Instrument);
            clients.FirstOrDefault(c => c.Venue == fault.Instrument.Venue)?.Resync(fault.Instrument);
        });
        books.Attach(engine.Bus);
        try
        {
            foreach (var market in options.Markets)
            {
                options.Endpoints.TryGetValue(market.Market, out var endpoint);
                clients.Add(MarketDataClients.Create(new MarketDataClientRequest(market, endpoint), engine, loggers));
            }

            var started = await Task.WhenAll(clients.Select(c => StartAsync(c, stop.Token))).ConfigureAwait(false);
            if (!started.Any(s => s))
            {
                await Console.Error.WriteLineAsync("No venue could be started.").ConfigureAwait(false);
                return 1;
            }

            // The registry is built before the consolidated book first reads it, on the engine thread.
            var registry = new InstrumentRegistry();
            var instruments = options.Markets.SelectMany(m => m.Symbols.Select(s => MarketDataClients.InstrumentOf(m.Market, s))).ToHashSet();
            foreach (var spec in clients.SelectMany(c => c.Specs).Where(s => instruments.Contains(s.Id)))
            {
                try
                {
                    registry.Register(spec);
                }
                catch (ArgumentException ex)
                {
                    await Console.Error.WriteLineAsync($"{spec.Id} left out: {ex.Message}").ConfigureAwait(false);
                }
            }

            consolidated = new ConsolidatedQuoteBook(new ConsolidatedQuoteBookOptions { Registry = registry, Bus = engine.Bus, Books = books });
            var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            engine.Post(_ =>
            {
                consolidated.Attach();
                consolidated.SeedFromBooks(); // books that synced while the specs were loading
                ready.TrySetResult();
            });
            foreach (var (client, market) in clients.Zip(options.Markets))
            {
                // A venue whose connection dropped is out of the consolidated quote until its feed brings a fresh quote.
                client.StateChanged += change =>
                {
                    if (change.Current is ConnectionState.Reconnecting or ConnectionState.CircuitOpen or ConnectionState.Closed or ConnectionState.Faulted)
                    {
                        engine.Post(_ =>
                        {
                            foreach (var symbol in market.Symbols)
                            {
                                consolidated.MarkStale(MarketDataClients.InstrumentOf(market.Market, symbol));
                            }
                        });
                    }
                };
            }

            using var staleness = consolidated.ScheduleStalenessChecks(engine);
            engine.Start();
            await ready.Task.WaitAsync(stop.Token).ConfigureAwait(false);
            await PrintAsync(engine, consolidated, options.Key, clients, output, stop.Token).ConfigureAwait(false);
            engine.Stop();
            return 0;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return 0;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            await Console.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return 2;
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static async Task<bool> StartAsync(IMarketDataClient client, CancellationToken cancellationToken)
    {
        try
        {
            await client.StartAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync($"{client.Name}: could not start the feed: {ex.Message}").ConfigureAwait(false);
            return false;
        }
    }

    private static async Task PrintAsync(EngineLoop engine, ConsolidatedQuoteBook consolidated, CommonInstrumentKey key, List<IMarketDataClient> clients, TextWriter output, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
            var read = new TaskCompletionSource<(bool Has, ConsolidatedQuote Quote, IReadOnlyList<VenueQuote> Venues)>(TaskCreationOptions.RunContinuationsAsynchronously);
            engine.Post(_ =>
            {
                consolidated.SeedFromBooks();
                var has = consolidated.TryGetQuote(key, out var quote);
                read.TrySetResult((has, quote, consolidated.GetVenueQuotes(key)));
            });
            var (has, q, venues) = await read.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            var line = Format(engine.Now, key, has, q, venues, clients);
            await output.WriteLineAsync(consolidated.RejectedUpdates == 0 ? line : $"{line} (updates not convertible to common units: {consolidated.RejectedUpdates})").ConfigureAwait(false);
        }
    }

    internal static string Format(long now, CommonInstrumentKey key, bool has, in ConsolidatedQuote q, IReadOnlyList<VenueQuote> venues, IReadOnlyList<IMarketDataClient> clients)
    {
        var inv = CultureInfo.InvariantCulture;
        var line = new System.Text.StringBuilder();
        line.Append(inv, $"{UnixNanos.ToDateTimeOffset(now):HH:mm:ss} {key}");
        if (has && q.IsTwoSided)
        {
            line.Append(inv, $" best bid {q.BidPrice} x {q.BidSize} @{q.BidVenue} ask {q.AskPrice} x {q.AskSize} @{q.AskVenue} spread {q.Spread}{(q.IsCrossed ? " CROSSED" : string.Empty)}");
        }
        else
        {
            line.Append(" no two-sided quote yet");
        }

        line.Append(inv, $" venues {(has ? q.Venues : 0)} stale {(has ? q.StaleVenues : 0)} |");
        foreach (var v in venues)
        {
            var synced = clients.FirstOrDefault(c => c.Venue == v.Venue)?.GetHealth().Books.FirstOrDefault(b => b.Instrument == v.Instrument)?.Synced;
            line.Append(inv, $" {v.Venue} {(v.HasBid ? v.BidPrice.ToString() : "-")}/{(v.HasAsk ? v.AskPrice.ToString() : "-")} {v.Status}{(synced == false ? " (book resyncing)" : string.Empty)};");
        }

        return line.ToString().TrimEnd(';');
    }
}

/// <summary>The spread command's settings.</summary>
internal sealed record SpreadOptions(CommonInstrumentKey Key, IReadOnlyList<MarketArgument> Markets, IReadOnlyDictionary<CliMarket, Uri> Endpoints, int? Seconds, string? LogFile = null);
