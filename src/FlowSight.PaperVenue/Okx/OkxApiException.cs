namespace FlowSight.PaperVenue.Okx;

/// <summary>An OKX v5 error answered as <c>{"code":"…","msg":"…","data":[]}</c> with the HTTP status OKX uses for it.</summary>
public sealed class OkxApiException : Exception
{
    /// <summary>Creates the error.</summary>
    public OkxApiException(string code, string message, int httpStatus = 400)
        : base(message)
    {
        Code = code;
        HttpStatus = httpStatus;
    }

    /// <summary>Creates an empty error (for serializers).</summary>
    public OkxApiException()
        : this("50000", "Bad request")
    {
    }

    /// <summary>Creates an error with OKX's generic code.</summary>
    public OkxApiException(string message)
        : this("50000", message)
    {
    }

    /// <summary>Creates an error with OKX's generic code and an inner cause.</summary>
    public OkxApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = "50000";
        HttpStatus = 400;
    }

    /// <summary>OKX's code, e.g. <c>50113</c>.</summary>
    public string Code { get; }

    /// <summary>The HTTP status OKX answers it with (401 for authentication, 429 for limits, 400 for parameters, 200 for business errors).</summary>
    public int HttpStatus { get; }

    /// <summary><c>50014</c>: a required parameter is missing (HTTP 400).</summary>
    public static OkxApiException Missing(string parameter) => new("50014", $"Parameter {parameter} can not be empty.", 400);

    /// <summary><c>51000</c>: a parameter is malformed (HTTP 400).</summary>
    public static OkxApiException Invalid(string parameter) => new("51000", $"Parameter {parameter} error", 400);

    /// <summary><c>51001</c>: the instrument is not listed (HTTP 200, as OKX).</summary>
    public static OkxApiException UnknownInstrument() => new("51001", "Instrument ID does not exist", 200);
}
