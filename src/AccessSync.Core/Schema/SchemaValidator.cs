using System.Collections.Immutable;
using System.Globalization;
using AccessSync.Core.Diagnostics;
using AccessSync.Core.Yaml;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;

namespace AccessSync.Core.Schema;

/// <summary>
/// Validates a located tree against the schema and turns NJsonSchema's errors into diagnostics a person
/// can act on: at the YAML line and column, in the file's own vocabulary, with the nearest known key suggested.
/// A tree the quick acceptance vouches for (<see cref="SchemaAcceptance"/>: most files) has no errors to find, and
/// NJsonSchema, which validates Newtonsoft tokens, sees only the others; this is the one place that builds those
/// tokens (<see cref="LocatedJToken"/>).
/// </summary>
public static class SchemaValidator
{
    public static ImmutableArray<Diagnostic> Validate(LocatedNode root, SchemaDefinition definition, string path) =>
        Check(root, definition, path).Diagnostics;

    /// <summary>The diagnostics, and which check settled them.</summary>
    internal static SchemaCheck Check(LocatedNode root, SchemaDefinition definition, string path) =>
        SchemaAcceptance.Accepts(root, definition)
            ? SchemaCheck.AcceptedQuickly
            : new SchemaCheck(ValidateWithNJsonSchema(root, definition, path), SchemaCheckPath.NJsonSchema);

    /// <summary>NJsonSchema's verdict on the whole tree, in diagnostics.</summary>
    internal static ImmutableArray<Diagnostic> ValidateWithNJsonSchema(LocatedNode root, SchemaDefinition definition, string path)
    {
        var errors = AccessSyncSchema.For(definition).Validate(LocatedJToken.From(root), AccessSyncSchema.ValidatorSettings);
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
    /// errors are shown. Where several fit (a policy and a <c>use</c> entry are both mappings), the one the value
    /// comes closest to, with the fewest errors, is meant. When none fits, or two come equally close, the anyOf
    /// error itself is shown, since picking one would be a guess.
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
                .Select(branch => branch.SelectMany(Leaves).ToList())
                .OrderBy(leaves => leaves.Count)
                .ToList();
            var closest = fitting.Count == 1 || (fitting.Count > 1 && fitting[0].Count < fitting[1].Count);
            return closest ? fitting[0] : [error];
        }

        return child.Errors.Values.SelectMany(branch => branch).SelectMany(Leaves);
    }

    private static Diagnostic ToDiagnostic(ValidationError error, string path)
    {
        var token = error.Token;
        var span = token is null ? SourceSpan.StartOf(path) : LocatedJToken.SpanOf(token, path);
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
                Diagnostic.Error(DiagnosticCodes.WrongType, NoAlternativeMessage(error.Schema, field, token), span),
            _ => Diagnostic.Error(DiagnosticCodes.InvalidValue, InvalidValueMessage(error, field, token), span),
        };
    }

    /// <summary>
    /// The unknown key, with the known one it most likely stands for, else the keys it could be. A key that the
    /// schema refuses on purpose (<c>x-refused-keys</c>: <c>zone_id</c> of a reusable policy) says why instead.
    /// A key marked <c>x-unlisted</c> (<c>kind</c>) is suggested for a near miss but left out of the list: the
    /// file's kind is settled before this check, so listing it would only distract.
    /// </summary>
    private static string UnknownKeyMessage(ValidationError error)
    {
        var schema = error.Schema.ActualSchema;
        var key = error.Property ?? string.Empty;
        if (MessageFrom(RawExtension(schema, "x-refused-keys"), key) is { } refusal)
        {
            return $"`{key}` {refusal}";
        }

        var entity = Extension(schema, "x-entity") ?? "key";
        var known = schema.ActualProperties.Keys.ToList();
        var suggestion = EditDistance.NearestWithin(key, known);
        var listed = schema.ActualProperties.Where(p => RawExtension(p.Value, "x-unlisted") is null).Select(p => p.Key);
        return suggestion is not null
            ? $"unknown {entity} `{key}`; did you mean `{suggestion}`?"
            : $"unknown {entity} `{key}`; expected one of: {string.Join(", ", listed)}";
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

    private static string? Extension(JsonSchema schema, string name) => RawExtension(schema, name)?.ToString();

    private static object? RawExtension(JsonSchema schema, string name) =>
        schema.ExtensionData is { } data && data.TryGetValue(name, out var value) ? value : null;

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

    /// <summary>
    /// Usually no alternative has the value's type, and naming the types is enough. A mapping that fits two
    /// mapping alternatives equally badly (a policy and a <c>use</c> entry mixed) is told the keys that set them apart.
    /// </summary>
    private static string NoAlternativeMessage(JsonSchema schema, string field, JToken? token)
    {
        var alternatives = schema.ActualSchema.AnyOf.Concat(schema.ActualSchema.OneOf).Select(s => s.ActualSchema).ToList();
        if (token is JObject && alternatives.Count(s => s.Type == JsonObjectType.Object) > 1)
        {
            var shapes = alternatives.Select(s => s.RequiredProperties.Count == 0 ? TypeName(s.Type) : $"{TypeName(s.Type)} with {Keys(s.RequiredProperties)}");
            return $"`{field}` must be {string.Join(" or ", shapes)}, not a mix of them";
        }

        return $"`{field}` must be {string.Join(" or ", alternatives.Select(s => TypeName(s.Type)).Distinct())}, not {Describe(token)}";
    }

    private static string TypeName(JsonObjectType type) => type switch
    {
        JsonObjectType.Object => "a mapping",
        JsonObjectType.Array => "a list",
        JsonObjectType.Boolean => "true",
        JsonObjectType.Null => "null",
        JsonObjectType.Integer => "a whole number",
        _ => "a string",
    };

    private static string Keys(ICollection<string> keys)
    {
        var quoted = keys.Select(k => $"`{k}`").ToList();
        return quoted.Count == 1 ? quoted[0] : $"{string.Join(", ", quoted[..^1])} and {quoted[^1]}";
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
