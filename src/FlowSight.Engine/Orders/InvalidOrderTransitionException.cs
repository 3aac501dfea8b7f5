using FlowSight.Core;

namespace FlowSight.Engine.Orders;

/// <summary>
/// Code tried to move an order along an edge the state machine does not have (e.g. from Filled back to Accepted).
/// A bug in the caller, never a venue's late report: the execution engine recognises those and ignores them.
/// </summary>
public sealed class InvalidOrderTransitionException : InvalidOperationException
{
    /// <summary>Creates the exception for <paramref name="clientOrderId"/> going from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public InvalidOrderTransitionException(ClientOrderId clientOrderId, OrderStatus from, OrderStatus to)
        : base($"order {clientOrderId}: cannot go from {from} to {to}")
    {
        ClientOrderId = clientOrderId;
        From = from;
        To = to;
    }

    /// <summary>Creates the exception with a message only.</summary>
    public InvalidOrderTransitionException()
    {
    }

    /// <summary>Creates the exception with a message only.</summary>
    public InvalidOrderTransitionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public InvalidOrderTransitionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The order.</summary>
    public ClientOrderId ClientOrderId { get; }

    /// <summary>Its status before the refused transition.</summary>
    public OrderStatus From { get; }

    /// <summary>The status asked for.</summary>
    public OrderStatus To { get; }
}
