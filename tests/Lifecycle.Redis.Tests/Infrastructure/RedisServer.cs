using System.Diagnostics;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;

namespace Lifecycle.Redis.Tests.Infrastructure;

/// <summary>A real redis-server child process on a free loopback port, in its own temp dir; can be killed -9 and restarted.</summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("lifecycle-redis-test-").FullName;
    private readonly string? _password;
    private readonly TestCertificate? _tls;
    private Process? _process;

    private RedisServer(string? password, bool tls)
    {
        (_password, Port) = (password, FreePort.Next());
        _tls = tls ? TestCertificate.WriteTo(_directory) : null;
    }

    public int Port { get; }

    /// <summary>Connection string in the ecosystem form, with the password when one is required.</summary>
    public string ConnectionString => _password is null ? $"127.0.0.1:{Port}" : $"127.0.0.1:{Port},password={_password}";

    /// <summary>The self-signed certificate a TLS server presents; null for plain TCP.</summary>
    public TestCertificate? Tls => _tls;

    public static async Task<RedisServer> StartAsync(string? password = null, bool tls = false)
    {
        var server = new RedisServer(password, tls);
        await server.StartProcessAsync();
        return server;
    }

    /// <summary>SIGKILL: the server vanishes without closing anything gracefully.</summary>
    public void Kill()
    {
        _process?.Kill();
        _process?.WaitForExit();
        _process?.Dispose();
        _process = null;
    }

    public Task RestartAsync() => StartProcessAsync();

    public async ValueTask DisposeAsync()
    {
        Kill();
        await Task.Yield();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task StartProcessAsync()
    {
        var info = new ProcessStartInfo("redis-server")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] listen = _tls is null
            ? ["--port", Port.ToString()]
            : ["--port", "0", "--tls-port", Port.ToString(), "--tls-cert-file", _tls.CertificatePath, "--tls-key-file", _tls.KeyPath,
                "--tls-ca-cert-file", _tls.CertificatePath, "--tls-auth-clients", "no"];
        foreach (var arg in (string[])[.. listen, "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
            "--dir", _directory, "--logfile", Path.Combine(_directory, "redis.log")])
        {
            info.ArgumentList.Add(arg);
        }

        if (_password is not null)
        {
            info.ArgumentList.Add("--requirepass");
            info.ArgumentList.Add(_password);
        }

        _process = Process.Start(info) ?? throw new InvalidOperationException("redis-server did not start (is it installed?)");
        await WaitForPingAsync();
    }

    private async Task WaitForPingAsync()
    {
        // Raw RESP on purpose: the fixture must not depend on the client under test.
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", Port);
                Stream stream = client.GetStream();
                if (_tls is not null)
                {
                    var tls = new SslStream(stream, false, (_, _, _, _) => true);
                    await tls.AuthenticateAsClientAsync("localhost");
                    stream = tls;
                }

                var ping = _password is null ? "PING\r\n" : $"AUTH {_password}\r\nPING\r\n";
                await stream.WriteAsync(Encoding.ASCII.GetBytes(ping));
                var buffer = new byte[256];
                var text = "";
                while (!text.Contains("PONG", StringComparison.Ordinal))
                {
                    var read = await stream.ReadAsync(buffer);
                    if (read == 0)
                    {
                        break;
                    }

                    text += Encoding.ASCII.GetString(buffer, 0, read);
                }

                if (text.Contains("PONG", StringComparison.Ordinal))
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is SocketException or IOException)
            {
                // not listening yet
            }

            await Task.Delay(20);
        }

        throw new InvalidOperationException($"redis-server on port {Port} did not answer PING within 10 s.");
    }
}
