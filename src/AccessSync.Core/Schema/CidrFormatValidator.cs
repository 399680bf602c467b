using Newtonsoft.Json.Linq;
using NJsonSchema.Validation;
using NJsonSchema.Validation.FormatValidators;

namespace AccessSync.Core.Schema;

/// <summary>The schema's <c>cidr</c> format (<see cref="CidrNotation"/>), as NJsonSchema asks a custom format for it.</summary>
internal sealed class CidrFormatValidator : IFormatValidator
{
    public string Format => "cidr";

    public ValidationErrorKind ValidationErrorKind => ValidationErrorKind.PatternMismatch;

    public bool IsValid(string value, JTokenType tokenType) => CidrNotation.IsCidr(value);
}
