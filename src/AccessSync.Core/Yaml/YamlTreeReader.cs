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

        using var reader = new Reader(file);
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
        ImmutableArray<Diagnostic>.Builder? found = null; // made for the first tab: almost no file has one
        var lineNumber = 0;
        foreach (var line in file.Text.AsSpan().EnumerateLines())
        {
            lineNumber++;

            // A loop of our own: the generic span searches box each character in code not yet optimised, which is
            // all of a short run's, and this looks at every line of every file.
            var tab = -1;
            for (var column = 0; column < line.Length && line[column] is ' ' or '\t' && tab < 0; column++)
            {
                tab = line[column] == '\t' ? column : -1;
            }

            if (tab >= 0)
            {
                (found ??= ImmutableArray.CreateBuilder<Diagnostic>()).Add(Diagnostic.Error(
                    DiagnosticCodes.TabIndentation,
                    "tab character in indentation; YAML indents with spaces only",
                    new SourceSpan(file.Path, lineNumber, tab + 1)));
            }
        }

        return found?.ToImmutable() ?? [];
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

    private sealed class Reader(SourceFile file) : IDisposable
    {
        /// <summary>Up to this many keys, finding one in an open mapping by scanning its keys beats hashing it.</summary>
        private const int KeysScanned = 8;

        /// <summary>Each anchor's node and its size with every alias in it expanded (<see cref="expanded"/>).</summary>
        private readonly Dictionary<string, Written> anchors = new(StringComparer.Ordinal);

        /// <summary>Nodes read so far as written: each scalar, alias, list and mapping once.</summary>
        private int written;

        /// <summary>
        /// Nodes read so far with every alias counted as the nodes it stands for: the size of the tree the later
        /// stages walk (the schema check turns a shared node into one token per use). A collection's size is the
        /// growth of this count from its start to its end, so an anchor's size is known when it closes and an alias
        /// adds it in one step, without expanding anything.
        /// </summary>
        private long expanded;

        /// <summary>The collections being read and those kept for the next: this thread's, lent for this file.</summary>
        private readonly Workspace work = Workspace.Lend();

        public List<Diagnostic> Diagnostics { get; } = [];

        /// <summary>Where the last node or key read began: the place to point at when the parser fails without one.</summary>
        public SourceSpan LastPosition { get; private set; } = SourceSpan.StartOf(file.Path);

        /// <summary>Gives the workspace back to the thread, emptied, for the next file.</summary>
        public void Dispose() => work.GiveBack();

        public LocatedNode? ReadDocument(IParser parser)
        {
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _))
            {
                return Empty(SourceSpan.StartOf(file.Path));
            }

            var documentStart = parser.Consume<DocumentStart>();
            var root = ReadNode(parser);
            if (root is null)
            {
                return null;
            }

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
                $"the file is empty; {WhatTheFileNeeds(file)}",
                span));
            return null;
        }

        /// <summary>
        /// Reads the document's root node and all it contains, one parsing event at a time. The collections still open
        /// are on a stack of their own rather than the call stack, so a deeply nested file costs memory, not stack; the
        /// stack's height is the depth of nesting. Every node passes through this loop once finished (a scalar, an
        /// alias, a closed collection) and joins the innermost open collection in <see cref="Add"/>, or is the root.
        /// Every node is counted as it begins (<see cref="Count"/>), against the limits of <see cref="SourceLimits"/>:
        /// reading stops at the first limit passed, with that one error and a null tree, so that neither the parser
        /// nor any later stage spends time or memory on what a hostile file would make of the rest.
        /// </summary>
        private LocatedNode? ReadNode(IParser parser)
        {
            var open = work.Open;
            while (true)
            {
                Written finished;
                Diagnostic? limit;
                if (open.TryPeek(out var innermost) && innermost.TryConsumeEnd(parser))
                {
                    open.Pop();
                    finished = Remember(innermost.Start.Anchor, new Written(Close(innermost), innermost.Start, expanded - innermost.ExpandedBefore));
                    Spare(innermost);
                    limit = null;
                }
                else if (parser.TryConsume<AnchorAlias>(out var alias))
                {
                    finished = Alias(alias);
                    limit = Count(alias, finished.Expanded);
                }
                else if (parser.TryConsume<Scalar>(out var scalar))
                {
                    limit = IsKeyNext(open) ? null : ValueLength(scalar);
                    finished = Remember(scalar.Anchor, new Written(Scalar(scalar), scalar, 1));
                    limit ??= Count(scalar, 1);
                }
                else
                {
                    var start = Open(parser, open);
                    if ((Count(start, 1) ?? Depth(start, open.Count)) is { } passed)
                    {
                        Diagnostics.Add(passed);
                        return null;
                    }

                    continue;
                }

                limit ??= open.TryPeek(out var parent) ? Add(parent, finished) : null;
                if (limit is not null)
                {
                    Diagnostics.Add(limit);
                    return null;
                }

                if (open.Count == 0)
                {
                    return finished.Node;
                }
            }
        }

        /// <summary>Reads the start of a list or mapping and opens it; its size begins with the count of nodes before it.</summary>
        private NodeEvent Open(IParser parser, Stack<OpenCollection> open)
        {
            if (parser.TryConsume<SequenceStart>(out var sequenceStart))
            {
                var sequence = work.SpareSequences.TryPop(out var spare) ? spare : new OpenSequence();
                sequence.Begin(sequenceStart, At(sequenceStart), work.OpenItems.Count, expanded);
                open.Push(sequence);
                return sequenceStart;
            }

            var mappingStart = parser.Consume<MappingStart>();
            var mapping = work.SpareMappings.TryPop(out var spareMapping) ? spareMapping : new OpenMapping();
            mapping.Begin(mappingStart, At(mappingStart), work.OpenEntries.Count, expanded);
            open.Push(mapping);
            return mappingStart;
        }

        private void Spare(OpenCollection closed)
        {
            closed.End();
            if (closed is OpenSequence sequence)
            {
                work.SpareSequences.Push(sequence);
            }
            else
            {
                work.SpareMappings.Push((OpenMapping)closed);
            }
        }

        /// <summary>Counts a node that begins at <paramref name="start"/> and stands for <paramref name="size"/> nodes; the error for the first limit this passes.</summary>
        private Diagnostic? Count(ParsingEvent start, long size)
        {
            written++;
            expanded += size;
            if (written > SourceLimits.MaxNodes)
            {
                return Diagnostic.Error(
                    DiagnosticCodes.TooManyNodes,
                    $"the file has more than {SourceLimits.MaxNodes} nodes (keys, values, lists and mappings); a policy file describes one application",
                    At(start));
            }

            return expanded > SourceLimits.MaxExpandedNodes
                ? Diagnostic.Error(
                    DiagnosticCodes.AliasExpansionTooLarge,
                    $"aliases expand to more than {SourceLimits.MaxExpandedNodes} nodes; an alias stands for a copy of its anchor's node, and these copy copies",
                    At(start))
                : null;
        }

        private Diagnostic? Depth(NodeEvent start, int depth) =>
            depth > SourceLimits.MaxDepth
                ? Diagnostic.Error(
                    DiagnosticCodes.NestingTooDeep,
                    $"lists and mappings nest deeper than {SourceLimits.MaxDepth} levels; a policy file needs fewer than ten",
                    At(start))
                : null;

        private Diagnostic? ValueLength(Scalar scalar) =>
            scalar.Value.Length > SourceLimits.MaxValueLength
                ? Diagnostic.Error(
                    DiagnosticCodes.ValueTooLong,
                    $"a value longer than {SourceLimits.MaxValueLength} characters ({scalar.Value.Length}); no field of a policy takes one so long",
                    At(scalar))
                : null;

        private static bool IsKeyNext(Stack<OpenCollection> open) => open.TryPeek(out var parent) && parent is OpenMapping { PendingKey: null };

        /// <summary>An alias is its anchor's node itself: the tree is immutable, so sharing it is as good as a copy.</summary>
        private Written Alias(AnchorAlias alias)
        {
            if (anchors.TryGetValue(alias.Value.Value, out var target))
            {
                return target with { Start = alias };
            }

            var span = At(alias);
            Diagnostics.Add(Diagnostic.Error(DiagnosticCodes.YamlSyntax, $"YAML syntax: unknown alias *{alias.Value.Value}; define &{alias.Value.Value} before using it", span));
            return new Written(new LocatedScalar(span, ScalarType.Null, null), alias, 1);
        }

        private LocatedScalar Scalar(Scalar scalar)
        {
            var tag = scalar.Tag.IsEmpty || scalar.Tag.IsNonSpecific ? null : scalar.Tag.Value;
            var quotedOrBlock = scalar.Style != ScalarStyle.Plain || scalar.Tag.IsNonSpecific;
            var type = ScalarResolver.Resolve(scalar.Value, !quotedOrBlock, tag, out var value);
            return new LocatedScalar(At(scalar), type, value);
        }

        /// <summary>Adds a finished node to its collection; the error if it is a key longer than the limit.</summary>
        private Diagnostic? Add(OpenCollection parent, Written finished)
        {
            switch (parent)
            {
                case OpenSequence:
                    work.OpenItems.Add(finished.Node);
                    break;
                case OpenMapping { PendingKey: null } mapping:
                    mapping.PendingKey = finished;
                    mapping.PendingKeySpan = KeySpan(finished);
                    return KeyLength(finished, mapping.PendingKeySpan);
                case OpenMapping mapping:
                    AddEntry(mapping, mapping.PendingKey.Value, mapping.PendingKeySpan, finished.Node);
                    mapping.PendingKey = null;
                    break;
            }

            return null;
        }

        private static Diagnostic? KeyLength(Written key, SourceSpan span) =>
            key.Node is LocatedScalar scalar && scalar.AsString() is { Length: > SourceLimits.MaxKeyLength } name
                ? Diagnostic.Error(
                    DiagnosticCodes.KeyTooLong,
                    $"a key longer than {SourceLimits.MaxKeyLength} characters ({name.Length}); the keys of a policy file are short names",
                    span)
                : null;

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

            foreach (var entry in CollectionsMarshal.AsSpan(work.OpenEntries)[mapping.First..])
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
            work.OpenEntries.Add(entry);
            if (mapping.ByKey is { } byKey)
            {
                byKey.Add(entry.Key, entry);
            }
            else if (work.OpenEntries.Count - mapping.First > KeysScanned)
            {
                mapping.ByKey = work.OpenEntries.Skip(mapping.First).ToDictionary(e => e.Key, StringComparer.Ordinal);
            }
        }

        private LocatedNode Close(OpenCollection collection)
        {
            if (collection is OpenSequence)
            {
                return new LocatedSequence(collection.Span, TakeFrom(work.OpenItems, collection.First));
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

            return new LocatedMapping(mapping.Span, TakeFrom(work.OpenEntries, mapping.First));
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

        private Written Remember(AnchorName anchor, Written node)
        {
            if (!anchor.IsEmpty)
            {
                anchors[anchor.Value] = node;
            }

            return node;
        }

        private SourceSpan At(ParsingEvent e) => LastPosition = new(file.Path, (int)e.Start.Line, (int)e.Start.Column);
    }

    /// <summary>
    /// A finished node and the event that began it: for an alias, the alias, which is where a key written as one is
    /// reported; for a scalar, the scalar, whose style tells a merge key (<c>&lt;&lt;</c>) from a quoted one.
    /// <paramref name="Expanded"/> is the number of nodes it stands for with its aliases expanded, itself included.
    /// </summary>
    private readonly record struct Written(LocatedNode Node, ParsingEvent Start, long Expanded);

    /// <summary>
    /// A collection whose start has been read and whose end has not. The reader keeps closed ones to open the next
    /// (<see cref="Begin"/>), so their state is set there rather than by a constructor.
    /// </summary>
    private abstract class OpenCollection
    {
        /// <summary>The reader's count of expanded nodes before this collection's start.</summary>
        public long ExpandedBefore { get; private set; }

        public NodeEvent Start { get; private set; } = null!;

        public SourceSpan Span { get; private set; }

        /// <summary>Where its children begin in the reader's list of the children of open collections.</summary>
        public int First { get; private set; }

        public virtual void Begin(NodeEvent start, SourceSpan span, int first, long expandedBefore)
        {
            Start = start;
            Span = span;
            First = first;
            ExpandedBefore = expandedBefore;
        }

        /// <summary>Closed and kept: lets go of what it refers to, which a workspace may keep long after its file.</summary>
        public virtual void End() => Start = null!;

        public abstract bool TryConsumeEnd(IParser parser);
    }

    private sealed class OpenSequence : OpenCollection
    {
        public override bool TryConsumeEnd(IParser parser) => parser.TryConsume<SequenceEnd>(out _);
    }

    /// <summary>A mapping being read: the merge sources to apply when it closes, a key read whose value is not yet, and an index of its keys once they are many.</summary>
    private sealed class OpenMapping : OpenCollection
    {
        public List<LocatedMapping>? Merged { get; set; }

        public Written? PendingKey { get; set; }

        public SourceSpan PendingKeySpan { get; set; }

        public Dictionary<string, LocatedEntry>? ByKey { get; set; }

        public override void Begin(NodeEvent start, SourceSpan span, int first, long expandedBefore)
        {
            base.Begin(start, span, first, expandedBefore);
            Merged = null;
            PendingKey = null;
            PendingKeySpan = span;
            ByKey = null;
        }

        public override void End()
        {
            base.End();
            Merged = null;
            PendingKey = null;
            ByKey = null;
        }

        /// <summary>
        /// Not while a key waits for its value: YamlDotNet, recovering from some malformed keys, can end a mapping
        /// there, and reading on (to the value that is not there) reports that as a syntax error.
        /// </summary>
        public override bool TryConsumeEnd(IParser parser) => PendingKey is null && parser.TryConsume<MappingEnd>(out _);
    }

    /// <summary>
    /// The reader's working collections: the items of every open list and the entries of every open mapping,
    /// innermost last (each collection's are those from its <see cref="OpenCollection.First"/> on: a child closes
    /// before its parent goes on, so each collection's children lie together at the end, and one list serves all,
    /// which leaves a finished collection's array the only allocation for its children); the collections open; and
    /// closed ones kept to hold the next (a file opens dozens, never more at once than it nests deep). One per thread
    /// serves every file that thread reads, one after another: they would otherwise be most of what the reader itself
    /// allocates. One that a deep or wide file grew past <see cref="MostKept"/> is not kept.
    /// </summary>
    private sealed class Workspace
    {
        private const int MostKept = 256;

        [ThreadStatic]
        private static Workspace? idle;

        public List<LocatedNode> OpenItems { get; } = [];

        public List<LocatedEntry> OpenEntries { get; } = [];

        public Stack<OpenCollection> Open { get; } = new();

        public Stack<OpenSequence> SpareSequences { get; } = new();

        public Stack<OpenMapping> SpareMappings { get; } = new();

        /// <summary>The thread's idle workspace, or a new one; it is the reader's until given back.</summary>
        public static Workspace Lend()
        {
            var work = idle ?? new Workspace();
            idle = null;
            return work;
        }

        /// <summary>Empties it (a file that failed leaves collections open) and keeps it for the thread's next file.</summary>
        public void GiveBack()
        {
            OpenItems.Clear();
            OpenEntries.Clear();
            Open.Clear();
            if (OpenItems.Capacity <= MostKept && OpenEntries.Capacity <= MostKept
                && SpareSequences.Count + SpareMappings.Count <= MostKept)
            {
                idle = this;
            }
        }
    }
}
