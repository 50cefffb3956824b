using Lifecycle.Hosting.Processes;

namespace Lifecycle.Hosting.Launchers;

/// <summary>Ports one RabbitMQ node needs: AMQP, Erlang distribution, and its private epmd.</summary>
public sealed record RabbitMqPorts(int Amqp, int Epmd, int Distribution);

/// <summary>
/// A private RabbitMQ node (INFRA.md): the real script in /usr/lib/rabbitmq/bin (the /usr/sbin wrapper
/// switches user and breaks the cookie), its own HOME, and its own epmd started inside the same process
/// group, so stopping the group leaves no global epmd behind.
/// </summary>
public static class RabbitMqLauncher
{
    private const string ServerScript = "/usr/lib/rabbitmq/bin/rabbitmq-server";

    // epmd runs in the background of the same shell (same group); the broker starts once epmd answers.
    private const string StartScript =
        "\"$1\" -port \"$2\" -address 127.0.0.1 & " +
        "until \"$1\" -port \"$2\" -names >/dev/null 2>&1; do sleep 0.05; done; " +
        "exec \"$3\"";

    public static (string Server, string Epmd) Locate()
    {
        var server = BinaryLocator.Existing(ServerScript)
            ?? throw MissingBinaryException.AptPackage("rabbitmq-server", "rabbitmq-server");
        var epmd = BinaryLocator.OnPath("epmd") ?? BinaryLocator.Existing("/usr/lib/erlang/bin/epmd", "/usr/bin/epmd")
            ?? throw MissingBinaryException.AptPackage("epmd", "erlang-base");
        return (server, epmd);
    }

    public static ProcessLaunch Create(string nodeName, RabbitMqPorts ports, string dataDirectory)
    {
        var (server, epmd) = Locate();
        var home = Path.Combine(dataDirectory, "home");
        Directory.CreateDirectory(home);
        Directory.CreateDirectory(Path.Combine(dataDirectory, "log"));
        var config = Path.Combine(dataDirectory, "rabbitmq");
        File.WriteAllText(config + ".conf", $"listeners.tcp.default = 127.0.0.1:{ports.Amqp}\n");
        var plugins = Path.Combine(dataDirectory, "enabled_plugins");
        File.WriteAllText(plugins, "[].\n");

        return new ProcessLaunch("/bin/sh", ["-c", StartScript, "rabbitmq", epmd, $"{ports.Epmd}", server])
        {
            Environment = new Dictionary<string, string>
            {
                ["HOME"] = home,
                ["ERL_EPMD_PORT"] = $"{ports.Epmd}",
                ["ERL_EPMD_ADDRESS"] = "127.0.0.1",
                ["RABBITMQ_NODENAME"] = $"{nodeName}@localhost",
                ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
                ["RABBITMQ_NODE_PORT"] = $"{ports.Amqp}",
                ["RABBITMQ_DIST_PORT"] = $"{ports.Distribution}",
                ["RABBITMQ_CONFIG_FILE"] = config,
                ["RABBITMQ_ENABLED_PLUGINS_FILE"] = plugins,
                ["RABBITMQ_MNESIA_BASE"] = Path.Combine(dataDirectory, "mnesia"),
                ["RABBITMQ_LOG_BASE"] = Path.Combine(dataDirectory, "log"),
                ["RABBITMQ_LOGS"] = "-",
                ["RABBITMQ_CONF_ENV_FILE"] = "/dev/null",
                ["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = "-kernel inet_dist_use_interface {127,0,0,1}",
            },
            // The script's SIGTERM trap runs `rabbitmqctl stop`, which takes 1-2.5 s.
            StopTimeout = TimeSpan.FromSeconds(15),
        };
    }
}
