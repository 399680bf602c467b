using AccessSync.Core.Diagnostics;
using AccessSync.Core.Yaml;
using Newtonsoft.Json.Linq;

namespace AccessSync.Core.Schema;

/// <summary>
/// The located tree in the form NJsonSchema validates, a Newtonsoft <see cref="JToken"/>, with each node's place in
/// the file as an annotation, so that its errors, which name tokens, are reported at their line and column in the YAML.
/// </summary>
internal static class LocatedJToken
{
    /// <summary>
    /// A JSON token for every node: a value and a container for the same node carry its span, a property the span
    /// of its key. A node shared through an alias becomes one token per place it is used, since a token has one
    /// parent; the reader's limit on nodes with aliases expanded (<c>SourceLimits.MaxExpandedNodes</c>) bounds how
    /// many tokens that makes. Built without recursion: each container is attached to its parent when it is created
    /// and filled when taken off the stack, so children keep their order.
    /// </summary>
    public static JToken From(LocatedNode root)
    {
        var rootToken = Shell(root);
        var unfilled = new Stack<(LocatedNode Node, JContainer Token)>();
        if (rootToken is JContainer rootContainer)
        {
            unfilled.Push((root, rootContainer));
        }

        while (unfilled.TryPop(out var next))
        {
            if (next.Node is LocatedMapping mapping)
            {
                foreach (var entry in mapping.Entries)
                {
                    var value = Shell(entry.Value);
                    var property = new JProperty(entry.Key, value);
                    property.AddAnnotation(new Place(entry.KeySpan));
                    next.Token.Add(property);
                    Unfilled(unfilled, entry.Value, value);
                }
            }
            else
            {
                foreach (var item in ((LocatedSequence)next.Node).Items)
                {
                    var value = Shell(item);
                    next.Token.Add(value);
                    Unfilled(unfilled, item, value);
                }
            }
        }

        return rootToken;
    }

    /// <summary>The token's own place, else that of the nearest enclosing token that has one.</summary>
    public static SourceSpan SpanOf(JToken token, string fallbackPath)
    {
        for (JToken? current = token; current is not null; current = current.Parent)
        {
            if (current.Annotation<Place>() is { } place)
            {
                return place.Span;
            }
        }

        return SourceSpan.StartOf(fallbackPath);
    }

    /// <summary>A value's token, or an empty container to be filled, carrying the node's place.</summary>
    private static JToken Shell(LocatedNode node)
    {
        JToken token = node switch
        {
            LocatedMapping => new JObject(),
            LocatedSequence => new JArray(),
            LocatedScalar { Value: null } => JValue.CreateNull(),
            // JSON has no NaN, and no minimum or maximum excludes it: as text, a field that takes a number refuses it
            // here, rather than the model failing to convert it.
            LocatedScalar { Value: double.NaN } => new JValue(".nan"),
            LocatedScalar scalar => new JValue(scalar.Value),
            _ => throw new ArgumentOutOfRangeException(nameof(node), node, null),
        };
        token.AddAnnotation(new Place(node.Span));
        return token;
    }

    private static void Unfilled(Stack<(LocatedNode Node, JContainer Token)> unfilled, LocatedNode node, JToken token)
    {
        if (token is JContainer container)
        {
            unfilled.Push((node, container));
        }
    }

    /// <summary>A token's place, boxed: Newtonsoft's annotations are objects.</summary>
    private sealed record Place(SourceSpan Span);
}
