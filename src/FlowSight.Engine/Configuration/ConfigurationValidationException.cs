namespace FlowSight.Engine.Configuration;

/// <summary>The configuration is invalid; <see cref="Errors"/> says what is wrong, one sentence per problem.</summary>
public sealed class ConfigurationValidationException : Exception
{
    /// <summary>Creates the exception from a list of problems.</summary>
    public ConfigurationValidationException(IReadOnlyList<string> errors)
        : base("Invalid FlowSight configuration:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  - " + e)))
    {
        Errors = errors;
    }

    /// <summary>Creates the exception with one problem.</summary>
    public ConfigurationValidationException(string error, Exception? inner = null)
        : base("Invalid FlowSight configuration:" + Environment.NewLine + "  - " + error, inner)
    {
        Errors = [error];
    }

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<string> Errors { get; }
}
