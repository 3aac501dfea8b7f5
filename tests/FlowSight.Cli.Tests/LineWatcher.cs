using System.Text;

namespace FlowSight.Cli.Tests;

/// <summary>
/// A TextWriter a command prints its status lines to: it keeps every line and completes <see cref="Matched"/> when
/// one satisfies the condition, so a test stops the command as soon as it showed what was expected, never after a sleep.
/// </summary>
internal sealed class LineWatcher(Func<string, bool> condition) : TextWriter
{
    private readonly StringBuilder _current = new();
    private readonly List<string> _lines = [];
    private readonly TaskCompletionSource<string> _matched = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override Encoding Encoding => Encoding.UTF8;

    /// <summary>The first line that satisfied the condition.</summary>
    public Task<string> Matched => _matched.Task;

    /// <summary>Every line so far.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    public override void Write(char value)
    {
        lock (_lines)
        {
            if (value != '\n')
            {
                _current.Append(value);
                return;
            }

            var line = _current.ToString().TrimEnd('\r');
            _current.Clear();
            _lines.Add(line);
            if (condition(line))
            {
                _matched.TrySetResult(line);
            }
        }
    }

    public override void Write(string? value)
    {
        foreach (var c in value ?? string.Empty)
        {
            Write(c);
        }
    }

    public override void WriteLine(string? value)
    {
        Write(value);
        Write('\n');
    }

    public override Task WriteLineAsync(string? value)
    {
        WriteLine(value);
        return Task.CompletedTask;
    }

    /// <summary>Waits for the matching line (failing after <paramref name="timeout"/> with what was printed).</summary>
    public async Task<string> WaitAsync(TimeSpan timeout)
    {
        try
        {
            return await Matched.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"No matching line within {timeout}; printed:\n{string.Join('\n', Lines)}");
        }
    }
}
