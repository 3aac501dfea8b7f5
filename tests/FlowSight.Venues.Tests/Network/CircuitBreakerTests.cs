using FlowSight.Venues.Network;
using Xunit;

namespace FlowSight.Venues.Tests.Network;

public sealed class CircuitBreakerTests
{
    [Fact]
    public void Opens_after_the_threshold_of_consecutive_failures()
    {
        var breaker = new CircuitBreaker(new CircuitBreakerOptions { FailureThreshold = 3 });
        Assert.False(breaker.RecordFailure());
        Assert.False(breaker.RecordFailure());
        Assert.Equal(CircuitState.Closed, breaker.State);
        Assert.True(breaker.RecordFailure());
        Assert.Equal(CircuitState.Open, breaker.State);
        Assert.Equal(1, breaker.Openings);
    }

    [Fact]
    public void A_success_resets_the_count()
    {
        var breaker = new CircuitBreaker(new CircuitBreakerOptions { FailureThreshold = 2 });
        breaker.RecordFailure();
        breaker.RecordSuccess();
        Assert.False(breaker.RecordFailure());
        Assert.Equal(CircuitState.Closed, breaker.State);
    }

    [Fact]
    public void Half_open_trial_failure_reopens_and_success_closes()
    {
        var breaker = new CircuitBreaker(new CircuitBreakerOptions { FailureThreshold = 2 });
        breaker.RecordFailure();
        breaker.RecordFailure();
        breaker.BeginTrial();
        Assert.Equal(CircuitState.HalfOpen, breaker.State);
        Assert.True(breaker.RecordFailure());
        Assert.Equal(CircuitState.Open, breaker.State);
        breaker.BeginTrial();
        breaker.RecordSuccess();
        Assert.Equal(CircuitState.Closed, breaker.State);
        Assert.Equal(0, breaker.ConsecutiveFailures);
        Assert.Equal(2, breaker.Openings);
    }

    [Fact]
    public void A_trial_needs_an_open_circuit()
    {
        var breaker = new CircuitBreaker(new CircuitBreakerOptions());
        Assert.Throws<InvalidOperationException>(breaker.BeginTrial);
    }
}
