using AccessSync.Core.Diagnostics;
using AccessSync.Core.Model;
using AccessSync.Core.Tests.Support;

namespace AccessSync.Core.Tests.Evaluation;

/// <summary>Which files are access tests, and the mistakes in them validate reports at their place.</summary>
public class AccessTestFileTests
{
    private const string App = "app: {name: Grafana}\npolicies:\n  - {name: Engineering, decision: allow, include: [{email_domain: example.com}]}\n";

    private const string OneCase = "app: Grafana\ncases:\n  - {name: ada, who: {email: ada@example.com}, expect: allow}\n";

    [Test]
    public void A_file_under_tests_is_an_access_test_and_one_elsewhere_is_one_when_its_kind_says_so()
    {
        var project = Load.Project(
            ("apps/grafana.yaml", App),
            ("tests/grafana.yaml", OneCase),
            ("teams/grafana-tests.yaml", "kind: access-test\n" + OneCase.Replace("name: ada", "name: ada again", StringComparison.Ordinal))).ShouldBeValid();

        project.AccessTests.Select(t => t.Path).ShouldBe(["tests/grafana.yaml", "teams/grafana-tests.yaml"]);
        project.Applications.ShouldHaveSingleItem();
    }

    [Test]
    public void The_case_a_file_states_is_read_with_what_it_leaves_out_absent_or_unknown()
    {
        var project = Load.Project(
            ("apps/grafana.yaml", App),
            ("tests/grafana.yaml", """
                app: Grafana
                cases:
                  - name: full
                    who:
                      email: ada@example.com
                      groups: [Developers]
                      country: US
                      ip: 2001:db8::1
                      login_method: Okta
                      auth_methods: [mfa]
                      any_valid_service_token: true
                      user_risk_score: low
                    expect: allow
                    by: Engineering
                """)).ShouldBeValid();

        var test = project.AccessTests.Single().Cases.Single();
        (test.Who.Email, test.Who.Country, test.Who.Ip?.ToString(), test.Who.LoginMethod, test.Who.UserRiskScore).ShouldBe(("ada@example.com", "US", "2001:db8::1", "Okta", "low"));
        test.Who.Groups.ShouldBe(["Developers"]);
        test.Who.AnyValidServiceToken.ShouldBeTrue();
        test.Who.ServiceToken.ShouldBeNull();
        test.Who.DevicePosture.ShouldBeNull("left out, device posture is unknown, not none");
        (test.Expect, test.By, test.Span.Line).ShouldBe((Decision.Allow, "Engineering", 3));
    }

    [Test]
    public void A_misspelled_key_of_who_is_an_error_at_it_with_the_key_meant()
    {
        var result = Load.Project(("apps/grafana.yaml", App), ("tests/grafana.yaml", "app: Grafana\ncases:\n  - name: ada\n    who: {emial: ada@example.com}\n    expect: allow\n"));

        var error = result.Diagnostics.ShouldHaveSingleItem();
        error.Span.ShouldBe(new SourceSpan("tests/grafana.yaml", 4, 11));
        error.Message.ShouldBe("unknown key `emial`; did you mean `email`?");
    }

    [Test]
    public void An_expectation_that_is_no_decision_is_an_error_listing_the_decisions()
    {
        var result = Load.Project(("apps/grafana.yaml", App), ("tests/grafana.yaml", "app: Grafana\ncases:\n  - {name: ada, who: {}, expect: permit}\n"));

        result.Diagnostics.ShouldHaveSingleItem().Message.ShouldBe("`expect` must be one of allow, deny, bypass, non_identity (got `permit`)");
    }

    [Test]
    public void A_test_of_an_application_no_file_manages_is_an_error_naming_the_nearest()
    {
        var result = Load.Project(("apps/grafana.yaml", App), ("tests/grafana.yaml", OneCase.Replace("app: Grafana", "app: Grafanna", StringComparison.Ordinal)));

        var error = result.Diagnostics.ShouldHaveSingleItem();
        (error.Code, error.Span.Line, error.Span.Column).ShouldBe((DiagnosticCodes.UntestedApplication, 1, 6));
        error.Message.ShouldBe("no application is named `Grafanna`; known: `Grafana` in the files; give the name, id or domain its application file gives");
        result.Value.ShouldBeNull();
    }

    [Test]
    public void A_deciding_policy_the_application_does_not_have_is_an_error_at_by()
    {
        var result = Load.Project(("apps/grafana.yaml", App), ("tests/grafana.yaml", "app: Grafana\ncases:\n  - {name: ada, who: {}, expect: allow, by: Enginering}\n"));

        var error = result.Diagnostics.ShouldHaveSingleItem();
        (error.Code, error.Span.Line).ShouldBe((DiagnosticCodes.UnknownDecidingPolicy, 3));
        error.Message.ShouldStartWith("no policy is named `Enginering`; known: `Engineering` in Grafana;");
    }

    [Test]
    public void Two_cases_with_one_name_are_an_error_at_the_second()
    {
        var result = Load.Project(("apps/grafana.yaml", App), ("tests/grafana.yaml", OneCase + "  - {name: ADA, who: {}, expect: deny}\n"));

        var error = result.Diagnostics.ShouldHaveSingleItem();
        (error.Code, error.Span.Line).ShouldBe((DiagnosticCodes.DuplicateTestCase, 4));
    }

    [Test]
    public void A_file_under_tests_that_says_another_kind_is_an_error_at_its_kind()
    {
        var result = Load.Project(("apps/grafana.yaml", App), ("tests/grafana.yaml", "kind: application\n" + App));

        result.Diagnostics.ShouldHaveSingleItem().Message.ShouldBe("`kind` must be access-test: files under tests/ hold access tests (got `application`)");
    }
}
