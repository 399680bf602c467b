namespace AccessSync.Core.Diagnostics;

/// <summary>The rule ids that diagnostics carry. They are part of the output contract: never rename one.</summary>
public static class DiagnosticCodes
{
    // Reading the file.
    public const string UnreadableFile = "unreadable-file";
    public const string FileTooLarge = "file-too-large";
    public const string InvalidUtf8 = "invalid-utf8";
    public const string EmptyFile = "empty-file";
    public const string YamlSyntax = "yaml-syntax";
    public const string TabIndentation = "tab-indentation";
    public const string DuplicateKey = "duplicate-key";
    public const string MultipleDocuments = "multiple-documents";
    public const string NonScalarKey = "non-scalar-key";

    // Limits on what one file may make the tool do (Sources/SourceLimits.cs).
    public const string NestingTooDeep = "nesting-too-deep";
    public const string TooManyNodes = "too-many-nodes";
    public const string AliasExpansionTooLarge = "alias-expansion-too-large";
    public const string KeyTooLong = "key-too-long";
    public const string ValueTooLong = "value-too-long";
    public const string TooManyRules = "too-many-rules";
    public const string TooManyPolicies = "too-many-policies";

    // The schema.
    public const string UnknownKey = "unknown-key";
    public const string MissingKey = "missing-key";
    public const string WrongType = "wrong-type";
    public const string InvalidValue = "invalid-value";

    // Meaning, after the schema.
    public const string ConflictingScope = "conflicting-scope";
    public const string DuplicatePolicyName = "duplicate-policy-name";
    public const string DuplicateApplication = "duplicate-application";
    public const string DuplicatePrecedence = "duplicate-precedence";
    public const string NoPolicies = "no-policies";
    public const string AllowsEveryone = "allow-everyone-unrestricted";
    public const string UnreachablePolicy = "unreachable-policy";
    public const string UntestedApplication = "test-unknown-application";
    public const string UnknownDecidingPolicy = "test-unknown-policy";
    public const string DuplicateTestCase = "duplicate-test-case";
    public const string AccessTestFailed = "access-test-failed";
    public const string AccessTestUndetermined = "access-test-undetermined";
    public const string NestedConfig = "nested-config";
    public const string PrecedenceInReusablePolicy = "precedence-in-reusable-policy";
    public const string DuplicateReusablePolicy = "duplicate-reusable-policy";
    public const string ReusablePolicyInZone = "reusable-policy-in-zone";

    // Planning, against the live account.
    public const string NoScope = "no-scope";
    public const string UnknownApplication = "unknown-application";
    public const string AmbiguousApplication = "ambiguous-application";
    public const string UnknownReference = "unknown-reference";
    public const string AmbiguousReference = "ambiguous-reference";
    public const string PrecedenceTaken = "precedence-taken";
    public const string PolicyIdNotFound = "policy-id-not-found";
    public const string ReusableNameTaken = "reusable-name-taken";
    public const string UnknownReusablePolicy = "unknown-reusable-policy";
    public const string ReusableNeedsAccount = "reusable-needs-account";
}
