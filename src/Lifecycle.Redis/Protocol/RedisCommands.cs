namespace Lifecycle.Redis.Protocol;

/// <summary>The commands this client sends, each encoded once.</summary>
internal static class RedisCommands
{
    public static readonly RedisCommand Auth = new("AUTH");
    public static readonly RedisCommand Client = new("CLIENT");
    public static readonly RedisCommand Del = new("DEL");
    public static readonly RedisCommand Eval = new("EVAL");
    public static readonly RedisCommand EvalSha = new("EVALSHA");
    public static readonly RedisCommand Exists = new("EXISTS");
    public static readonly RedisCommand Expire = new("EXPIRE");
    public static readonly RedisCommand Get = new("GET");
    public static readonly RedisCommand HGet = new("HGET");
    public static readonly RedisCommand HGetAll = new("HGETALL");
    public static readonly RedisCommand HMGet = new("HMGET");
    public static readonly RedisCommand HSet = new("HSET");
    public static readonly RedisCommand Hello = new("HELLO");
    public static readonly RedisCommand Incr = new("INCR");
    public static readonly RedisCommand IncrBy = new("INCRBY");
    public static readonly RedisCommand MGet = new("MGET");
    public static readonly RedisCommand PExpire = new("PEXPIRE");
    public static readonly RedisCommand PSubscribe = new("PSUBSCRIBE");
    public static readonly RedisCommand PUnsubscribe = new("PUNSUBSCRIBE");
    public static readonly RedisCommand Ping = new("PING");
    public static readonly RedisCommand Publish = new("PUBLISH");
    public static readonly RedisCommand Select = new("SELECT");
    public static readonly RedisCommand Set = new("SET");
    public static readonly RedisCommand Subscribe = new("SUBSCRIBE");
    public static readonly RedisCommand Ttl = new("TTL");
    public static readonly RedisCommand PTtl = new("PTTL");
    public static readonly RedisCommand Unsubscribe = new("UNSUBSCRIBE");
}
