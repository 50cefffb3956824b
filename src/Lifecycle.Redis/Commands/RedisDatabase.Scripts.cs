using Lifecycle.Redis.Connection;
using Lifecycle.Redis.Protocol;

namespace Lifecycle.Redis;

/// <summary>Lua scripts: EVALSHA first, EVAL when the server does not know the script (new or restarted server).</summary>
internal sealed partial class RedisDatabase
{
    public async Task<RedisResult> ScriptEvaluateAsync(string script, RedisKey[]? keys = null, RedisValue[]? values = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(script);
        keys ??= [];
        values ??= [];
        var args = new RedisValue[2 + keys.Length + values.Length];
        args[0] = _scripts.HashOf(script);
        args[1] = keys.Length;
        for (var i = 0; i < keys.Length; i++)
        {
            args[2 + i] = keys[i];
        }

        values.CopyTo(args, 2 + keys.Length);
        try
        {
            return await manager.ExecuteAsync(RedisCommands.EvalSha, ReplyConverters.Raw, args).ConfigureAwait(false);
        }
        catch (RedisServerException ex) when (ex.Message.StartsWith("NOSCRIPT", StringComparison.Ordinal))
        {
            // EVAL also loads the script into the server's cache, so the next call goes by hash again.
            args[0] = script;
            return await manager.ExecuteAsync(RedisCommands.Eval, ReplyConverters.Raw, args).ConfigureAwait(false);
        }
    }
}
