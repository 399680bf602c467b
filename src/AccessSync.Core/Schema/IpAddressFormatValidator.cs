using Newtonsoft.Json.Linq;
using NJsonSchema.Validation;
using NJsonSchema.Validation.FormatValidators;

namespace AccessSync.Core.Schema;

/// <summary>The schema's <c>ip-address</c> format: one IPv4 or IPv6 address, as a request comes from; no range.</summary>
internal sealed class IpAddressFormatValidator : IFormatValidator
{
    public string Format => "ip-address";

    public ValidationErrorKind ValidationErrorKind => ValidationErrorKind.PatternMismatch;

    public bool IsValid(string value, JTokenType tokenType) => !value.Contains('/', StringComparison.Ordinal) && CidrNotation.IsCidr(value);
}
