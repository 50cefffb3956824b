namespace Lifecycle.Redis;

/// <summary>The RESP dialect negotiated with the server.</summary>
public enum RedisProtocol
{
    /// <summary>RESP2: the classic protocol, understood by every server.</summary>
    Resp2 = 2,

    /// <summary>RESP3: negotiated with HELLO 3 (Redis 6 and newer).</summary>
    Resp3 = 3,
}
