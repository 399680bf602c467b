using DiffPlex.Chunkers;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace AccessSync.Core.Rendering;

/// <summary>
/// One line of a policy's diff: <c>' '</c> kept, <c>'-'</c> removed, <c>'+'</c> added. A class, not a struct: lists
/// and LINQ over a struct of ours are code the runtime compiles in every run that renders a diff.
/// </summary>
public sealed record DiffLine(char Marker, string Text);

/// <summary>
/// A line diff of two renders of a policy (see <see cref="PolicyYaml"/>) with every line shown: a policy is a
/// few lines long, and the unchanged lines are what lets a reviewer place a change. DiffPlex's inline builder
/// computes it; its unified-diff renderer is not used, as it would add hunk headers a policy this size does not need.
/// </summary>
public static class PolicyTextDiff
{
    public static IReadOnlyList<DiffLine> Lines(string before, string after)
    {
        if (before.Length == 0 && after.Length == 0)
        {
            return [];
        }

        if (before.Length == 0 || after.Length == 0)
        {
            // Nothing on one side: every line of the other is added or removed, and DiffPlex would add an empty one.
            var marker = before.Length == 0 ? '+' : '-';
            return [.. SplitLines(before.Length == 0 ? after : before).Select(l => new DiffLine(marker, l))];
        }

        // DiffPlex ignores whitespace unless told otherwise; in YAML, indentation is meaning.
        var model = InlineDiffBuilder.Diff(before.TrimEnd('\n'), after.TrimEnd('\n'), ignoreWhiteSpace: false, ignoreCase: false, chunker: LineChunker.Instance);
        var lines = model.Lines.Select(l => new DiffLine(l.Type switch
        {
            ChangeType.Inserted => '+',
            ChangeType.Deleted => '-',
            _ => ' ',
        }, l.Text));
        return RemovedFirst(lines);
    }

    /// <summary>In each run of changed lines, the removed ones before the added ones, as diffs are read.</summary>
    private static List<DiffLine> RemovedFirst(IEnumerable<DiffLine> lines)
    {
        var result = new List<DiffLine>();
        var run = new List<DiffLine>();
        foreach (var line in lines.Append(new DiffLine(' ', string.Empty)))
        {
            if (line.Marker != ' ')
            {
                run.Add(line);
                continue;
            }

            result.AddRange(run.Where(l => l.Marker == '-'));
            result.AddRange(run.Where(l => l.Marker == '+'));
            run.Clear();
            result.Add(line);
        }

        result.RemoveAt(result.Count - 1);
        return result;
    }

    private static IEnumerable<string> SplitLines(string text) => text.TrimEnd('\n').Split('\n');
}
