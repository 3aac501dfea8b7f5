using FlowSight.Core;
using FlowSight.Engine.Bus;
using FlowSight.Engine.Configuration;
using FlowSight.Engine.Hosting;
using FlowSight.Engine.Messaging;
using FlowSight.TestKit;
using Xunit;

namespace FlowSight.Engine.Tests.Hosting;

public sealed class EngineLoopTests
{
    private static readonly InstrumentId Btc = InstrumentId.Parse("BTCUSDT-PERP.BINANCE");

    private static FlowSightOptions Options(Action<FlowSightOptions>? change = null)
    {
        var options = new FlowSightOptions { EventBufferSize = 1_024, WaitStrategy = WaitStrategyKind.Blocking };
        change?.Invoke(options);
        return options;
    }

    private static TradeTick Trade(long id) => new(Btc, Price.FromRaw(618_003 + id, 1), Quantity.FromRaw(5, 3), AggressorSide.Buyer, id, 0, 0);

    [Fact]
    public void Driven_mode_delivers_every_kind_in_order_on_the_calling_thread()
    {
        using var engine = new EngineLoop(Options(), new SimulatedClock(5_000));
        var seen = new List<string>();
        engine.Bus.Subscribe("trades", new Handler<TradeTick>(t => seen.Add($"trade {t.TradeId}")));
        engine.Bus.Subscribe("quotes", new Handler<QuoteTick>(q => seen.Add($"quote {q.UpdateId}")));
        engine.Bus.Subscribe("deltas", new Handler<BookDelta>(d => seen.Add($"delta {d.Price}{(d.IsLast ? " last" : string.Empty)}")));
        engine.Bus.Subscribe("marks", new Handler<MarkPrice>(m => seen.Add($"mark {m.Mark}")));
        engine.Bus.Subscribe("snapshots", new Handler<BookSnapshot>(s => seen.Add($"snapshot {s.LastUpdateId}")));

        engine.Publish(Trade(1));
        engine.Publish(new QuoteTick(Btc, Price.FromRaw(1, 1), Quantity.FromRaw(1, 3), Price.FromRaw(2, 1), Quantity.FromRaw(1, 3), 77, 0, 0));
        var batch = new BookDeltas();
        batch.Add(new BookDelta(Btc, BookAction.Set, OrderSide.Buy, Price.FromRaw(10, 1), Quantity.FromRaw(1, 3), 9, BookDeltaFlags.None, 0, 0));
        batch.Add(new BookDelta(Btc, BookAction.Delete, OrderSide.Sell, Price.FromRaw(11, 1), Quantity.Zero(3), 9, BookDeltaFlags.None, 0, 0));
        batch.MarkLast();
        engine.Publish(batch);
        engine.Publish(new MarkPrice(Btc, Price.FromRaw(5, 0), Price.FromRaw(5, 0), default, 0.0001m, 0, 0, 0));
        engine.PublishObject(new BookSnapshot(Btc, 42, [], [], 0, 0));
        var threadOfCallback = -1;
        engine.Post(_ => threadOfCallback = Environment.CurrentManagedThreadId);

        Assert.Empty(seen); // nothing runs until the engine is driven
        Assert.Equal(7, engine.RunPending());

        Assert.Equal(["trade 1", "quote 77", "delta 1.0", "delta 1.1 last", "mark 5", "snapshot 42"], seen);
        Assert.Equal(Environment.CurrentManagedThreadId, threadOfCallback);
        Assert.Equal(5_000, engine.Now);
    }

    [Fact]
    public void Threaded_mode_delivers_everything_from_several_producers()
    {
        const int perProducer = 200_000;
        using var engine = new EngineLoop(Options(o => o.WaitStrategy = WaitStrategyKind.Yielding));
        var done = new ManualResetEventSlim();
        long count = 0;
        var lastPerProducer = new long[2];
        var outOfOrder = 0;
        engine.Bus.Subscribe("count", new Handler<TradeTick>(t =>
        {
            var producer = (int)(t.TradeId >> 32);
            var n = t.TradeId & 0xFFFF_FFFF;
            if (n != lastPerProducer[producer] + 1)
            {
                outOfOrder++;
            }

            lastPerProducer[producer] = n;
            if (++count == 2 * perProducer)
            {
                done.Set();
            }
        }));
        engine.Start();

        var producers = Enumerable.Range(0, 2).Select(p => Task.Run(() =>
        {
            for (long i = 1; i <= perProducer; i++)
            {
                engine.Publish(Trade(((long)p << 32) | i));
            }
        })).ToArray();

        Assert.True(Task.WaitAll(producers, TimeSpan.FromSeconds(60)));
        Assert.True(done.Wait(TimeSpan.FromSeconds(60)), $"only {Interlocked.Read(ref count)} of {2 * perProducer} events arrived");
        engine.Stop();
        Assert.Equal(0, outOfOrder);
    }

    [Fact]
    public void A_depth_message_is_never_split_by_another_producer()
    {
        using var engine = new EngineLoop(Options(o => o.WaitStrategy = WaitStrategyKind.Yielding));
        const int messages = 2_000;
        var inMessage = false;
        var interleaved = 0;
        var completed = 0;
        var done = new ManualResetEventSlim();
        engine.Bus.Subscribe("deltas", new Handler<BookDelta>(d =>
        {
            inMessage = !d.IsLast;
            if (d.IsLast && ++completed == messages)
            {
                done.Set();
            }
        }));
        engine.Bus.Subscribe("trades", new Handler<TradeTick>(_ =>
        {
            if (inMessage)
            {
                interleaved++;
            }
        }));
        engine.Start();

        var depth = Task.Run(() =>
        {
            var batch = new BookDeltas();
            for (var m = 0; m < messages; m++)
            {
                batch.Clear();
                for (var i = 0; i < 68; i++)
                {
                    batch.Add(new BookDelta(Btc, BookAction.Set, OrderSide.Buy, Price.FromRaw(i, 1), Quantity.FromRaw(1, 3), m, BookDeltaFlags.None, 0, 0));
                }

                batch.MarkLast();
                engine.Publish(batch);
            }
        });
        var trades = Task.Run(() =>
        {
            for (var i = 0; i < 100_000; i++)
            {
                engine.Publish(Trade(i));
            }
        });

        Assert.True(Task.WaitAll([depth, trades], TimeSpan.FromSeconds(60)));
        Assert.True(done.Wait(TimeSpan.FromSeconds(60)));
        engine.Stop();
        Assert.Equal(0, interleaved);
    }

    [Fact]
    public void A_depth_message_larger_than_the_ring_is_refused()
    {
        using var engine = new EngineLoop(Options());
        var batch = new BookDeltas();
        for (var i = 0; i < 1_025; i++)
        {
            batch.Add(new BookDelta(Btc, BookAction.Set, OrderSide.Buy, Price.FromRaw(i, 1), Quantity.FromRaw(1, 3), 1, BookDeltaFlags.None, 0, 0));
        }

        var ex = Assert.Throws<ArgumentException>(() => engine.Publish(batch));
        Assert.Contains("EventBufferSize", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void With_continue_a_throwing_handler_is_counted_and_the_engine_goes_on()
    {
        using var engine = new EngineLoop(Options(o => o.ErrorPolicy = ConsumerErrorPolicy.Continue), new SimulatedClock());
        var survived = 0;
        engine.Bus.Subscribe(new Subscription<TradeTick> { Name = "broken", Priority = 1 }, new Handler<TradeTick>(t =>
        {
            if (t.TradeId == 2)
            {
                throw new InvalidOperationException("bad trade");
            }
        }));
        engine.Bus.Subscribe("after", new Handler<TradeTick>(_ => survived++));

        for (var i = 1; i <= 3; i++)
        {
            engine.Publish(Trade(i));
        }

        Assert.Equal(3, engine.RunPending());
        Assert.Equal(3, survived);
        var stats = engine.TakeStatistics();
        Assert.Equal(1, stats.Errors);
        Assert.Equal(1, stats.Routes.Single(r => r.Name == "broken").Errors);
    }

    [Fact]
    public void With_stop_a_throwing_handler_stops_the_engine_and_producers_do_not_hang()
    {
        using var engine = new EngineLoop(Options(o => o.ErrorPolicy = ConsumerErrorPolicy.Stop));
        engine.Bus.Subscribe("broken", new Handler<TradeTick>(_ => throw new InvalidOperationException("fatal handler")));
        engine.Start();

        engine.Publish(Trade(1));
        var completion = engine.Completion;
        Assert.True(((IAsyncResult)completion).AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(30)));
        Assert.True(completion.IsFaulted);
        Assert.Contains("fatal handler", completion.Exception!.ToString(), StringComparison.Ordinal);

        // The ring is halted: a producer that would have to wait for space gets an exception instead of hanging.
        var producer = Task.Run(() =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                engine.Publish(Trade(i));
            }
        });
        var ex = Assert.Throws<AggregateException>(() => producer.Wait(TimeSpan.FromSeconds(30)));
        Assert.IsType<RingBufferHaltedException>(ex.InnerException);
    }

    [Fact]
    public void Statistics_follow_the_engine_clock()
    {
        var clock = new SimulatedClock(1_000_000_000);
        using var engine = new EngineLoop(Options(o => o.StatisticsInterval = TimeSpan.FromSeconds(1)), clock);
        var published = new List<EngineStatistics>();
        engine.StatisticsPublished += published.Add;
        engine.Bus.Subscribe("trades", new Handler<TradeTick>(_ => { }));

        for (var i = 0; i < 500; i++)
        {
            engine.Publish(Trade(i));
        }

        engine.RunPending();
        Assert.Empty(published); // the interval has not passed on the engine's clock

        clock.Advance(TimeSpan.FromSeconds(2));
        engine.Publish(Trade(500));
        engine.RunPending();

        var stats = Assert.Single(published);
        Assert.Equal(501, stats.EventsProcessed);
        Assert.Equal(250.5, stats.EventsPerSecond, 3);
        Assert.Equal(3_000_000_000, stats.TakenAt);
        Assert.Equal(1_024, stats.Capacity);
        Assert.Equal(0, stats.QueueDepth);
        Assert.Equal(501, stats.Routes.Single().Handled);
    }

    [Fact]
    public void Pins_its_thread_when_configured()
    {
        Assert.SkipUnless(CpuAffinity.IsSupported, "CPU pinning is implemented on Linux only.");
        var cpu = Environment.ProcessorCount - 1;
        using var engine = new EngineLoop(Options(o => o.CpuAffinity = cpu));
        engine.Start();
        var cpus = new TaskCompletionSource<IReadOnlyList<int>>();
        engine.Post(_ => cpus.SetResult(CpuAffinity.GetCurrentThreadCpus()));

        Assert.True(cpus.Task.Wait(TimeSpan.FromSeconds(30)));
        Assert.Equal([cpu], cpus.Task.Result);
    }

    [Fact]
    public void Publishing_and_consuming_ticks_allocates_nothing()
    {
        using var engine = new EngineLoop(Options(), new SimulatedClock());
        long sum = 0;
        engine.Bus.Subscribe("sum", new Handler<TradeTick>(t => sum += t.TradeId));
        var trade = Trade(1);
        for (var i = 0; i < 2_000; i++)
        {
            engine.Publish(in trade);
            engine.RunPending();
        }

        var rounds = 0;
        var allocated = Allocations.Fewest(() =>
        {
            rounds++;
            for (var i = 0; i < 100_000; i++)
            {
                engine.Publish(in trade);
                if ((i & 511) == 511)
                {
                    engine.RunPending();
                }
            }

            engine.RunPending();
        });

        Assert.Equal(0, allocated);
        Assert.Equal(2_000 + (100_000 * rounds), sum);
    }

    private sealed class Handler<T>(Action<T> action) : IEventHandler<T>
        where T : notnull
    {
        public void Handle(in T evt) => action(evt);
    }
}
