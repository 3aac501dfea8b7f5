using Microsoft.AspNetCore.Http;

namespace FlowSight.PaperVenue.Binance.Rest;

/// <summary>
/// A Binance REST error: <c>{"code":-1102,"msg":"..."}</c> with its HTTP status (400 for request errors, 401 for
/// API-key errors, 429 for limits). Thrown anywhere in a handler; the pipeline writes it.
/// </summary>
public sealed class BinanceApiException : Exception
{
    /// <summary>Creates the error.</summary>
    public BinanceApiException(int code, string message, int httpStatus = StatusCodes.Status400BadRequest)
        : base(message)
    {
        Code = code;
        HttpStatus = httpStatus;
    }

    /// <summary>Creates an unspecified error (-1000).</summary>
    public BinanceApiException()
        : this(-1000, "An unknown error occurred while processing the request.")
    {
    }

    /// <summary>Creates an unspecified error (-1000) with a message.</summary>
    public BinanceApiException(string message)
        : this(-1000, message)
    {
    }

    /// <summary>Creates an unspecified error (-1000) with a message and cause.</summary>
    public BinanceApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = -1000;
        HttpStatus = StatusCodes.Status400BadRequest;
    }

    /// <summary>Binance's error code (negative).</summary>
    public int Code { get; }

    /// <summary>The HTTP status sent with it.</summary>
    public int HttpStatus { get; }

    /// <summary>-1102: a mandatory parameter is missing.</summary>
    public static BinanceApiException Mandatory(string name) =>
        new(-1102, $"Mandatory parameter '{name}' was not sent, was empty/null, or malformed.");

    /// <summary>-1100: illegal characters in a parameter.</summary>
    public static BinanceApiException IllegalCharacters(string name) =>
        new(-1100, $"Illegal characters found in parameter '{name}'; legal range is '^[0-9]{{1,20}}$'.");

    /// <summary>-1100 for a decimal parameter.</summary>
    public static BinanceApiException IllegalDecimal(string name) =>
        new(-1100, $"Illegal characters found in parameter '{name}'; legal range is '^([0-9]{{1,20}})(\\.[0-9]{{1,20}})?$'.");

    /// <summary>-1121: the symbol is not listed.</summary>
    public static BinanceApiException InvalidSymbol() => new(-1121, "Invalid symbol.");

    /// <summary>-2013: no such order (queries).</summary>
    public static BinanceApiException OrderDoesNotExist() => new(-2013, "Order does not exist.");

    /// <summary>-2011: no such open order (cancels).</summary>
    public static BinanceApiException UnknownOrder() => new(-2011, "Unknown order sent.");
}
