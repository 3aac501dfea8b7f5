using System.Text.Json;
using FlowSight.Core;
using FlowSight.Engine.Configuration;
using FlowSight.Engine.Hosting;
using FlowSight.Engine.Risk;
using FlowSight.Engine.Trading;
using Microsoft.Extensions.Logging.Abstractions;

namespace FlowSight.Cli.Trading;

/// <summary>
/// One <c>flowsight order</c> run: the account's venue client in a trading node on its own engine thread, reconciled
/// with the venue before any command, so every command goes through the same risk engine and order manager as a
/// strategy's. A halt (<c>flowsight order halt</c>) is remembered in a file until <c>flowsight order resume</c>.
/// </summary>
internal sealed class TradingSession : IAsyncDisposable
{
    private TradingSession(TradingVenue venue, EngineLoop engine, TradingNode node, string haltFile)
    {
        Venue = venue;
        Engine = engine;
        Node = node;
        HaltFile = haltFile;
    }

    /// <summary>The account's venue.</summary>
    public TradingVenue Venue { get; }

    /// <summary>The engine the node runs on.</summary>
    public EngineLoop Engine { get; }

    /// <summary>The trading node.</summary>
    public TradingNode Node { get; }

    /// <summary>Where a halt is remembered.</summary>
    public string HaltFile { get; }

    /// <summary>Where a halt is remembered unless told otherwise: <c>./data/trading-halt.json</c>.</summary>
    public static string DefaultHaltFile => Path.Combine(Environment.CurrentDirectory, "data", "trading-halt.json");

    /// <summary>Connects, reconciles and, when a halt is remembered, starts HALTED.</summary>
    public static async Task<TradingSession> OpenAsync(TradingAccount account, RiskLimits risk, string haltFile, CancellationToken cancellationToken)
    {
        var venue = await TradingVenue.ConnectAsync(account, TimeProvider.System, NullLoggerFactory.Instance, cancellationToken).ConfigureAwait(false);
        var engine = new EngineLoop(new FlowSightOptions { WaitStrategy = WaitStrategyKind.Blocking });
        var node = new TradingNode(engine, venue.Instruments, new TradingNodeOptions { Risk = risk });
        node.AddClient(venue.Client);
        engine.Start();
        var session = new TradingSession(venue, engine, node, haltFile);
        try
        {
            await node.StartAsync(cancellationToken).ConfigureAwait(false);
            if (ReadHalt(haltFile) is { } halt)
            {
                await node.InvokeAsync(n =>
                {
                    n.Risk.SetState(TradingState.Halted, halt);
                    return true;
                }).ConfigureAwait(false);
            }
        }
        catch
        {
            await session.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return session;
    }

    /// <summary>Reads the venue's current price of <paramref name="instrument"/> into the engine (the risk engine's price band and notional checks need one).</summary>
    public async Task RefreshPriceAsync(Instrument instrument, CancellationToken cancellationToken)
    {
        if (await Venue.PriceAsync(instrument, cancellationToken).ConfigureAwait(false) is { } mark)
        {
            Engine.Publish(in mark);
            await Node.InvokeAsync(_ => true).ConfigureAwait(false); // the mark is applied once this returns
        }
    }

    /// <summary>Remembers a halt for later runs.</summary>
    public void RememberHalt(string reason)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(HaltFile))!);
        File.WriteAllText(HaltFile, JsonSerializer.Serialize(new HaltRecord(reason, DateTimeOffset.UtcNow)));
    }

    /// <summary>Forgets a remembered halt; false when there was none.</summary>
    public static bool ForgetHalt(string haltFile)
    {
        if (!File.Exists(haltFile))
        {
            return false;
        }

        File.Delete(haltFile);
        return true;
    }

    /// <summary>The remembered halt's reason, or null.</summary>
    public static string? ReadHalt(string haltFile)
    {
        if (!File.Exists(haltFile))
        {
            return null;
        }

        try
        {
            var record = JsonSerializer.Deserialize<HaltRecord>(File.ReadAllText(haltFile));
            return record is null ? "halted" : $"halted since {record.At:yyyy-MM-dd HH:mm:ss} UTC: {record.Reason} (flowsight order resume to trade again)";
        }
        catch (JsonException)
        {
            return $"halted ({haltFile} is unreadable; flowsight order resume to trade again)";
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await Node.DisposeAsync().ConfigureAwait(false);
        Engine.Stop();
        Engine.Dispose();
    }

    private sealed record HaltRecord(string Reason, DateTimeOffset At);
}
