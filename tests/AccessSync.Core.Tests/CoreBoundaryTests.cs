using AccessSync.Core.Planning;

namespace AccessSync.Core.Tests;

/// <summary>Core stays a pure library: it depends on no I/O, logging or HTTP package (its banned symbols keep out the BCL's I/O).</summary>
public class CoreBoundaryTests
{
    private static readonly string[] Allowed = ["System.", "Microsoft.Win32.Primitives", "netstandard", "YamlDotNet", "NJsonSchema", "Newtonsoft.Json", "Namotion.Reflection", "DiffPlex"];

    [Test]
    public void Core_references_no_io_logging_or_http_library()
    {
        var references = typeof(Planner).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        references.ShouldNotBeEmpty();
        references.Where(name => !Allowed.Any(prefix => name == prefix || name.StartsWith(prefix, StringComparison.Ordinal)))
            .ShouldBeEmpty("Core may depend only on the BCL, YamlDotNet, NJsonSchema and DiffPlex");
        references.ShouldNotContain(name => name.StartsWith("Serilog", StringComparison.Ordinal) || name.StartsWith("Flurl", StringComparison.Ordinal) || name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
    }
}
