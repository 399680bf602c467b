using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace AccessSync.Core.PlanFiles;

/// <summary>
/// Says what is wrong with a plan file the serializer refused, in the reader's words: where
/// (<c>applications[3].changes[1].kind</c>), what the format wants there and what the file has. The serializer
/// tells only where; what is wanted comes from its own contract for the documents, walked down that path beside
/// the file's JSON, so the message follows the format's records as they change.
/// </summary>
internal static class PlanFormatErrors
{
    public static string Describe(JsonException error, JsonElement root, JsonSerializerContext context)
    {
        JsonElement? element = root;
        var contract = context.GetTypeInfo(typeof(PlanDocument));
        var path = string.Empty;
        foreach (var segment in Segments(error.Path ?? "$"))
        {
            contract = Resolved(contract, element, context, path, out var unknownKind);
            if (unknownKind is not null)
            {
                return unknownKind;
            }

            (path, element, contract) = segment switch
            {
                int index => ($"{path}[{index}]", Item(element, index), ElementOf(contract, context)),
                string name when contract?.Kind == JsonTypeInfoKind.Dictionary => ($"{path}[\"{name}\"]", Member(element, name), ElementOf(contract, context)),
                string name => (path.Length == 0 ? name : $"{path}.{name}", Member(element, name), MemberOf(contract, name, context)),
                _ => (path, null, null),
            };
        }

        var at = path.Length == 0 ? "$" : path;
        contract = Resolved(contract, element, context, path, out var unknown);
        if (unknown is not null)
        {
            return unknown;
        }

        if (element is not { } found || contract is null)
        {
            return $"{at}: {error.Message}";
        }

        if (contract.Kind == JsonTypeInfoKind.Object && found.ValueKind == JsonValueKind.Object
            && contract.Properties.FirstOrDefault(p => IsRequired(p) && !found.TryGetProperty(p.Name, out _)) is { } missing)
        {
            return $"{at}: `{missing.Name}` is missing";
        }

        return $"{at}: expected {What(contract)}, found {Kind(found)}";
    }

    /// <summary>A JSON value's kind as a message names it: <c>object</c>, <c>array</c>, <c>string</c>, <c>null</c>…</summary>
    public static string Kind(JsonElement element) => element.ValueKind.ToString().ToLowerInvariant();

    /// <summary>For a change, the contract of its kind; a kind the format does not know is the error itself (returned in <paramref name="error"/>).</summary>
    private static JsonTypeInfo? Resolved(JsonTypeInfo? contract, JsonElement? element, JsonSerializerContext context, string path, out string? error)
    {
        error = null;
        if (contract?.PolymorphismOptions is not { } polymorphism || element is not { ValueKind: JsonValueKind.Object } value)
        {
            return contract;
        }

        var property = polymorphism.TypeDiscriminatorPropertyName;
        var at = path.Length == 0 ? property : $"{path}.{property}";
        var kinds = polymorphism.DerivedTypes.Select(d => (Kind: d.TypeDiscriminator as string, d.DerivedType)).ToList();
        if (!value.TryGetProperty(property, out var kind))
        {
            return contract;
        }

        if (kind.ValueKind != JsonValueKind.String)
        {
            error = $"{at}: expected a string, found {Kind(kind)}";
        }
        else if (kinds.FirstOrDefault(k => k.Kind == kind.GetString()) is { DerivedType: { } derived })
        {
            return context.GetTypeInfo(derived);
        }
        else
        {
            error = $"{at}: expected one of {string.Join(", ", kinds.Select(k => k.Kind))}, found \"{kind.GetString()}\"";
        }

        return null;
    }

    /// <summary>A member the file must have: a constructor parameter without a default (it may still be null where the record allows).</summary>
    private static bool IsRequired(JsonPropertyInfo property) => property.IsRequired || property.AssociatedParameter is { HasDefaultValue: false };

    private static JsonTypeInfo? MemberOf(JsonTypeInfo? contract, string name, JsonSerializerContext context) =>
        contract?.Properties.FirstOrDefault(p => p.Name == name) is { } property ? Unwrapped(property.PropertyType, context) : null;

    private static JsonTypeInfo? ElementOf(JsonTypeInfo? contract, JsonSerializerContext context) =>
        contract?.ElementType is { } type ? Unwrapped(type, context) : null;

    /// <summary>A value that may be null is, where it is not, a value of the type it wraps.</summary>
    private static JsonTypeInfo? Unwrapped(Type type, JsonSerializerContext context) =>
        context.GetTypeInfo(Nullable.GetUnderlyingType(type) ?? type);

    private static JsonElement? Member(JsonElement? element, string name) =>
        element is { ValueKind: JsonValueKind.Object } value && value.TryGetProperty(name, out var member) ? member : null;

    private static JsonElement? Item(JsonElement? element, int index) =>
        element is { ValueKind: JsonValueKind.Array } value && index < value.GetArrayLength() ? value[index] : null;

    private static string What(JsonTypeInfo contract) => contract.Kind switch
    {
        JsonTypeInfoKind.Enumerable => "an array",
        JsonTypeInfoKind.Object or JsonTypeInfoKind.Dictionary => "an object",
        _ when contract.Type == typeof(string) => "a string",
        _ when contract.Type == typeof(int) => "a whole number",
        _ when contract.Type == typeof(decimal) => "a number",
        _ when contract.Type == typeof(bool) => "true or false",
        _ => "a JSON value",
    };

    /// <summary>The serializer's path (<c>$.applications[3].fields['mfa_config.mfa_disabled']</c>) as member names and item indexes.</summary>
    private static IEnumerable<object> Segments(string path)
    {
        var i = path.StartsWith('$') ? 1 : 0;
        while (i < path.Length)
        {
            if (path.AsSpan(i).StartsWith("['"))
            {
                var end = path.IndexOf("']", i + 2, StringComparison.Ordinal);
                yield return path[(i + 2)..end];
                i = end + 2;
            }
            else if (path[i] == '[')
            {
                var end = path.IndexOf(']', i);
                yield return int.Parse(path[(i + 1)..end], CultureInfo.InvariantCulture);
                i = end + 1;
            }
            else
            {
                var end = path.IndexOfAny(['.', '['], i + 1);
                end = end < 0 ? path.Length : end;
                yield return path[(i + 1)..end];
                i = end;
            }
        }
    }
}
