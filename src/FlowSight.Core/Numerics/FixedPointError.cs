namespace FlowSight.Core;

/// <summary>Why a text or a decimal could not become a <see cref="Price"/>, <see cref="Quantity"/> or <see cref="Money"/>.</summary>
/// <remarks>
/// Syntax errors (the first five after <see cref="None"/>) are reported before value errors, so a malformed input
/// never reports <see cref="PrecisionExceeded"/> or <see cref="Overflow"/>.
/// </remarks>
public enum FixedPointError : byte
{
    /// <summary>No error.</summary>
    None = 0,

    /// <summary>The input is empty.</summary>
    Empty,

    /// <summary>A character other than a digit, '.' or a leading '-' (spaces, exponents, "NaN", letters).</summary>
    InvalidCharacter,

    /// <summary>'+', a second '-', or a '-' anywhere but first ("+1", "--1", "+-1", "1-").</summary>
    InvalidSign,

    /// <summary>A '.' without digits on both sides, or a second '.' (".5", "5.", ".", "1.2.3").</summary>
    MisplacedDecimalPoint,

    /// <summary>A sign without any digit ("-").</summary>
    NoDigits,

    /// <summary>More than 18 significant digits (leading zeros do not count).</summary>
    TooManyDigits,

    /// <summary>More than 9 decimals when the precision is inferred from the text.</summary>
    TooManyDecimals,

    /// <summary>A non-zero digit beyond the requested precision: the value is not representable, and truncating it silently would change it.</summary>
    PrecisionExceeded,

    /// <summary>The value does not fit a 64-bit raw integer at the requested precision.</summary>
    Overflow,

    /// <summary>A negative value where only non-negative values are valid (a <see cref="Quantity"/>).</summary>
    Negative,
}
