using AccessSync.Core.Loading;

namespace AccessSync.Core.Tests;

public class PathFilterTests
{
    private readonly PathFilter filter = new(["invalid/", "*.tmpl.yaml", "apps/legacy.yaml"]);

    [TestCase("invalid/bad.yaml", true)]
    [TestCase("invalid/", true)]
    [TestCase("teams/invalid/bad.yaml", true)]
    [TestCase("invalidity.yaml", false)]
    [TestCase("apps/base.tmpl.yaml", true)]
    [TestCase("base.tmpl.yaml", true)]
    [TestCase("apps/legacy.yaml", true)]
    [TestCase("other/apps/legacy.yaml", false)]
    [TestCase("apps/grafana.yaml", false)]
    public void Ignore_patterns_match_folders_names_and_paths(string path, bool ignored) =>
        filter.IsIgnored(path).ShouldBe(ignored);

    [TestCase("a.yaml", true)]
    [TestCase("a.YML", true)]
    [TestCase("a.json", false)]
    public void Only_yaml_files_are_policy_files(string name, bool yaml) => PathFilter.IsYaml(name).ShouldBe(yaml);
}
