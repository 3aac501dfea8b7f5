using Microsoft.Extensions.Logging;

namespace FlowSight.Cli.Commands;

/// <summary>
/// A logger factory for commands that own the terminal (the watch view): log lines go to a file when asked, and
/// nowhere otherwise, so they never tear the full-screen view.
/// </summary>
internal static class FileLog
{
    public static ILoggerFactory Create(string? path) =>
        path is null ? LoggerFactory.Create(_ => { }) : LoggerFactory.Create(builder => builder.AddProvider(new FileLoggerProvider(path)));

    private sealed class FileLoggerProvider(string path) : ILoggerProvider
    {
        private readonly StreamWriter _writer = new(path, append: true) { AutoFlush = true };
        private readonly Lock _gate = new();

        public ILogger CreateLogger(string categoryName) => new FileLogger(this, categoryName);

        public void Dispose() => _writer.Dispose();

        private void Write(string line)
        {
            lock (_gate)
            {
                _writer.WriteLine(line);
            }
        }

        private sealed class FileLogger(FileLoggerProvider owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel))
                {
                    owner.Write($"{DateTimeOffset.UtcNow:O} {logLevel} {category}: {formatter(state, exception)}{(exception is null ? string.Empty : " " + exception.Message)}");
                }
            }
        }
    }
}
