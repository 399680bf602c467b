using System.Text.Json;
using AccessSync.Core.Json;
using AccessSync.Core.Planning;

namespace AccessSync.Core.Tests;

/// <summary>What a saved plan remembers of a live object, to refuse an apply when someone changed it meanwhile.</summary>
public class FingerprintTests
{
    private const string Policy = """
        {"id":"b1","name":"Équipe <ops> & \"on-call\"","decision":"allow","precedence":1.50,"updated_at":"2026-01-02T03:04:05Z",
         "include":[{"email":{"email":"a+b@example.com"}},{"ip":{"ip":"10.0.0.0/8"}}],"exclude":[],"purpose_justification_prompt":null,
         "approval_groups":[{"approvals_needed":2,"email_addresses":["x@example.com"]}],"session_duration":"24h","isolation_required":false}
        """;

    [Test]
    public void The_same_object_with_its_keys_in_another_order_has_the_same_fingerprint()
    {
        using var original = JsonDocument.Parse(Policy);
        var reordered = new System.Text.Json.Nodes.JsonObject(
            System.Text.Json.Nodes.JsonNode.Parse(Policy)!.AsObject().Reverse().Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));
        using var shuffled = JsonDocument.Parse(reordered.ToJsonString());

        Fingerprint.Of(shuffled.RootElement).ShouldBe(Fingerprint.Of(original.RootElement));
        Fingerprint.Of(original.RootElement).UpdatedAt.ShouldBe("2026-01-02T03:04:05Z");
    }

    [Test]
    public void Any_change_of_content_changes_the_fingerprint()
    {
        using var original = JsonDocument.Parse(Policy);
        using var changed = JsonDocument.Parse(Policy.Replace("10.0.0.0/8", "10.0.0.0/9", StringComparison.Ordinal));

        Fingerprint.Of(changed.RootElement).ContentHash.ShouldNotBe(Fingerprint.Of(original.RootElement).ContentHash);
    }

    [Test]
    public void The_streamed_canonical_text_is_the_sorted_tree_s_text_to_the_byte()
    {
        // Fingerprints in plans saved before the text was streamed stay valid only if the text is the same.
        using var document = JsonDocument.Parse(Policy);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            SortedJsonWriter.Write(document.RootElement, writer);
        }

        System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan).ShouldBe(SortedJson.Of(document.RootElement)!.ToJsonString());
    }
}
