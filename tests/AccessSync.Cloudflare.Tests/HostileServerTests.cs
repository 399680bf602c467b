using System.Net;
using System.Net.Sockets;
using System.Text;
using AccessSync.Cloudflare.Tests.Support;

namespace AccessSync.Cloudflare.Tests;

/// <summary>
/// A server that answers with terminal control sequences, over a real loopback socket: what it sent reaches an error
/// message only escaped and shortened.
/// </summary>
public class HostileServerTests
{
    private const string Hostile = "\u001b[2J\u001b]0;owned\u0007\u202eevil\u009b31m";

    [Test]
    public async Task Raw_bytes_instead_of_HTTP_are_escaped_in_the_transport_error()
    {
        await using var server = RawServer.Start(Encoding.UTF8.GetBytes(Hostile + "\r\n\r\n"));
        using var client = ClientFor(server.BaseUrl);

        var error = await Should.ThrowAsync<CloudflareTransportException>(() => client.GetApplicationAsync(Harness.Account, "app-1"));

        ShouldBeFitToPrint(error.Message);
    }

    [Test]
    public async Task An_API_error_message_with_control_sequences_is_escaped_and_shortened()
    {
        var envelope = $$"""{"success":false,"errors":[{"code":1000,"message":"{{Escaped(Hostile)}}{{new string('x', 5000)}}"}],"messages":[],"result":null}""";
        var body = Encoding.UTF8.GetBytes(envelope);
        var head = $"HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n";
        await using var server = RawServer.Start([.. Encoding.ASCII.GetBytes(head), .. body]);
        using var client = ClientFor(server.BaseUrl);

        var error = await Should.ThrowAsync<CloudflareApiException>(() => client.GetApplicationAsync(Harness.Account, "app-1"));

        ShouldBeFitToPrint(error.Message);
        error.Message.ShouldContain(@"\x1b[2J\x1b]0;owned\x07\u202eevil\u009b31m");
        error.Message.Length.ShouldBeLessThan(500);
        error.Message.ShouldContain("…");
    }

    private static void ShouldBeFitToPrint(string message)
    {
        message.ShouldNotContain('\u001b');
        message.ShouldNotContain('\u202e');
        message.ShouldAllBe(c => c >= ' ' && c != '\u007f' && (c < '\u0080' || c > '\u009f'));
    }

    private static string Escaped(string text) => string.Concat(text.Select(c => $"\\u{(int)c:x4}"));

    private static CloudflareAccessClient ClientFor(Uri baseUrl) => new(
        CloudflareCredentials.ApiToken(Harness.Token),
        Harness.Options(baseUrl, new ScaledClock()) with { Retry = new RetryOptions { MaxAttempts = 2 } });

    /// <summary>A loopback socket that answers every connection with the same bytes, whatever was asked, then closes it.</summary>
    private sealed class RawServer : IAsyncDisposable
    {
        private readonly TcpListener listener;
        private readonly CancellationTokenSource stop = new();
        private readonly Task serving;

        private RawServer(byte[] answer)
        {
            listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            serving = ServeAsync(answer);
        }

        public Uri BaseUrl => new($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/client/v4");

        public static RawServer Start(byte[] answer) => new(answer);

        public async ValueTask DisposeAsync()
        {
            await stop.CancelAsync();
            listener.Stop();
            try
            {
                await serving;
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // Stopped while waiting for the next connection.
            }

            stop.Dispose();
        }

        private async Task ServeAsync(byte[] answer)
        {
            while (!stop.IsCancellationRequested)
            {
                using var connection = await listener.AcceptTcpClientAsync(stop.Token);
                var stream = connection.GetStream();
                await ReadRequestHeadAsync(stream);
                await stream.WriteAsync(answer, stop.Token);
                await stream.FlushAsync(stop.Token);
            }
        }

        private async Task ReadRequestHeadAsync(NetworkStream stream)
        {
            var seen = new List<byte>();
            var buffer = new byte[4096];
            while (!EndsWithBlankLine(seen))
            {
                var read = await stream.ReadAsync(buffer, stop.Token);
                if (read == 0)
                {
                    return;
                }

                seen.AddRange(buffer.AsSpan(0, read));
            }
        }

        private static bool EndsWithBlankLine(List<byte> seen) =>
            seen.Count >= 4 && seen[^4] == '\r' && seen[^3] == '\n' && seen[^2] == '\r' && seen[^1] == '\n';
    }
}
