using Xunit;

namespace FlowSight.Engine.Tests.Messaging;

/// <summary>Upper bounds for waits, so a bug fails a test instead of hanging it; never used to pace a test.</summary>
internal static class TestTimeouts
{
    public static readonly TimeSpan Long = TimeSpan.FromSeconds(60);

    public static readonly TimeSpan Short = TimeSpan.FromSeconds(10);

    public static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Awaits <paramref name="task"/>; a <see cref="TimeoutException"/> after <see cref="Short"/> fails the test.</summary>
    public static Task Within(this Task task) => task.WaitAsync(Short, Token);

    /// <summary>Awaits <paramref name="task"/>; a <see cref="TimeoutException"/> after <see cref="Long"/> fails the test.</summary>
    public static Task WithinLong(this Task task) => task.WaitAsync(Long, Token);
}
