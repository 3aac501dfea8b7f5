using FlowSight.Core;
using FlowSight.Engine.Bus;

namespace FlowSight.Engine.OrderBook;

/// <summary>
/// The engine's books: applies every <see cref="BookDelta"/> that reaches the bus to its instrument's
/// <see cref="L2OrderBook"/>, on the engine thread. Venue adapters check the venue's sequencing rules before
/// publishing; this manager checks what only the whole book shows — a crossed book or a delta it cannot represent —
/// once a venue message is complete, and reports it so the adapter can resynchronise from a snapshot.
/// </summary>
public sealed class OrderBookManager : IEventHandler<BookDelta>
{
    private readonly Dictionary<InstrumentId, L2OrderBook> _books = [];
    private readonly Action<BookFault>? _onFault;
    private readonly int _capacity;
    private L2OrderBook? _last;
    private bool _rejectedInMessage;

    /// <summary>Creates the manager.</summary>
    /// <param name="onFault">Told, on the engine thread, when a book is crossed or refused a delta after a complete message.</param>
    /// <param name="capacity">Levels per side to pre-allocate for each new book.</param>
    public OrderBookManager(Action<BookFault>? onFault = null, int capacity = 1024)
    {
        _onFault = onFault;
        _capacity = capacity;
    }

    /// <summary>Books by instrument (read on the engine thread only).</summary>
    public IReadOnlyDictionary<InstrumentId, L2OrderBook> Books => _books;

    /// <summary>Messages completed since start.</summary>
    public long MessagesApplied { get; private set; }

    /// <summary>Faults reported since start.</summary>
    public long Faults { get; private set; }

    /// <summary>Subscribes the manager to every book delta on <paramref name="bus"/>, ahead of other handlers so they see the updated book.</summary>
    public IDisposable Attach(EventBus bus)
    {
        ArgumentNullException.ThrowIfNull(bus);
        return bus.Subscribe(new Subscription<BookDelta> { Name = "order-books", Priority = int.MaxValue }, this);
    }

    /// <summary>Creates (or returns) the book of an instrument with the instrument's precisions, before any data arrives.</summary>
    public L2OrderBook Register(InstrumentId instrument, byte pricePrecision, byte sizePrecision)
    {
        if (!_books.TryGetValue(instrument, out var book))
        {
            book = new L2OrderBook(instrument, pricePrecision, sizePrecision, _capacity);
            _books.Add(instrument, book);
        }

        return book;
    }

    /// <summary>The book of <paramref name="instrument"/>, if it has one.</summary>
    public bool TryGetBook(InstrumentId instrument, out L2OrderBook book) => _books.TryGetValue(instrument, out book!);

    /// <inheritdoc />
    public void Handle(in BookDelta evt)
    {
        var book = _last is { } last && last.Instrument == evt.Instrument ? last : BookFor(in evt);
        if (book is null)
        {
            return; // a snapshot's leading Clear for an instrument with no book yet: nothing to clear
        }

        _last = book;
        if (!book.Apply(in evt))
        {
            _rejectedInMessage = true;
        }

        if (!evt.IsLast)
        {
            return;
        }

        book.LastUpdateId = evt.Sequence;
        book.LastEventTime = evt.EventTime;
        MessagesApplied++;
        if (_rejectedInMessage || book.IsCrossed)
        {
            var reason = _rejectedInMessage ? BookFaultReason.UnrepresentableDelta : BookFaultReason.Crossed;
            _rejectedInMessage = false;
            Faults++;
            _onFault?.Invoke(new BookFault(evt.Instrument, reason, evt.Sequence));
        }
    }

    private L2OrderBook? BookFor(in BookDelta evt)
    {
        if (!_books.TryGetValue(evt.Instrument, out var book))
        {
            if (evt.Action == BookAction.Clear)
            {
                return null;
            }

            // No registered spec: the first delta's precisions define the book's.
            book = new L2OrderBook(evt.Instrument, evt.Price.Precision, evt.Size.Precision, _capacity);
            _books.Add(evt.Instrument, book);
        }

        return book;
    }
}
