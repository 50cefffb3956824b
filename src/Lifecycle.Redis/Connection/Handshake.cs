using Lifecycle.Redis.Diagnostics;
using Lifecycle.Redis.Protocol;

namespace Lifecycle.Redis.Connection;

/// <summary>The commands sent on every new connection before callers may use it: protocol, AUTH, name, SELECT.</summary>
internal static class Handshake
{
    public static async Task RunAsync(PhysicalConnection connection, RedisConnectionOptions options, RedisProtocol protocol, RedisMetrics metrics, TimeSpan budget)
    {
        // All handshake commands are pipelined; any failure (e.g. WRONGPASS) surfaces from its own reply.
        var replies = new List<Task>();
        if (protocol == RedisProtocol.Resp3)
        {
            replies.Add(Send(connection, metrics, RedisCommands.Hello, ReplyConverters.Raw, Resp3HelloArgs(options)));
        }
        else if (options.Password is not null)
        {
            RedisValue[] auth = options.User is null ? [options.Password] : [options.User, options.Password];
            replies.Add(Send(connection, metrics, RedisCommands.Auth, ReplyConverters.Ok, auth));
        }

        if (options.ClientName is not null && protocol == RedisProtocol.Resp2)
        {
            replies.Add(Send(connection, metrics, RedisCommands.Client, ReplyConverters.Ok, ["SETNAME", options.ClientName]));
        }

        if (options.DefaultDatabase != 0)
        {
            replies.Add(Send(connection, metrics, RedisCommands.Select, ReplyConverters.Ok, [options.DefaultDatabase]));
        }

        // PING proves the server really answers even when nothing else was sent.
        replies.Add(Send(connection, metrics, RedisCommands.Ping, ReplyConverters.Raw, []));
        try
        {
            await Task.WhenAll(replies).WaitAsync(budget).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new RedisConnectionException($"Redis at {options.EndPoint} accepted the connection but did not answer the handshake within {budget.TotalMilliseconds:0} ms.");
        }
        catch (RedisServerException ex) when (ex.Message.StartsWith("WRONGPASS", StringComparison.Ordinal) || ex.Message.StartsWith("NOAUTH", StringComparison.Ordinal) || ex.Message.Contains("AUTH", StringComparison.Ordinal))
        {
            throw new RedisConnectionException($"Redis at {options.EndPoint} rejected authentication: {ex.Message}", ex);
        }
        catch (RedisServerException ex)
        {
            throw new RedisConnectionException($"Redis at {options.EndPoint} rejected the connection handshake: {ex.Message}", ex);
        }
    }

    private static RedisValue[] Resp3HelloArgs(RedisConnectionOptions options)
    {
        var args = new List<RedisValue> { 3 };
        if (options.Password is not null)
        {
            args.AddRange(["AUTH", options.User ?? "default", options.Password]);
        }

        if (options.ClientName is not null)
        {
            args.AddRange(["SETNAME", options.ClientName]);
        }

        return [.. args];
    }

    private static Task<T> Send<T>(PhysicalConnection connection, RedisMetrics metrics, RedisCommand command, ReplyConverter<T> convert, RedisValue[] args)
    {
        var pending = new PendingReply<T>(command, convert, metrics);
        return connection.TryEnqueue(pending, command, args)
            ? pending.Task
            : Task.FromException<T>(new RedisConnectionException($"Connection to {connection} failed during the handshake."));
    }
}
