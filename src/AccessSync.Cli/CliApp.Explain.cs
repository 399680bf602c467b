using System.CommandLine;
using System.Net;
using AccessSync.Cli.Commands;
using AccessSync.Cli.Connections;
using AccessSync.Core.Evaluation;

namespace AccessSync.Cli;

/// <summary>The command line of explain: an application, a folder, and the attributes of one request.</summary>
public static partial class CliApp
{
    private static Command ExplainCommandLine(Invocation invocation)
    {
        var app = new Argument<string>("APP") { Description = "The application: the name, id or domain its file gives." };
        var directory = DirectoryArgument(invocation);
        var email = new Option<string?>("--email") { Description = "The identity's email." };
        var groups = Many("--group", "An Access group the identity is in (name or id); repeat for more.");
        var idpGroups = Many("--idp-group", "What the identity provider asserts: an Okta group, Azure AD group id, Google group email, GitHub org or org/team, SAML or OIDC name=value; repeat for more.");
        var country = new Option<string?>("--country") { Description = "The country the request comes from (ISO code, e.g. US)." };
        var ip = new Option<string?>("--ip") { Description = "The address the request comes from (IPv4 or IPv6)." };
        var loginMethod = new Option<string?>("--login-method") { Description = "The identity provider logged in with (name or id)." };
        var authMethods = Many("--auth-method", "An authentication method used (mfa, hwk, pwd, ...); repeat for more.");
        var posture = Many("--device-posture", "A device posture check that passes; repeat for more. Without any, posture is unknown.");
        var serviceToken = new Option<string?>("--service-token") { Description = "The service token presented (name or id)." };
        var anyToken = new Option<bool>("--any-valid-service-token") { Description = "A valid service token is presented." };
        var certificate = new Option<bool>("--certificate") { Description = "A valid client certificate is presented." };
        var commonName = new Option<string?>("--common-name") { Description = "The client certificate's common name." };
        var risk = new Option<string?>("--user-risk-score") { Description = "low, medium or high. Without it, the risk score is unknown." };
        risk.AcceptOnlyFromAmong("low", "medium", "high");
        var member = new Option<bool>("--account-member") { Description = "The identity is a member of the Cloudflare account." };
        var emailLists = Many("--email-list", "An email list (id) the email is on; repeat for more. Without any, list membership is unknown.");
        var ipLists = Many("--ip-list", "An IP list (id) the address is in; repeat for more. Without any, list membership is unknown.");
        ip.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } value && !IPAddress.TryParse(value, out _))
            {
                result.AddError($"--ip must be an IPv4 or IPv6 address, not \"{value}\"");
            }
        });
        var live = LiveOption("the application");
        var connection = new ConnectionOptions();
        RejectOptionLookalikes(directory);

        var command = new Command(
            "explain",
            """
            Show how Access would decide one request to APP, as the files under DIR describe it: each policy in the order Access evaluates them (bypass and service auth first, then by precedence), whether it matched and why, and the decision. Offline: no credentials, no network. With --live, the application's live policies are explained instead (names in the request are matched to live ids).

            An attribute not given is absent (no email, in no group, no token), except device posture, the user risk score and email and IP list membership, which are unknown: a decision that depends on them is undetermined. Exit 0 explained, 1 invalid files, 64 usage error.
            """)
        {
            app, directory, email, groups, idpGroups, country, ip, loginMethod, authMethods, posture, serviceToken, anyToken, certificate, commonName, risk, member, emailLists, ipLists, live,
        };
        connection.AddTo(command);
        command.SetAction((parsed, _) => Run(parsed, invocation, (global, log) =>
            new ExplainCommand(invocation.Console, invocation.Surroundings, log).ExecuteAsync(
                new ExplainSettings(
                    parsed.GetValue(app)!,
                    parsed.GetValue(directory)!,
                    new Identity(
                        Email: parsed.GetValue(email),
                        Groups: [.. parsed.GetValue(groups) ?? []],
                        IdpGroups: [.. parsed.GetValue(idpGroups) ?? []],
                        Country: parsed.GetValue(country),
                        Ip: parsed.GetValue(ip) is { } address ? IPAddress.Parse(address) : null,
                        LoginMethod: parsed.GetValue(loginMethod),
                        AuthMethods: [.. parsed.GetValue(authMethods) ?? []],
                        DevicePosture: parsed.GetValue(posture) is { Length: > 0 } passing ? [.. passing] : null,
                        ServiceToken: parsed.GetValue(serviceToken),
                        AnyValidServiceToken: parsed.GetValue(anyToken),
                        Certificate: parsed.GetValue(certificate),
                        CommonName: parsed.GetValue(commonName),
                        UserRiskScore: parsed.GetValue(risk),
                        AccountMember: parsed.GetValue(member),
                        EmailLists: parsed.GetValue(emailLists) is { Length: > 0 } onEmailLists ? [.. onEmailLists] : null,
                        IpLists: parsed.GetValue(ipLists) is { Length: > 0 } inIpLists ? [.. inIpLists] : null),
                    LiveConnection(parsed, live, connection)),
                global,
                invocation.Interruption.Stop)));
        return command;
    }

    private static Option<string[]> Many(string name, string description) => new(name)
    {
        Description = description,
        Arity = ArgumentArity.ZeroOrMore,
        AllowMultipleArgumentsPerToken = false,
    };
}
