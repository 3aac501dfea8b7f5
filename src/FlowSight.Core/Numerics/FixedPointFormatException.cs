namespace FlowSight.Core;

/// <summary>
/// Thrown by the <c>Parse</c> methods of <see cref="Price"/>, <see cref="Quantity"/> and <see cref="Money"/>.
/// The message quotes the input; <see cref="Error"/> says what was wrong for code that branches on it.
/// </summary>
public sealed class FixedPointFormatException : FormatException
{
    /// <summary>Creates an exception without an error kind (<see cref="FixedPointError.None"/>).</summary>
    public FixedPointFormatException()
    {
    }

    /// <summary>Creates an exception with a message and no error kind.</summary>
    public FixedPointFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message, an inner exception and no error kind.</summary>
    public FixedPointFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception for <paramref name="input"/> rejected with <paramref name="error"/>.</summary>
    public FixedPointFormatException(FixedPointError error, string input, string message)
        : base(message)
    {
        Error = error;
        Input = input;
    }

    /// <summary>What was wrong with the input.</summary>
    public FixedPointError Error { get; }

    /// <summary>The rejected input as text (invalid UTF-8 shows as U+FFFD), or null when not given.</summary>
    public string? Input { get; }
}
