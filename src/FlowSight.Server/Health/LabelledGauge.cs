using Prometheus;

namespace FlowSight.Server.Health;

/// <summary>
/// A labelled gauge refilled on every scrape: label sets not set this time (a route or connection that went away) are
/// removed, so the output never shows stale series.
/// </summary>
internal sealed class LabelledGauge(Gauge gauge)
{
    private HashSet<string[]> _previous = new(LabelComparer.Instance);
    private HashSet<string[]> _current = new(LabelComparer.Instance);

    /// <summary>Starts a scrape.</summary>
    public void Begin() => _current.Clear();

    /// <summary>Sets one series.</summary>
    public void Set(double value, params string[] labels)
    {
        gauge.WithLabels(labels).Set(value);
        _current.Add(labels);
    }

    /// <summary>Ends a scrape: drops the series not set since <see cref="Begin"/>.</summary>
    public void End()
    {
        foreach (var labels in _previous)
        {
            if (!_current.Contains(labels))
            {
                gauge.RemoveLabelled(labels);
            }
        }

        (_previous, _current) = (_current, _previous);
    }

    private sealed class LabelComparer : IEqualityComparer<string[]>
    {
        public static readonly LabelComparer Instance = new();

        public bool Equals(string[]? x, string[]? y) => x is not null && y is not null && x.AsSpan().SequenceEqual(y);

        public int GetHashCode(string[] obj)
        {
            var hash = default(HashCode);
            foreach (var label in obj)
            {
                hash.Add(label, StringComparer.Ordinal);
            }

            return hash.ToHashCode();
        }
    }
}
