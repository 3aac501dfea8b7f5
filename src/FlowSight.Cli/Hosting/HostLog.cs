using System.Globalization;
using FlowSight.Cli.Commands;
using Microsoft.Extensions.Logging;

namespace FlowSight.Cli.Hosting;

/// <summary>
/// Where <c>flowsight demo</c> and <c>flowsight serve</c> log: a file per run under <c>./data/logs</c>, so the console
/// keeps only what a person needs (the URL, the login, errors).
/// </summary>
internal static class HostLog
{
    /// <summary>The folder of the log files: <c>./data/logs</c>.</summary>
    public static string Folder => Path.Combine(Environment.CurrentDirectory, "data", "logs");

    /// <summary>Opens a new log file named after <paramref name="command"/> and the time; returns its path too.</summary>
    public static (ILoggerFactory Loggers, string Path) Open(string command)
    {
        Directory.CreateDirectory(Folder);
        var stamp = DateTimeOffset.UtcNow.ToString("yyyyMMdd-HHmmss-fff", CultureInfo.InvariantCulture);
        var path = Path.Combine(Folder, $"{command}-{stamp}.log");
        return (new QuietAspNetLoggers(FileLog.Create(path)), path);
    }
}
