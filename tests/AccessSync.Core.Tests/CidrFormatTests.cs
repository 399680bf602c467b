using AccessSync.Core.Schema;

namespace AccessSync.Core.Tests;

public class CidrFormatTests
{
    [TestCase("10.0.0.0/8")]
    [TestCase("192.0.2.7")]
    [TestCase("192.0.2.7/32")]
    [TestCase("0.0.0.0/0")]
    [TestCase("2001:db8::/32")]
    [TestCase("2001:db8::1")]
    [TestCase("::/0")]
    public void Accepts_addresses_and_blocks(string value) => CidrNotation.IsCidr(value).ShouldBeTrue();

    [TestCase("10.0.0.0/33")]
    [TestCase("10.0.0.256/8")]
    [TestCase("10.0.0/8")]
    [TestCase("10")]
    [TestCase("10.0.0.0/")]
    [TestCase("10.0.0.0/-1")]
    [TestCase("10.0.0.0/8/8")]
    [TestCase("2001:db8::/129")]
    [TestCase("fe80::1%eth0")]
    [TestCase("example.com")]
    [TestCase("")]
    public void Refuses_anything_else(string value) => CidrNotation.IsCidr(value).ShouldBeFalse();
}
