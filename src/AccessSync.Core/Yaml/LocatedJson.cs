using AccessSync.Core.Diagnostics;
using Newtonsoft.Json.Linq;

namespace AccessSync.Core.Yaml;

/// <summary>
/// The JSON tree read from YAML carries each node's place in the file as an annotation, so that schema errors,
/// which NJsonSchema reports against JSON tokens, can be reported at their line and column in the YAML.
/// </summary>
public static class LocatedJson
{
    public static T Located<T>(this T token, SourceSpan span)
        where T : JToken
    {
        token.AddAnnotation(span);
        return token;
    }

    /// <summary>The token's own place, else that of the nearest enclosing token that has one.</summary>
    public static SourceSpan SpanOf(JToken token, string fallbackPath)
    {
        for (JToken? current = token; current is not null; current = current.Parent)
        {
            if (current.Annotation<SourceSpan>() is { } span)
            {
                return span;
            }
        }

        return SourceSpan.StartOf(fallbackPath);
    }

    /// <summary>The place of a property's key (where an unknown or duplicate key is reported).</summary>
    public static SourceSpan KeySpanOf(JProperty property, string fallbackPath) => SpanOf(property, fallbackPath);

    /// <summary>A deep copy that keeps every node's place (JToken.DeepClone drops annotations).</summary>
    public static JToken CloneLocated(JToken token)
    {
        JToken copy = token switch
        {
            JObject obj => new JObject(obj.Properties().Select(p => CloneLocated(p))),
            JArray array => new JArray(array.Select(CloneLocated)),
            JProperty property => new JProperty(property.Name, CloneLocated(property.Value)),
            _ => token.DeepClone(),
        };
        if (token.Annotation<SourceSpan>() is { } span)
        {
            copy.AddAnnotation(span);
        }

        return copy;
    }
}
