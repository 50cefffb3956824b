using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Lifecycle.Redis.Tests.Infrastructure;

/// <summary>A TCP server that accepts connections and then never answers (or answers only the handshake PING).</summary>
internal sealed class SilentServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly List<TcpClient> _clients = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acceptLoop;

    public SilentServer(bool answerHandshakePing = false)
    {
        _listener.Start();
        _acceptLoop = AcceptAsync(answerHandshakePing);
    }

    public int AcceptedCount
    {
        get
        {
            lock (_clients)
            {
                return _clients.Count;
            }
        }
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _acceptLoop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        lock (_clients)
        {
            _clients.ForEach(c => c.Dispose());
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync(bool answerHandshakePing)
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            lock (_clients)
            {
                _clients.Add(client);
            }

            if (answerHandshakePing)
            {
                _ = AnswerFirstPingAsync(client.GetStream());
            }
        }
    }

    private async Task AnswerFirstPingAsync(NetworkStream stream)
    {
        var buffer = new byte[1024];
        var seen = "";
        while (!seen.Contains("PING", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer, _stop.Token);
            if (read == 0)
            {
                return;
            }

            seen += Encoding.ASCII.GetString(buffer, 0, read);
        }

        await stream.WriteAsync("+PONG\r\n"u8.ToArray(), _stop.Token);
        // From here on the server reads and ignores everything, like a hung process whose socket is still open.
        while (await stream.ReadAsync(buffer, _stop.Token) > 0)
        {
        }
    }
}
