using FlowSight.Server.Hosting;
using Prometheus;

namespace FlowSight.Server.Health;

/// <summary>
/// The server's Prometheus registry. Nothing is counted as it happens: a before-collect callback copies the replica's
/// snapshots (engine, routes, connections, orders, account, risk) and the feeds' book health into gauges at scrape
/// time, so the engine does no metrics work at all. One registry per server, not the process-wide default.
/// </summary>
internal sealed class ServerMetrics
{
    private static readonly string[] Quantiles = ["0.5", "0.95", "0.99", "0.999"];
    private readonly ServerContext _context;
    private readonly Lock _scrape = new();

    private readonly Gauge _eventsPerSecond;
    private readonly Gauge _eventsProcessed;
    private readonly Gauge _queueDepth;
    private readonly Gauge _ringCapacity;
    private readonly Gauge _ringUtilisation;
    private readonly Gauge _producerStalls;
    private readonly Gauge _errors;
    private readonly LabelledGauge _routeHandled;
    private readonly LabelledGauge _routeErrors;
    private readonly LabelledGauge _routeRate;
    private readonly LabelledGauge _routeLatency;
    private readonly LabelledGauge _connectionUp;
    private readonly LabelledGauge _connectionReconnects;
    private readonly Gauge _connectionsUp;
    private readonly LabelledGauge _bookSynced;
    private readonly Gauge _ordersOpen;
    private readonly LabelledGauge _equity;
    private readonly Gauge _tradingState;
    private readonly Gauge _killSwitch;
    private readonly Gauge _heapBytes;
    private readonly Gauge _workingSet;
    private readonly Gauge _gcPause;

    public ServerMetrics(ServerContext context)
    {
        _context = context;
        Registry = Metrics.NewCustomRegistry();
        var factory = Metrics.WithCustomRegistry(Registry);
        string[] route = ["route", "event", "instrument"];
        string[] connection = ["name", "kind"];
        _eventsPerSecond = factory.CreateGauge("flowsight_engine_events_per_second", "Events the engine handled per second (last statistics window).");
        _eventsProcessed = factory.CreateGauge("flowsight_engine_events_processed", "Events the engine has handled since start.");
        _queueDepth = factory.CreateGauge("flowsight_engine_queue_depth", "Events waiting in the engine's ring buffer.");
        _ringCapacity = factory.CreateGauge("flowsight_engine_ring_capacity", "Slots in the engine's ring buffer.");
        _ringUtilisation = factory.CreateGauge("flowsight_engine_ring_utilisation", "Share of the ring buffer in use (0-1).");
        _producerStalls = factory.CreateGauge("flowsight_engine_producer_stalls", "Times a producer waited for a free ring slot.");
        _errors = factory.CreateGauge("flowsight_engine_errors", "Handler exceptions the engine caught.");
        _routeHandled = new(factory.CreateGauge("flowsight_route_events_handled", "Events a bus route handled.", route));
        _routeErrors = new(factory.CreateGauge("flowsight_route_errors", "Exceptions a bus route's handler threw.", route));
        _routeRate = new(factory.CreateGauge("flowsight_route_events_per_second", "Events per second on a bus route.", route));
        _routeLatency = new(factory.CreateGauge("flowsight_route_handler_latency_seconds", "A bus route's handler latency at a quantile.", [.. route, "quantile"]));
        _connectionUp = new(factory.CreateGauge("flowsight_connection_up", "1 when the connection carries data, else 0.", connection));
        _connectionReconnects = new(factory.CreateGauge("flowsight_connection_reconnects", "Reconnects since start.", connection));
        _connectionsUp = factory.CreateGauge("flowsight_connections_up", "Connections carrying data.");
        _bookSynced = new(factory.CreateGauge("flowsight_book_synced", "1 when the local book follows the venue's sequence.", ["client", "instrument"]));
        _ordersOpen = factory.CreateGauge("flowsight_orders_open", "Our open orders.");
        _equity = new(factory.CreateGauge("flowsight_account_equity", "Account equity in the account's asset.", ["asset"]));
        _tradingState = factory.CreateGauge("flowsight_trading_state", "Risk engine state: 0 ACTIVE, 1 REDUCING, 2 HALTED.");
        _killSwitch = factory.CreateGauge("flowsight_kill_switch_tripped", "1 while the kill switch is tripped.");
        _heapBytes = factory.CreateGauge("flowsight_gc_heap_bytes", "Managed heap size.");
        _workingSet = factory.CreateGauge("flowsight_working_set_bytes", "Process working set.");
        _gcPause = factory.CreateGauge("flowsight_gc_pause_time_percent", "Share of time paused in GC.");
        Registry.AddBeforeCollectCallback(Update);
    }

    /// <summary>The registry <c>/metrics</c> exports.</summary>
    public CollectorRegistry Registry { get; }

    private void Update()
    {
        lock (_scrape)
        {
            var replica = _context.Replica;
            var engine = replica.Engine;
            _eventsPerSecond.Set(engine.EventsPerSecond);
            _eventsProcessed.Set(engine.EventsProcessed);
            _queueDepth.Set(engine.QueueDepth);
            _ringCapacity.Set(engine.Capacity);
            _ringUtilisation.Set(engine.BufferUtilisation);
            _producerStalls.Set(engine.ProducerStalls);
            _errors.Set(engine.Errors);

            _routeHandled.Begin();
            _routeErrors.Begin();
            _routeRate.Begin();
            _routeLatency.Begin();
            foreach (var r in engine.Routes)
            {
                var instrument = r.Instrument ?? string.Empty;
                _routeHandled.Set(r.Handled, r.Name, r.EventType, instrument);
                _routeErrors.Set(r.Errors, r.Name, r.EventType, instrument);
                _routeRate.Set(r.EventsPerSecond, r.Name, r.EventType, instrument);
                long[] nanos = [r.P50Nanos, r.P95Nanos, r.P99Nanos, r.P999Nanos];
                for (var q = 0; q < Quantiles.Length; q++)
                {
                    _routeLatency.Set(nanos[q] / 1e9, r.Name, r.EventType, instrument, Quantiles[q]);
                }
            }

            _routeHandled.End();
            _routeErrors.End();
            _routeRate.End();
            _routeLatency.End();

            _connectionUp.Begin();
            _connectionReconnects.Begin();
            var up = 0;
            foreach (var c in engine.Connections)
            {
                var isUp = HealthEndpoints.IsUp(c);
                up += isUp ? 1 : 0;
                _connectionUp.Set(isUp ? 1 : 0, c.Name, c.Kind);
                _connectionReconnects.Set(c.Reconnects, c.Name, c.Kind);
            }

            _connectionUp.End();
            _connectionReconnects.End();
            _connectionsUp.Set(up);

            _bookSynced.Begin();
            foreach (var client in _context.MarketData)
            {
                foreach (var book in client.GetHealth().Books)
                {
                    _bookSynced.Set(book.Synced ? 1 : 0, client.Name, book.Instrument.ToString());
                }
            }

            _bookSynced.End();

            var risk = replica.Risk;
            _ordersOpen.Set(risk.OpenOrders);
            _tradingState.Set(risk.State.ToUpperInvariant() switch
            {
                "REDUCING" => 1,
                "HALTED" => 2,
                _ => 0,
            });
            _killSwitch.Set(risk.KillSwitchTripped ? 1 : 0);
            _equity.Begin();
            var account = replica.Account;
            if (!string.IsNullOrEmpty(account.Asset))
            {
                _equity.Set((double)account.Equity, account.Asset);
            }

            _equity.End();
            _heapBytes.Set(engine.Gc.HeapBytes);
            _workingSet.Set(engine.Gc.WorkingSetBytes);
            _gcPause.Set(engine.Gc.PauseTimePercent);
        }
    }
}
