using System.Collections.Concurrent;

namespace FlowSight.Core;

/// <summary>
/// A process-wide, append-only table that gives each distinct string a small dense integer.
/// Identifiers hold the integer, so market data events stay unmanaged (no references) and fit the engine's
/// struct ring slots; the strings are created once, at start-up or on first sight of a symbol.
/// </summary>
internal sealed class InternTable<TPayload>
{
    private readonly ConcurrentDictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private string[] _names = new string[64];
    private TPayload[] _payloads = new TPayload[64];
    private int _count;

    public int Intern(string name, TPayload payload)
    {
        if (_ids.TryGetValue(name, out var id))
        {
            return id;
        }

        lock (_gate)
        {
            if (_ids.TryGetValue(name, out id))
            {
                return id;
            }

            if (_count == _names.Length)
            {
                var grown = new string[_names.Length * 2];
                var grownPayloads = new TPayload[_names.Length * 2];
                Array.Copy(_names, grown, _count);
                Array.Copy(_payloads, grownPayloads, _count);
                // Readers index the arrays they loaded; publishing fully-copied arrays keeps them safe.
                Volatile.Write(ref _payloads, grownPayloads);
                Volatile.Write(ref _names, grown);
            }

            id = _count;
            _names[id] = name;
            _payloads[id] = payload;
            Volatile.Write(ref _count, id + 1);
            _ids[name] = id;
            return id;
        }
    }

    public bool TryGet(string name, out int id) => _ids.TryGetValue(name, out id);

    public string NameOf(int id)
    {
        Check(id);
        return Volatile.Read(ref _names)[id];
    }

    public TPayload PayloadOf(int id)
    {
        Check(id);
        return Volatile.Read(ref _payloads)[id];
    }

    private void Check(int id)
    {
        if ((uint)id >= (uint)Volatile.Read(ref _count))
        {
            throw new ArgumentOutOfRangeException(nameof(id), id, "Not an interned identifier.");
        }
    }
}
