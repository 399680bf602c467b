using System.Text;
using AccessSync.Core.Diagnostics;
using AccessSync.Core.Sources;

namespace AccessSync.Core.Tests;

public class SourceDecoderTests
{
    [Test]
    public void Invalid_utf8_is_reported_at_the_line_and_column_of_the_bad_byte()
    {
        var bytes = Encoding.UTF8.GetBytes("app:\n  name: Caf").Concat(new byte[] { 0xFF }).Concat("e\n"u8.ToArray()).ToArray();

        var problem = SourceDecoder.Decode("a.yaml", bytes).Problem!;

        problem.Code.ShouldBe(DiagnosticCodes.InvalidUtf8);
        problem.Span.ShouldBe(new SourceSpan("a.yaml", 2, 12));
        problem.Message.ShouldContain("0xFF");
    }

    [Test]
    public void A_file_over_one_mebibyte_is_refused_without_decoding()
    {
        var problem = SourceDecoder.Decode("big.yaml", new byte[SourceLimits.MaxFileBytes + 1]).Problem!;

        problem.Code.ShouldBe(DiagnosticCodes.FileTooLarge);
        problem.Span.ShouldBe(new SourceSpan("big.yaml", 1, 1));
    }

    [Test]
    public void A_file_of_exactly_the_limit_is_accepted()
    {
        var bytes = Enumerable.Repeat((byte)'#', SourceLimits.MaxFileBytes).ToArray();

        SourceDecoder.Decode("edge.yaml", bytes).File.ShouldNotBeNull();
    }

    [Test]
    public void A_byte_order_mark_is_not_part_of_the_text()
    {
        var file = SourceDecoder.Decode("bom.yaml", [0xEF, 0xBB, 0xBF, (byte)'a', (byte)':', (byte)' ', (byte)'1']).File!;

        file.Text.ShouldBe("a: 1");
    }
}
