using System.Collections.Immutable;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using AccessSync.Core.Diagnostics;
using AccessSync.Core.Loading;
using AccessSync.Core.Sources;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace AccessSync.Core.Yaml;

/// <summary>
/// Reads one YAML document into a <see cref="LocatedNode"/> tree whose every node knows its file, line and column.
/// It works on YamlDotNet's event stream rather than its object model so that it can report duplicate keys,
/// resolve anchors, aliases and merge keys itself, and never lose a position.
/// </summary>
public static partial class YamlTreeReader
{
    private const string MergeKey = "<<";

    public static YamlReadResult Read(SourceFile file)
    {
        var tabs = TabIndentation(file);
        if (!tabs.IsEmpty)
        {
            return new YamlReadResult(null, tabs);
        }

        var reader = new Reader(file.Path, WhatTheFileNeeds(file));
        try
        {
            var root = reader.ReadDocument(new Parser(new StringReader(file.Text)));
            return new YamlReadResult(reader.Diagnostics.HasErrors() ? null : root, reader.Diagnostics.ToImmutableArray());
        }
        catch (YamlException e)
        {
            reader.Diagnostics.Add(Diagnostic.Error(
                DiagnosticCodes.YamlSyntax,
                "YAML syntax: " + WithoutYamlDotNetPosition(e.Message),
                new SourceSpan(file.Path, (int)e.Start.Line, (int)e.Start.Column)));
            return new YamlReadResult(null, reader.Diagnostics.ToImmutableArray());
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner fails this way, with no position, when the text ends inside an open flow
            // collection; the last node read successfully is the best place to point at.
            reader.Diagnostics.Add(Diagnostic.Error(
                DiagnosticCodes.YamlSyntax,
                "YAML syntax: cannot read past this point; look for a bracket ([ or {) or quote that is never closed",
                reader.LastPosition));
            return new YamlReadResult(null, reader.Diagnostics.ToImmutableArray());
        }
    }

    /// <summary>
    /// YAML forbids tabs in indentation, and the parser's own message for them ("found character that cannot
    /// start any token") does not say so; name the tab instead.
    /// </summary>
    private static ImmutableArray<Diagnostic> TabIndentation(SourceFile file)
    {
        var found = ImmutableArray.CreateBuilder<Diagnostic>();
        var lineNumber = 0;
        foreach (var line in file.Text.AsSpan().EnumerateLines())
        {
            lineNumber++;
            var indent = line.Length - line.TrimStart(" \t").Length;
            var tab = line[..indent].IndexOf('\t');
            if (tab >= 0)
            {
                found.Add(Diagnostic.Error(
                    DiagnosticCodes.TabIndentation,
                    "tab character in indentation; YAML indents with spaces only",
                    new SourceSpan(file.Path, lineNumber, tab + 1)));
            }
        }

        return found.ToImmutable();
    }

    private static string WithoutYamlDotNetPosition(string message) =>
        YamlDotNetPosition().Replace(message, string.Empty).Trim();

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\):\s*")]
    private static partial Regex YamlDotNetPosition();

    /// <summary>Said of an empty file, so that the message tells what to write in it.</summary>
    private static string WhatTheFileNeeds(SourceFile file) =>
        FileKinds.InReusableFolder(file.RelativePath)
            ? "a reusable policy file needs `policy`"
            : "an application file needs `app` and `policies`";

    private sealed class Reader(string path, string whatTheFileNeeds)
    {
        /// <summary>Up to this many keys, finding one in an open mapping by scanning its keys beats hashing it.</summary>
        private const int KeysScanned = 8;

        private readonly Dictionary<string, LocatedNode> anchors = new(StringComparer.Ordinal);

        /// <summary>
        /// The items of every open list, innermost last: each list's are those from its <see cref="OpenCollection.First"/>
        /// on. A child closes before its parent goes on, so each collection's children lie together at the end, and
        /// one list serves all, which leaves a finished collection's array the only allocation for its children.
        /// </summary>
        private readonly List<LocatedNode> openItems = [];

        /// <summary>The entries of every open mapping, innermost last, as <see cref="openItems"/> holds the items of lists.</summary>
        private readonly List<LocatedEntry> openEntries = [];

        public List<Diagnostic> Diagnostics { get; } = [];

        /// <summary>Where the last node or key read began: the place to point at when the parser fails without one.</summary>
        public SourceSpan LastPosition { get; private set; } = SourceSpan.StartOf(path);

        public LocatedNode? ReadDocument(IParser parser)
        {
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _))
            {
                return Empty(SourceSpan.StartOf(path));
            }

            var documentStart = parser.Consume<DocumentStart>();
            var root = ReadNode(parser);
            parser.Consume<DocumentEnd>();
            if (parser.Accept<DocumentStart>(out var second))
            {
                Diagnostics.Add(Diagnostic.Error(
                    DiagnosticCodes.MultipleDocuments,
                    "a second YAML document (---) in one file; each file describes one application",
                    At(second)));
                return null;
            }

            return root is LocatedScalar { Type: ScalarType.Null } ? Empty(At(documentStart)) : root;
        }

        private LocatedNode? Empty(SourceSpan span)
        {
            Diagnostics.Add(Diagnostic.Error(
                DiagnosticCodes.EmptyFile,
                $"the file is empty; {whatTheFileNeeds}",
                span));
            return null;
        }

        /// <summary>
        /// Reads the document's root node and all it contains, one parsing event at a time. The collections still open
        /// are on a stack of their own rather than the call stack, so a deeply nested file costs memory, not stack; the
        /// stack's height is the depth of nesting. Every node passes through this loop once finished (a scalar, an
        /// alias, a closed collection) and joins the innermost open collection in <see cref="Add"/>, or is the root:
        /// the one place to count nodes, or an alias's share of them, against a limit.
        /// </summary>
        private LocatedNode ReadNode(IParser parser)
        {
            var open = new Stack<OpenCollection>();
            while (true)
            {
                Written finished;
                if (open.TryPeek(out var innermost) && innermost.TryConsumeEnd(parser))
                {
                    open.Pop();
                    finished = new Written(Remember(innermost.Start.Anchor, Close(innermost)), innermost.Start);
                }
                else if (parser.TryConsume<AnchorAlias>(out var alias))
                {
                    finished = new Written(Alias(alias), alias);
                }
                else if (parser.TryConsume<Scalar>(out var scalar))
                {
                    finished = new Written(Remember(scalar.Anchor, Scalar(scalar)), scalar);
                }
                else if (parser.TryConsume<SequenceStart>(out var sequenceStart))
                {
                    open.Push(new OpenSequence(sequenceStart, At(sequenceStart), openItems.Count));
                    continue;
                }
                else
                {
                    var mappingStart = parser.Consume<MappingStart>();
                    open.Push(new OpenMapping(mappingStart, At(mappingStart), openEntries.Count));
                    continue;
                }

                if (!open.TryPeek(out var parent))
                {
                    return finished.Node;
                }

                Add(parent, finished);
            }
        }

        /// <summary>An alias is its anchor's node itself: the tree is immutable, so sharing it is as good as a copy.</summary>
        private LocatedNode Alias(AnchorAlias alias)
        {
            if (anchors.TryGetValue(alias.Value.Value, out var target))
            {
                return target;
            }

            var span = At(alias);
            Diagnostics.Add(Diagnostic.Error(DiagnosticCodes.YamlSyntax, $"YAML syntax: unknown alias *{alias.Value.Value}; define &{alias.Value.Value} before using it", span));
            return new LocatedScalar(span, ScalarType.Null, null);
        }

        private LocatedScalar Scalar(Scalar scalar)
        {
            var tag = scalar.Tag.IsEmpty || scalar.Tag.IsNonSpecific ? null : scalar.Tag.Value;
            var quotedOrBlock = scalar.Style != ScalarStyle.Plain || scalar.Tag.IsNonSpecific;
            var type = ScalarResolver.Resolve(scalar.Value, !quotedOrBlock, tag, out var value);
            return new LocatedScalar(At(scalar), type, value);
        }

        private void Add(OpenCollection parent, Written finished)
        {
            switch (parent)
            {
                case OpenSequence:
                    openItems.Add(finished.Node);
                    break;
                case OpenMapping { PendingKey: null } mapping:
                    mapping.PendingKey = finished;
                    mapping.PendingKeySpan = KeySpan(finished);
                    break;
                case OpenMapping mapping:
                    AddEntry(mapping, mapping.PendingKey.Value, mapping.PendingKeySpan, finished.Node);
                    mapping.PendingKey = null;
                    break;
            }
        }

        /// <summary>
        /// Where a key was written, which is where its node begins unless it is an alias (whose node is the anchor's).
        /// It counts as the last place read: a syntax error with no place of its own, in the key's value, points there.
        /// </summary>
        private SourceSpan KeySpan(Written key) => key.Start is AnchorAlias ? At(key.Start) : LastPosition = key.Node.Span;

        private void AddEntry(OpenMapping mapping, Written key, SourceSpan keySpan, LocatedNode value)
        {
            if (key.Node is not LocatedScalar { Value: not null } scalarKey)
            {
                Diagnostics.Add(Diagnostic.Error(DiagnosticCodes.NonScalarKey, "a mapping key must be a plain name", keySpan));
                return;
            }

            var name = scalarKey.AsString()!;
            if (name == MergeKey && key.Start is Scalar { Style: ScalarStyle.Plain })
            {
                (mapping.Merged ??= []).AddRange(MergeSources(value, keySpan));
                return;
            }

            if (Find(mapping, name) is { } first)
            {
                Diagnostics.Add(Diagnostic.Error(
                    DiagnosticCodes.DuplicateKey,
                    $"duplicate key `{name}`; it is already set at line {first.KeySpan.Line}",
                    keySpan));
                return;
            }

            Store(mapping, new LocatedEntry(name, keySpan, value));
        }

        private LocatedEntry? Find(OpenMapping mapping, string key)
        {
            if (mapping.ByKey is { } byKey)
            {
                return byKey.GetValueOrDefault(key);
            }

            foreach (var entry in CollectionsMarshal.AsSpan(openEntries)[mapping.First..])
            {
                if (string.Equals(entry.Key, key, StringComparison.Ordinal))
                {
                    return entry;
                }
            }

            return null;
        }

        private void Store(OpenMapping mapping, LocatedEntry entry)
        {
            openEntries.Add(entry);
            if (mapping.ByKey is { } byKey)
            {
                byKey.Add(entry.Key, entry);
            }
            else if (openEntries.Count - mapping.First > KeysScanned)
            {
                mapping.ByKey = openEntries.Skip(mapping.First).ToDictionary(e => e.Key, StringComparer.Ordinal);
            }
        }

        private LocatedNode Close(OpenCollection collection)
        {
            if (collection is OpenSequence)
            {
                return new LocatedSequence(collection.Span, TakeFrom(openItems, collection.First));
            }

            // Merge keys (<<: *base) fill in only what the mapping does not set itself, earlier sources first.
            var mapping = (OpenMapping)collection;
            foreach (var entry in mapping.Merged?.SelectMany(source => source.Entries) ?? [])
            {
                if (Find(mapping, entry.Key) is null)
                {
                    Store(mapping, entry);
                }
            }

            return new LocatedMapping(mapping.Span, TakeFrom(openEntries, mapping.First));
        }

        /// <summary>The children of a collection that closes, taken off the end of the list shared by the open ones.</summary>
        private static ImmutableArray<T> TakeFrom<T>(List<T> open, int first)
        {
            var children = ImmutableArray.Create<T>(CollectionsMarshal.AsSpan(open)[first..]);
            open.RemoveRange(first, open.Count - first);
            return children;
        }

        private IEnumerable<LocatedMapping> MergeSources(LocatedNode value, SourceSpan span)
        {
            var sources = value is LocatedSequence sequence ? sequence.Items : [value];
            foreach (var source in sources)
            {
                if (source is LocatedMapping mapping)
                {
                    yield return mapping;
                }
                else
                {
                    Diagnostics.Add(Diagnostic.Error(DiagnosticCodes.YamlSyntax, "YAML syntax: a merge key (<<) takes a mapping or a list of mappings", span));
                }
            }
        }

        private LocatedNode Remember(AnchorName anchor, LocatedNode node)
        {
            if (!anchor.IsEmpty)
            {
                anchors[anchor.Value] = node;
            }

            return node;
        }

        private SourceSpan At(ParsingEvent e) => LastPosition = new(path, (int)e.Start.Line, (int)e.Start.Column);
    }

    /// <summary>
    /// A finished node and the event that began it: for an alias, the alias, which is where a key written as one is
    /// reported; for a scalar, the scalar, whose style tells a merge key (<c>&lt;&lt;</c>) from a quoted one.
    /// </summary>
    private readonly record struct Written(LocatedNode Node, ParsingEvent Start);

    /// <summary>A collection whose start has been read and whose end has not.</summary>
    /// <param name="first">Where its children begin in the reader's list of the children of open collections.</param>
    private abstract class OpenCollection(NodeEvent start, SourceSpan span, int first)
    {
        public NodeEvent Start { get; } = start;

        public SourceSpan Span { get; } = span;

        public int First { get; } = first;

        public abstract bool TryConsumeEnd(IParser parser);
    }

    private sealed class OpenSequence(SequenceStart start, SourceSpan span, int first) : OpenCollection(start, span, first)
    {
        public override bool TryConsumeEnd(IParser parser) => parser.TryConsume<SequenceEnd>(out _);
    }

    /// <summary>A mapping being read: the merge sources to apply when it closes, a key read whose value is not yet, and an index of its keys once they are many.</summary>
    private sealed class OpenMapping(MappingStart start, SourceSpan span, int first) : OpenCollection(start, span, first)
    {
        public List<LocatedMapping>? Merged { get; set; }

        public Written? PendingKey { get; set; }

        public SourceSpan PendingKeySpan { get; set; } = span;

        public Dictionary<string, LocatedEntry>? ByKey { get; set; }

        /// <summary>
        /// Not while a key waits for its value: YamlDotNet, recovering from some malformed keys, can end a mapping
        /// there, and reading on (to the value that is not there) reports that as a syntax error.
        /// </summary>
        public override bool TryConsumeEnd(IParser parser) => PendingKey is null && parser.TryConsume<MappingEnd>(out _);
    }
}
