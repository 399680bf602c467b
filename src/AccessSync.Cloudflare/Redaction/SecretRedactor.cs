using System.Text.Encodings.Web;
using System.Text.Json;

namespace AccessSync.Cloudflare.Redaction;

/// <summary>
/// Replaces every occurrence of a secret with [REDACTED]. The client passes every log property and every exception
/// message it creates through one instance, so a secret cannot leak by a path someone forgot to sanitise.
/// </summary>
internal sealed class SecretRedactor
{
    public const string Mask = "[REDACTED]";

    // Short strings would mask ordinary text and reveal nothing worth hiding; real tokens and keys are 37+ characters.
    private const int MinimumSecretLength = 4;

    private readonly string[] forms;

    public SecretRedactor(IEnumerable<string> secrets)
    {
        // The raw value, and the forms it takes when it is URL-encoded or written inside a JSON string.
        forms = secrets
            .Where(s => s.Length >= MinimumSecretLength)
            .SelectMany(s => new[] { s, Uri.EscapeDataString(s), JsonString(s, JavaScriptEncoder.Default), JsonString(s, JavaScriptEncoder.UnsafeRelaxedJsonEscaping) })
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(s => s.Length)
            .ToArray();
    }

    public static SecretRedactor None { get; } = new([]);

    public string Redact(string text)
    {
        foreach (var form in forms)
        {
            if (text.Contains(form, StringComparison.Ordinal))
            {
                text = text.Replace(form, Mask, StringComparison.Ordinal);
            }
        }

        return text;
    }

    /// <summary>The text as a JSON string holds it, quotes aside (escaped as a writer with this encoder escapes it).</summary>
    private static string JsonString(string value, JavaScriptEncoder encoder) => JsonEncodedText.Encode(value, encoder).Value;
}
