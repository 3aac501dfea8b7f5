using FlowSight.Core;
using FlowSight.Engine.Execution;
using FlowSight.Engine.Hosting;
using FlowSight.Engine.Orders;
using FlowSight.Engine.Risk;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FlowSight.Engine.Trading;

/// <summary>
/// The trading core on one engine: order store, execution engine, risk engine and portfolio, wired on the engine's
/// bus and thread. Strategies on the engine thread call <see cref="Risk"/> directly; other threads (the CLI, the web
/// API) use the <c>...Async</c> methods, which run the command on the engine thread and return the risk decision.
/// </summary>
public sealed class TradingNode : IAsyncDisposable
{
    private readonly IDisposable[] _portfolioSubscriptions;
    private readonly List<IExecutionClient> _clients = [];
    private bool _disposed;

    /// <summary>Creates the node on <paramref name="engine"/> for <paramref name="instruments"/>; add clients, then <see cref="StartAsync"/>.</summary>
    public TradingNode(EngineLoop engine, IEnumerable<Instrument> instruments, TradingNodeOptions? options = null, ILoggerFactory? loggers = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(instruments);
        options ??= new TradingNodeOptions();
        loggers ??= NullLoggerFactory.Instance;
        Engine = engine;
        Instruments = [.. instruments];
        Orders = new OrderStore(options.MaxClosedOrders);
        Ids = new ClientOrderIdGenerator(engine.Clock, options.ClientOrderIdPrefix);
        Execution = new ExecutionEngine(engine, Orders, Ids, options.Execution, loggers.CreateLogger<ExecutionEngine>());
        Portfolio = new Portfolio.Portfolio(options.Portfolio, engine.Clock, loggers.CreateLogger<Portfolio.Portfolio>());
        foreach (var instrument in Instruments)
        {
            Portfolio.AddInstrument(instrument);
        }

        var prices = new LastPriceFeed(Portfolio);
        _portfolioSubscriptions =
        [
            Portfolio.Subscribe(engine.Bus),
            engine.Bus.Subscribe<QuoteTick>("portfolio-last-price", prices),
        ];
        Risk = new RiskEngine(options.Risk, Instruments, Orders, Portfolio, Execution, engine.Bus, engine.Clock, Ids.Next, engine.Post);
    }

    /// <summary>The engine the node runs on.</summary>
    public EngineLoop Engine { get; }

    /// <summary>The instruments it may trade.</summary>
    public IReadOnlyList<Instrument> Instruments { get; }

    /// <summary>Orders and fills (engine thread only).</summary>
    public OrderStore Orders { get; }

    /// <summary>Client order ids.</summary>
    public ClientOrderIdGenerator Ids { get; }

    /// <summary>Routes approved commands to venue clients and turns their reports into order events.</summary>
    public ExecutionEngine Execution { get; }

    /// <summary>The front door of every command.</summary>
    public RiskEngine Risk { get; }

    /// <summary>Positions, PnL, margin, equity (engine thread only).</summary>
    public Portfolio.Portfolio Portfolio { get; }

    /// <summary>
    /// Adds a venue account's client, which the node then owns (disposes); before <see cref="StartAsync"/>. A venue may
    /// have several (Binance spot and USDⓈ-M): commands go to the client that declares their instrument.
    /// </summary>
    /// <remarks>
    /// The portfolio books the client's instruments to its account (<see cref="IExecutionClient.Venue"/>,
    /// <see cref="IExecutionClient.Account"/>): their fills, fees and funding move that account's balances.
    /// </remarks>
    /// <exception cref="ArgumentException">See <see cref="ExecutionEngine.AddClient"/>.</exception>
    public void AddClient(IExecutionClient client)
    {
        Execution.AddClient(client);
        _clients.Add(client);
        foreach (var instrument in client.Instruments)
        {
            if (Portfolio.Tracks(instrument.Id))
            {
                Portfolio.AssignAccount(instrument.Id, client.Account);
            }
        }
    }

    /// <summary>Connects every client and reconciles with each venue (open orders, fills, balances, positions).</summary>
    public Task StartAsync(CancellationToken cancellationToken = default) => Execution.StartAsync(cancellationToken);

    /// <summary>Runs <paramref name="work"/> on the engine thread and returns its result.</summary>
    public Task<T> InvokeAsync<T>(Func<TradingNode, T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        Engine.Post(_ =>
        {
            try
            {
                completion.TrySetResult(work(this));
            }
#pragma warning disable CA1031 // The caller awaits the failure; the engine thread must go on.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                completion.TrySetException(ex);
            }
        });
        return completion.Task;
    }

    /// <summary>Submits through the risk engine on the engine thread; a missing client order id gets a new one.</summary>
    public Task<(RiskDecision Decision, ClientOrderId ClientOrderId)> SubmitAsync(SubmitOrder order) =>
        InvokeAsync(node =>
        {
            var command = order.ClientOrderId.IsDefault ? order with { ClientOrderId = node.Ids.Next() } : order;
            command = command.Timestamp == 0 ? command with { Timestamp = node.Engine.Now } : command;
            return (node.Risk.Submit(in command), command.ClientOrderId);
        });

    /// <summary>Cancels through the risk engine on the engine thread.</summary>
    public Task<RiskDecision> CancelAsync(CancelOrder cancel) => InvokeAsync(node => node.Risk.Cancel(in cancel));

    /// <summary>Replaces through the risk engine on the engine thread.</summary>
    public Task<RiskDecision> ReplaceAsync(ReplaceOrder replace) => InvokeAsync(node => node.Risk.Replace(in replace));

    /// <summary>Cancels all through the risk engine on the engine thread.</summary>
    public Task<RiskDecision> CancelAllAsync(CancelAllOrders cancelAll) => InvokeAsync(node => node.Risk.CancelAll(in cancelAll));

    /// <summary>Trips the kill switch on the engine thread: cancel all, optionally flatten, halt.</summary>
    public Task<bool> HaltAsync(string reason, bool flatten, string by = "manual") =>
        InvokeAsync(node =>
        {
            node.Risk.Trip(reason, flatten, by);
            return true;
        });

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Risk.Dispose();
        foreach (var subscription in _portfolioSubscriptions)
        {
            subscription.Dispose();
        }
        Execution.Dispose();
        foreach (var client in _clients)
        {
            await client.DisposeAsync().ConfigureAwait(false);
        }
    }
}
