using System.Text.RegularExpressions;
using AccessSync.Cli.Tests.Support;
using AccessSync.Testing;

namespace AccessSync.Cli.Tests;

/// <summary>
/// The README's example outputs are what the commands print on the examples, so they cannot drift. Each example is a
/// fenced block (of four backticks when it holds fences of three) right after a <c>&lt;!-- output: NAME --&gt;</c> comment: its first line is a command
/// (<c>$ accesssync ...</c>), the lines up to the next command are its output, where a line <c>...</c> (indented or
/// not) stands for any number of lines. The commands of one block run in turn, in one folder.
/// </summary>
public partial class ReadmeOutputTests
{
    /// <summary>Every example the README marks, and the folder each runs in: the repository, or a copy of its examples for the sandbox, which writes its state where it runs.</summary>
    private static readonly Dictionary<string, bool> InACopy = new(StringComparer.Ordinal)
    {
        ["validate-invalid"] = false,
        ["plan-sandbox"] = true,
        ["plan-sandbox-reusable"] = true,
        ["plan-sandbox-markdown"] = true,
        ["export-sandbox"] = true,
        ["apply-sandbox"] = true,
        ["explain-examples"] = false,
        ["test-examples"] = false,
    };

    [Test]
    public void Every_marked_example_is_checked() =>
        ReadmeExamples().Keys.ShouldBe(InACopy.Keys, ignoreOrder: true);

    [TestCase("validate-invalid")]
    [TestCase("plan-sandbox")]
    [TestCase("plan-sandbox-reusable")]
    [TestCase("plan-sandbox-markdown")]
    [TestCase("export-sandbox")]
    [TestCase("apply-sandbox")]
    [TestCase("explain-examples")]
    [TestCase("test-examples")]
    public async Task The_example_output_is_what_the_command_prints(string name)
    {
        using var copy = InACopy[name] ? CopyOfExamples() : null;
        foreach (var example in ReadmeExamples()[name])
        {
            var result = await InProcessAccessSync.RunAsync(copy?.Path ?? RepositoryPaths.Root, example.Command["$ accesssync ".Length..].Split(' '));

            var actual = result.StdOut.TrimEnd('\n').Split('\n');
            Matches(example.Output, actual).ShouldBeTrue(
                $"README.md's example \"{name}\" is not what `{example.Command[2..]}` prints; the README shows:\n{string.Join('\n', example.Output)}\n\nand the command printed:\n{result.StdOut}{result.StdErr}");
        }
    }

    [TestCase(new[] { "a", "b" }, new[] { "a", "b" }, true)]
    [TestCase(new[] { "a", "...", "d" }, new[] { "a", "b", "c", "d" }, true)]
    [TestCase(new[] { "...", "b", "..." }, new[] { "a", "b", "c" }, true)]
    [TestCase(new[] { "a", "..." }, new[] { "a" }, true)]
    [TestCase(new[] { "b", "..." }, new[] { "a", "b" }, false)]
    [TestCase(new[] { "...", "b" }, new[] { "b", "c" }, false)]
    [TestCase(new[] { "a", "...", "c", "b" }, new[] { "a", "b", "c" }, false)]
    [TestCase(new[] { "a", "    ...", "d" }, new[] { "a", "  b", "d" }, true)]
    public void An_ellipsis_line_stands_for_any_lines(string[] shown, string[] printed, bool matches) =>
        Matches(shown, printed).ShouldBe(matches);

    /// <summary>
    /// Whether <paramref name="printed"/> is <paramref name="shown"/> with each <c>...</c> line (indented or not) standing for zero or
    /// more lines. The runs between ellipses must appear whole and in order; the first run is at the start unless
    /// the example starts with <c>...</c>, the last at the end unless it ends with one. Each run is taken at its
    /// earliest place, which leaves the most room for the runs after it.
    /// </summary>
    private static bool Matches(IReadOnlyList<string> shown, IReadOnlyList<string> printed)
    {
        var runs = new List<List<string>> { new() };
        foreach (var line in shown)
        {
            if (line.Trim() == "...")
            {
                runs.Add([]);
            }
            else
            {
                runs[^1].Add(line);
            }
        }

        var at = 0;
        for (var r = 0; r < runs.Count; r++)
        {
            var run = runs[r];
            var isFirst = r == 0;
            var isLast = r == runs.Count - 1;
            var start = isLast && runs.Count > 1 ? printed.Count - run.Count : at;
            if (isFirst && isLast)
            {
                return run.SequenceEqual(printed);
            }

            var found = isFirst || isLast ? (StartsAt(printed, run, start) ? start : -1) : Find(printed, run, at);
            if (found < at)
            {
                return false;
            }

            at = found + run.Count;
        }

        return true;
    }

    private static int Find(IReadOnlyList<string> printed, List<string> run, int from)
    {
        for (var i = from; i + run.Count <= printed.Count; i++)
        {
            if (StartsAt(printed, run, i))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool StartsAt(IReadOnlyList<string> printed, List<string> run, int index) =>
        index >= 0 && index + run.Count <= printed.Count && run.Select((line, i) => printed[index + i] == line).All(same => same);

    /// <summary>Each marked example by name: its commands in order, each with the output shown under it.</summary>
    private static Dictionary<string, List<(string Command, string[] Output)>> ReadmeExamples()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md")).ReplaceLineEndings("\n");
        return MarkedBlock().Matches(readme).ToDictionary(
            m => m.Groups["name"].Value,
            m =>
            {
                var lines = m.Groups["body"].Value.Split('\n');
                lines[0].ShouldStartWith(Prompt, customMessage: $"README.md's example \"{m.Groups["name"].Value}\" starts with its command");
                var starts = Enumerable.Range(0, lines.Length).Where(i => lines[i].StartsWith(Prompt, StringComparison.Ordinal)).Append(lines.Length).ToList();
                return starts.Zip(starts.Skip(1), (start, end) => (lines[start], lines[(start + 1)..end])).ToList();
            });
    }

    private const string Prompt = "$ accesssync ";

    /// <summary>The examples (policy files and all) in <c>examples/</c> of a temporary folder.</summary>
    private static TempFolder CopyOfExamples()
    {
        var folder = new TempFolder();
        foreach (var file in Directory.EnumerateFiles(RepositoryPaths.Examples, "*", SearchOption.AllDirectories))
        {
            var copied = Path.Combine(folder.Path, "examples", Path.GetRelativePath(RepositoryPaths.Examples, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copied)!);
            File.Copy(file, copied); // byte for byte: one example is deliberately not UTF-8
        }

        return folder;
    }

    [GeneratedRegex(@"^<!-- output: (?<name>[\w-]+) -->\n(?<fence>`{3,})\n(?<body>.*?)\n\k<fence>$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex MarkedBlock();
}
