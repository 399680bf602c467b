using System.Globalization;

namespace AccessSync.Bench;

/// <summary>
/// With <c>--summary</c>, one machine-readable line per measure after a benchmark's own lines:
/// <c>ROW measure median min max unit</c>, numbers in the invariant culture, the measure a single word. bench/table.sh
/// collects these lines into its table; without the option nothing is printed, so the usual output does not change.
/// </summary>
internal sealed class Summary(bool enabled)
{
    public void Row(string measure, IEnumerable<double> values, string unit)
    {
        if (!enabled)
        {
            return;
        }

        var list = values.ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ROW {measure} {Stats.Median(list):0.###} {list.Min():0.###} {list.Max():0.###} {unit}"));
    }
}
