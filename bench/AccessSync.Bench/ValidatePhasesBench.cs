using AccessSync.Cli.Files;
using AccessSync.Cli.Hosting;
using AccessSync.Core.Diagnostics;
using AccessSync.Core.Loading;
using AccessSync.Core.Schema;
using AccessSync.Core.Sources;
using AccessSync.Core.Yaml;

using YamlDotNet.Core;

namespace AccessSync.Bench;

/// <summary>
/// Where <c>accesssync validate</c>'s time and allocations go over a folder of policy files: its steps called one by one
/// in this process, on one thread, each timed, the first round cold (as in a CLI run: every method JIT-compiled on
/// first use) and later rounds warm; the YAML library's own share of the parse (its events read and dropped); then NJsonSchema on every file, as every file was checked before the quick
/// acceptance; then the whole validate as the command runs it (files read, then checked in parallel).
/// bench/validate.sh runs it on its generated folder, after timing the CLI itself.
/// </summary>
internal static class ValidatePhasesBench
{
    private const string AsTheCommandDoes = "validate as the command does";

    public static void Run(string directory, int rounds, Summary summary)
    {
        var surroundings = Surroundings.OfThisProcess();
        var root = surroundings.Given(directory);
        var asTheCommandDoes = new List<PhaseTimer.Phase>();
        Console.WriteLine($"validate's steps over {directory}; round 1 is cold (JIT), later rounds warm");
        for (var round = 1; round <= rounds; round++)
        {
            var timer = new PhaseTimer();
            var tree = timer.Time("read files", () => PolicyTree.Read(root.AsDirectory(), surroundings));
            var yaml = timer.Time("parse YAML", () => tree.PolicyFiles.Select(file => (File: file, Read: YamlTreeReader.Read(file))).ToList());
            timer.Time("[of which the YAML library's own parse]", () => tree.PolicyFiles.Sum(ParserEvents));
            var trees = yaml
                .Select(y => (y.File, y.Read.Root, Definition: DefinitionOf(y.File, y.Read.Root)))
                .Where(t => t.Root is not null && t.Definition is not null)
                .Select(t => (t.File, Root: t.Root!, Definition: t.Definition!.Value))
                .ToList();

            // Any question loads the quick acceptance's schema; this one it answers no.
            timer.Time("load the schema (quick acceptance)", () => SchemaAcceptance.Accepts(new LocatedScalar(SourceSpan.StartOf("bench"), ScalarType.Null, null), SchemaDefinition.ConfigFile));
            var accepted = timer.Time("quick acceptance", () => trees.Count(t => SchemaAcceptance.Accepts(t.Root, t.Definition)));
            var loaded = timer.Time("schema check, model and checks", () => yaml.Count(y => FileLoader.LoadPolicyFile(y.File, y.Read, tree.Config.Defaults).Diagnostics.IsEmpty));
            timer.Time("[load the schema (NJsonSchema)]", () => AccessSyncSchema.Root);
            timer.Time("[NJsonSchema on every file]", () => trees.Sum(t => SchemaValidator.ValidateWithNJsonSchema(t.Root, t.Definition, t.File.Path).Length));
            timer.Time(AsTheCommandDoes, () => LoadedFolder.Load(root, surroundings, ScopeFallbacks.None));
            timer.Print($"round {round}: {tree.PolicyFiles.Length} files, {accepted} vouched for by the quick acceptance, {loaded} loaded clean");
            asTheCommandDoes.Add(timer.Phases.Single(p => p.Name == AsTheCommandDoes));
        }

        // Every round counts, the first one included: a CLI run is always cold.
        summary.Row("allocated", asTheCommandDoes.Select(p => p.AllocatedMiB), "MiB");
        summary.Row("in-process", asTheCommandDoes.Select(p => (double)p.Ms), "ms");
    }

    private static SchemaDefinition? DefinitionOf(SourceFile file, LocatedNode? root) => FileKinds.Of(file, root).Kind switch
    {
        FileKind.Application => SchemaDefinition.ApplicationFile,
        FileKind.ReusablePolicy => SchemaDefinition.ReusablePolicyFile,
        _ => null,
    };

    /// <summary>The YAML library's parse of one file, its events read and dropped: what the parse costs before the tree is built.</summary>
    private static int ParserEvents(SourceFile file)
    {
        var parser = new Parser(new StringReader(file.Text));
        var events = 0;
        while (parser.MoveNext())
        {
            events++;
        }

        return events;
    }
}
