namespace FlowSight.TestServers.GateIo;

/// <summary>A refusal the server answers with Gate's error body <c>{"label":…,"message":…}</c>.</summary>
public sealed class GateIoPrivateErrorException : Exception
{
    /// <summary>Creates a refusal.</summary>
    public GateIoPrivateErrorException(int status, string label, string message)
        : base(message)
    {
        Status = status;
        Label = label;
    }

    /// <summary>Creates an empty refusal.</summary>
    public GateIoPrivateErrorException()
        : this(400, "INVALID_PARAM_VALUE", "invalid")
    {
    }

    /// <summary>Creates a refusal with a message.</summary>
    public GateIoPrivateErrorException(string message)
        : this(400, "INVALID_PARAM_VALUE", message)
    {
    }

    /// <summary>Creates a refusal with a message and cause.</summary>
    public GateIoPrivateErrorException(string message, Exception innerException)
        : base(message, innerException)
    {
        Status = 400;
        Label = "INVALID_PARAM_VALUE";
    }

    /// <summary>HTTP status.</summary>
    public int Status { get; }

    /// <summary>Gate's label.</summary>
    public string Label { get; }
}
