using System.Collections.Immutable;
using System.Globalization;
using AccessSync.Core.Diagnostics;
using AccessSync.Core.Yaml;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;

namespace AccessSync.Core.Schema;

/// <summary>
/// Validates a located JSON tree against the schema and turns NJsonSchema's errors into diagnostics a person
/// can act on: at the YAML line and column, in the file's own vocabulary, with the nearest known key suggested.
/// </summary>
public static class SchemaValidator
{
    public static ImmutableArray<Diagnostic> Validate(JToken root, SchemaDefinition definition, string path)
    {
        var errors = AccessSyncSchema.For(definition).Validate(root, AccessSyncSchema.ValidatorSettings);
        return errors
            .SelectMany(Leaves)
            .DistinctBy(e => e.Path) // one complaint per value: "" breaks both minLength and pattern
            .Select(e => ToDiagnostic(e, path))
            .InReadingOrder()
            .ToImmutableArray();
    }

    /// <summary>
    /// The errors worth showing. Wrappers (array items, $ref) are opened. For anyOf, the alternative whose type
    /// fits the value is the one the user meant (a string for a short form, a mapping for the API's shape); its
    /// errors are shown. When no alternative fits, the anyOf error itself is.
    /// </summary>
    private static IEnumerable<ValidationError> Leaves(ValidationError error)
    {
        if (error is not ChildSchemaValidationError child)
        {
            return [error];
        }

        if (error.Kind is ValidationErrorKind.NotAnyOf or ValidationErrorKind.NotOneOf)
        {
            var fitting = child.Errors.Values
                .Where(branch => !branch.Any(e => e.Path == error.Path && IsTypeMismatch(e.Kind)))
                .ToList();
            return fitting.Count == 1 ? fitting[0].SelectMany(Leaves) : [error];
        }

        return child.Errors.Values.SelectMany(branch => branch).SelectMany(Leaves);
    }

    private static Diagnostic ToDiagnostic(ValidationError error, string path)
    {
        var token = error.Token;
        var span = token is null ? SourceSpan.StartOf(path) : LocatedJson.SpanOf(token, path);
        var field = FieldLabel(error);
        return error.Kind switch
        {
            ValidationErrorKind.NoAdditionalPropertiesAllowed =>
                Diagnostic.Error(DiagnosticCodes.UnknownKey, UnknownKeyMessage(error), span),
            ValidationErrorKind.PropertyRequired =>
                Diagnostic.Error(DiagnosticCodes.MissingKey, $"missing required key `{error.Property}`", span),
            _ when IsTypeMismatch(error.Kind) =>
                Diagnostic.Error(DiagnosticCodes.WrongType, $"`{field}` must be {Expected(error)}, not {Describe(token)}", span),
            ValidationErrorKind.NotAnyOf or ValidationErrorKind.NotOneOf =>
                Diagnostic.Error(DiagnosticCodes.WrongType, $"`{field}` must be {Alternatives(error.Schema)}, not {Describe(token)}", span),
            _ => Diagnostic.Error(DiagnosticCodes.InvalidValue, InvalidValueMessage(error, field, token), span),
        };
    }

    private static string UnknownKeyMessage(ValidationError error)
    {
        var schema = error.Schema.ActualSchema;
        var entity = Extension(schema, "x-entity") ?? "key";
        var known = schema.ActualProperties.Keys.ToList();
        var suggestion = EditDistance.NearestWithin(error.Property ?? string.Empty, known);
        return suggestion is not null
            ? $"unknown {entity} `{error.Property}`; did you mean `{suggestion}`?"
            : $"unknown {entity} `{error.Property}`; expected one of: {string.Join(", ", known)}";
    }

    private static string InvalidValueMessage(ValidationError error, string field, JToken? token)
    {
        var schema = error.Schema;
        var keyword = Keyword(error.Kind);
        var specific = (keyword is null ? null : KeywordMessage(schema, keyword))
            ?? Extension(schema, "x-message")
            ?? Extension(schema.ActualSchema, "x-message")
            ?? GenericMessage(error);
        var written = token is JValue { Type: JTokenType.String or JTokenType.Integer or JTokenType.Float or JTokenType.Boolean } value
            ? Convert.ToString(value.Value, CultureInfo.InvariantCulture)!
            : string.Empty;
        var got = written.Length == 0 ? string.Empty : $" (got `{(token!.Type == JTokenType.Boolean ? written.ToLowerInvariant() : written)}`)";
        if (error.Kind == ValidationErrorKind.NotInEnumeration && token is JValue { Type: JTokenType.String } typed)
        {
            var nearest = EditDistance.NearestWithin((string)typed!, schema.ActualSchema.Enumeration.OfType<string>());
            if (nearest is not null)
            {
                got = $" (got `{typed}`; did you mean `{nearest}`?)";
            }
        }

        return $"`{field}` {specific}{got}";
    }

    private static string GenericMessage(ValidationError error)
    {
        var schema = error.Schema.ActualSchema;
        return error.Kind switch
        {
            ValidationErrorKind.NotInEnumeration => $"must be one of {string.Join(", ", schema.Enumeration)}",
            ValidationErrorKind.StringTooShort => "must not be empty",
            ValidationErrorKind.TooFewItems => $"needs at least {schema.MinItems} item(s)",
            ValidationErrorKind.TooManyItems => $"takes at most {schema.MaxItems} item(s)",
            ValidationErrorKind.ItemsNotUnique => "lists the same value more than once",
            ValidationErrorKind.NumberTooSmall => $"must be at least {schema.Minimum}",
            ValidationErrorKind.NumberTooBig => $"must be at most {schema.Maximum}",
            ValidationErrorKind.TooFewProperties => $"needs at least {schema.MinProperties} key(s)",
            ValidationErrorKind.TooManyProperties => $"takes at most {schema.MaxProperties} key(s)",
            _ => $"is not valid ({error.Kind})",
        };
    }

    /// <summary>The JSON Schema keyword behind an error, where the schema may carry its own wording for it.</summary>
    private static string? Keyword(ValidationErrorKind kind) => kind switch
    {
        ValidationErrorKind.TooFewItems => "minItems",
        ValidationErrorKind.TooManyItems => "maxItems",
        ValidationErrorKind.TooFewProperties => "minProperties",
        ValidationErrorKind.TooManyProperties => "maxProperties",
        _ => null,
    };

    private static string? KeywordMessage(JsonSchema schema, string keyword) =>
        (schema.ActualSchema.ExtensionData ?? schema.ExtensionData) is { } data
        && data.TryGetValue("x-messages", out var messages)
            ? MessageFrom(messages, keyword)
            : null;

    private static string? MessageFrom(object? messages, string keyword) => messages switch
    {
        IDictionary<string, object?> dict when dict.TryGetValue(keyword, out var m) => m?.ToString(),
        JObject obj => obj[keyword]?.ToString(),
        _ => null,
    };

    private static string? Extension(JsonSchema schema, string name) =>
        schema.ExtensionData is { } data && data.TryGetValue(name, out var value) ? value?.ToString() : null;

    private static bool IsTypeMismatch(ValidationErrorKind kind) => kind is
        ValidationErrorKind.StringExpected or ValidationErrorKind.NumberExpected or ValidationErrorKind.IntegerExpected
        or ValidationErrorKind.BooleanExpected or ValidationErrorKind.ObjectExpected or ValidationErrorKind.ArrayExpected
        or ValidationErrorKind.NullExpected;

    private static string Expected(ValidationError error) => error.Kind switch
    {
        ValidationErrorKind.StringExpected => "a string",
        ValidationErrorKind.NumberExpected => "a number",
        ValidationErrorKind.IntegerExpected => "a whole number",
        ValidationErrorKind.BooleanExpected => "true or false",
        ValidationErrorKind.ObjectExpected => "a mapping",
        ValidationErrorKind.ArrayExpected => "a list",
        _ => "empty (null)",
    };

    private static string Alternatives(JsonSchema schema)
    {
        var types = schema.ActualSchema.AnyOf.Concat(schema.ActualSchema.OneOf)
            .Select(s => s.ActualSchema.Type)
            .Select(t => t switch
            {
                JsonObjectType.Object => "a mapping",
                JsonObjectType.Array => "a list",
                JsonObjectType.Boolean => "true",
                JsonObjectType.Null => "null",
                JsonObjectType.Integer => "a whole number",
                _ => "a string",
            })
            .Distinct();
        return string.Join(" or ", types);
    }

    /// <summary>What the user wrote, in YAML's words.</summary>
    private static string Describe(JToken? token) => token?.Type switch
    {
        JTokenType.Null => "empty",
        JTokenType.String => $"the string \"{token}\"",
        JTokenType.Integer or JTokenType.Float => $"the number {token}",
        JTokenType.Boolean => $"{token.ToString().ToLowerInvariant()}",
        JTokenType.Object => "a mapping",
        JTokenType.Array => "a list",
        _ => "something else",
    };

    /// <summary>The key a value belongs to, as the user wrote it: <c>geo</c>, or <c>include[2]</c> for a list item.</summary>
    private static string FieldLabel(ValidationError error)
    {
        var path = error.Path ?? string.Empty;
        var last = path[(path.LastIndexOf('.') + 1)..].TrimStart('#', '/');
        return last.Length == 0 ? "document" : last;
    }
}
