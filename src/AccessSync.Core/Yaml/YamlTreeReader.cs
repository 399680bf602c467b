using System.Collections.Immutable;
using System.Text.RegularExpressions;
using AccessSync.Core.Diagnostics;
using AccessSync.Core.Loading;
using AccessSync.Core.Sources;
using Newtonsoft.Json.Linq;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace AccessSync.Core.Yaml;

/// <summary>
/// Reads one YAML document into a JSON tree whose every node knows its file, line and column.
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
        private readonly Dictionary<string, JToken> anchors = new(StringComparer.Ordinal);

        public List<Diagnostic> Diagnostics { get; } = [];

        /// <summary>Where the last event read began.</summary>
        public SourceSpan LastPosition { get; private set; } = SourceSpan.StartOf(path);

        public JToken? ReadDocument(IParser parser)
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

            return root is JValue { Type: JTokenType.Null } ? Empty(At(documentStart)) : root;
        }

        private JToken? Empty(SourceSpan span)
        {
            Diagnostics.Add(Diagnostic.Error(
                DiagnosticCodes.EmptyFile,
                $"the file is empty; {whatTheFileNeeds}",
                span));
            return null;
        }

        private JToken ReadNode(IParser parser)
        {
            if (parser.TryConsume<AnchorAlias>(out var alias))
            {
                if (anchors.TryGetValue(alias.Value.Value, out var target))
                {
                    return LocatedJson.CloneLocated(target);
                }

                Diagnostics.Add(Diagnostic.Error(DiagnosticCodes.YamlSyntax, $"YAML syntax: unknown alias *{alias.Value.Value}; define &{alias.Value.Value} before using it", At(alias)));
                return JValue.CreateNull().Located(At(alias));
            }

            if (parser.TryConsume<Scalar>(out var scalar))
            {
                var tag = scalar.Tag.IsEmpty || scalar.Tag.IsNonSpecific ? null : scalar.Tag.Value;
                var quotedOrBlock = scalar.Style != ScalarStyle.Plain || scalar.Tag.IsNonSpecific;
                return Remember(scalar.Anchor, ScalarResolver.Resolve(scalar.Value, !quotedOrBlock, tag).Located(At(scalar)));
            }

            if (parser.TryConsume<SequenceStart>(out var sequenceStart))
            {
                var array = new JArray().Located(At(sequenceStart));
                while (!parser.TryConsume<SequenceEnd>(out _))
                {
                    array.Add(ReadNode(parser));
                }

                return Remember(sequenceStart.Anchor, array);
            }

            var mappingStart = parser.Consume<MappingStart>();
            return Remember(mappingStart.Anchor, ReadMapping(parser, At(mappingStart)));
        }

        private JObject ReadMapping(IParser parser, SourceSpan span)
        {
            var mapping = new JObject().Located(span);
            var merged = new List<JObject>();
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                var keyEvent = parser.Current;
                var key = ReadNode(parser);
                var keySpan = At(keyEvent!);
                var value = ReadNode(parser);
                if (key is not JValue { Value: not null } keyValue)
                {
                    Diagnostics.Add(Diagnostic.Error(DiagnosticCodes.NonScalarKey, "a mapping key must be a plain name", keySpan));
                    continue;
                }

                var name = Convert.ToString(keyValue.Value, System.Globalization.CultureInfo.InvariantCulture)!;
                if (name == MergeKey && keyEvent is Scalar { Style: ScalarStyle.Plain })
                {
                    merged.AddRange(MergeSources(value, keySpan));
                    continue;
                }

                if (mapping.Property(name, StringComparison.Ordinal) is { } first)
                {
                    var firstSpan = LocatedJson.KeySpanOf(first, path);
                    Diagnostics.Add(Diagnostic.Error(
                        DiagnosticCodes.DuplicateKey,
                        $"duplicate key `{name}`; it is already set at line {firstSpan.Line}",
                        keySpan));
                    continue;
                }

                mapping.Add(new JProperty(name, value).Located(keySpan));
            }

            // Merge keys (<<: *base) fill in only what the mapping does not set itself, earlier sources first.
            foreach (var source in merged)
            {
                foreach (var property in source.Properties())
                {
                    if (mapping.Property(property.Name, StringComparison.Ordinal) is null)
                    {
                        mapping.Add(LocatedJson.CloneLocated(property));
                    }
                }
            }

            return mapping;
        }

        private IEnumerable<JObject> MergeSources(JToken value, SourceSpan span)
        {
            var sources = value is JArray array ? array.ToList() : [value];
            foreach (var source in sources)
            {
                if (source is JObject obj)
                {
                    yield return obj;
                }
                else
                {
                    Diagnostics.Add(Diagnostic.Error(DiagnosticCodes.YamlSyntax, "YAML syntax: a merge key (<<) takes a mapping or a list of mappings", span));
                }
            }
        }

        private JToken Remember(AnchorName anchor, JToken node)
        {
            if (!anchor.IsEmpty)
            {
                anchors[anchor.Value] = node;
            }

            return node;
        }

        private SourceSpan At(ParsingEvent e) => LastPosition = new(path, (int)e.Start.Line, (int)e.Start.Column);
    }
}
