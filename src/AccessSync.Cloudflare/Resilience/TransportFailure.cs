using System.Net.Sockets;
using AccessSync.Core.Text;
using Polly.Timeout;

namespace AccessSync.Cloudflare.Resilience;

/// <summary>Says in a few words why a request got no answer, from the innermost exception that knows.</summary>
internal static class TransportFailure
{
    public static string Describe(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case TimeoutRejectedException timeout:
                    return $"no response within {RetryPolicy.Seconds(timeout.Timeout)}";
                case TimeoutException timeout:
                    return timeout.Message;
                case SocketException socket:
                    return socket.SocketErrorCode switch
                    {
                        SocketError.ConnectionRefused => "connection refused",
                        SocketError.ConnectionReset => "connection reset",
                        SocketError.ConnectionAborted => "connection aborted",
                        SocketError.HostNotFound or SocketError.NoData => "host not found",
                        SocketError.TimedOut => "connection timed out",
                        SocketError.NetworkUnreachable or SocketError.HostUnreachable => "network unreachable",
                        _ => socket.Message,
                    };
                case HttpRequestException { HttpRequestError: HttpRequestError.ResponseEnded }:
                    return "the connection closed before a complete response";
                case HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError }:
                    return "host not found";
                case HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError }:
                    return "the TLS handshake failed";
                case OperationCanceledException:
                    return "cancelled";
                default:
                    break;
            }
        }

        var innermost = exception;
        while (innermost.InnerException is not null)
        {
            innermost = innermost.InnerException;
        }

        // The runtime quotes what the server sent in some messages ("Received an invalid status line: '…'").
        return DisplayText.ForDisplay(innermost.Message.TrimEnd('.'));
    }
}
