using System.Xml.Linq;
using AccessSync.Core.Evaluation;
using AccessSync.Core.Rendering;
using AccessSync.Core.Tests.Support;

namespace AccessSync.Core.Tests.Evaluation;

/// <summary>Access tests run against the files: what passes, what fails and how it says so, and what is undetermined.</summary>
public class AccessTestRunnerTests
{
    private const string Grafana = """
        app: {name: Grafana}
        policies:
          - name: Block contractors
            decision: deny
            include: [{group: Contractors}]
          - name: Managed devices
            decision: allow
            include: [{group: Developers}]
            require: [{device_posture: 8a7b6c5d-4e3f-4a1b-9c8d-7e6f5a4b3c2d}]
          - name: Engineering
            decision: allow
            include: [{email_domain: example.com}]
            require: [{login_method: Okta}]
        """;

    private static IReadOnlyList<AccessTestResult> Run(string cases)
    {
        var project = Load.Project(("apps/grafana.yaml", Grafana), ("tests/grafana.yaml", "app: grafana\ncases:\n" + cases)).ShouldBeValid();
        return AccessTestRunner.Run(project);
    }

    [Test]
    public void A_case_passes_when_access_reaches_the_expected_decision_by_the_expected_policy()
    {
        var result = Run("""
              - {name: contractors, who: {email: eve@example.com, groups: [contractors], login_method: okta}, expect: deny, by: Block Contractors}
            """).Single();

        result.Verdict.ShouldBe(AccessTestVerdict.Passed);
        result.Summary.ShouldBe("grafana: contractors: deny by `Block contractors`");
    }

    [Test]
    public void A_case_that_gets_another_decision_fails_saying_what_was_expected_and_what_decided()
    {
        var result = Run("""
              - {name: ada gets in, who: {email: ada@example.com, login_method: GitHub}, expect: allow}
            """).Single();

        result.Verdict.ShouldBe(AccessTestVerdict.Failed);
        result.Summary.ShouldBe("grafana: ada gets in: expected allow, got deny (no policy matched)");
        AccessTestRenderer.ToDiagnostic(result).ToString().ShouldBe(
            "tests/grafana.yaml:3:12: error: grafana: ada gets in: expected allow, got deny (no policy matched) [access-test-failed]");
    }

    [Test]
    public void The_right_decision_by_another_policy_than_the_case_names_fails()
    {
        var result = Run("""
              - {name: denied by default, who: {email: eve@example.com, groups: [Contractors]}, expect: deny, by: none}
            """).Single();

        result.Verdict.ShouldBe(AccessTestVerdict.Failed);
        result.Summary.ShouldBe("grafana: denied by default: expected deny (no policy matched), got deny by `Block contractors`");
    }

    [Test]
    public void A_case_whose_outcome_depends_on_an_unstated_device_posture_is_undetermined_and_names_what_it_needs()
    {
        var result = Run("""
              - {name: developers, who: {email: dev@elsewhere.example, groups: [Developers]}, expect: allow}
            """).Single();

        result.Verdict.ShouldBe(AccessTestVerdict.Undetermined);
        result.Summary.ShouldBe(
            "grafana: developers: expected allow, got undetermined: allow by `Managed devices` or deny (no policy matched), depending on device_posture (in `Managed devices`)");
        AccessTestRenderer.ToDiagnostic(result).Code.ShouldBe("access-test-undetermined");
    }

    [Test]
    public void A_case_whose_outcome_is_the_same_whatever_the_unknown_is_passes()
    {
        var results = Run("""
              - {name: engineers with Okta, who: {email: dev@example.com, groups: [Developers], login_method: Okta}, expect: allow}
              - {name: stating the posture decides it, who: {email: dev@elsewhere.example, groups: [Developers], device_posture: [8a7b6c5d-4e3f-4a1b-9c8d-7e6f5a4b3c2d]}, expect: allow, by: Managed devices}
            """);

        results.Select(r => r.Verdict).ShouldBe([AccessTestVerdict.Passed, AccessTestVerdict.Passed]);
    }

    [Test]
    public void Every_possible_outcome_being_wrong_is_a_failure_not_an_undetermined_case()
    {
        var result = Run("""
              - {name: developers bypass, who: {groups: [Developers]}, expect: bypass}
            """).Single();

        result.Verdict.ShouldBe(AccessTestVerdict.Failed);
    }

    [Test]
    public void The_summary_counts_undetermined_cases_as_failed()
    {
        var results = Run("""
              - {name: one, who: {groups: [Contractors]}, expect: deny}
              - {name: two, who: {groups: [Developers]}, expect: allow}
              - {name: three, who: {email: ada@example.com}, expect: allow}
            """);

        AccessTestRenderer.Summary([.. results]).ShouldBe("1 passed, 2 failed.");
    }

    [Test]
    public void The_junit_report_has_a_suite_per_file_and_a_failure_with_expected_and_actual()
    {
        var results = Run("""
              - {name: one, who: {groups: [Contractors]}, expect: deny}
              - {name: "two \u001b[31m", who: {email: ada@example.com}, expect: allow}
            """);

        var xml = XDocument.Parse(JUnitReport.Render([.. results]));

        var suite = xml.Root!.Element("testsuite")!;
        suite.Attribute("name")!.Value.ShouldBe("tests/grafana.yaml");
        (suite.Attribute("tests")!.Value, suite.Attribute("failures")!.Value).ShouldBe(("2", "1"));
        var failed = suite.Elements("testcase").Single(c => c.Element("failure") is not null);
        failed.Attribute("name")!.Value.ShouldBe("two \\x1b[31m");
        failed.Element("failure")!.Attribute("message")!.Value.ShouldBe("expected allow, got deny (no policy matched)");
    }
}
