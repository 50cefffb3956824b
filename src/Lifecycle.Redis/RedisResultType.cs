namespace Lifecycle.Redis;

/// <summary>The RESP2/RESP3 type of a reply.</summary>
public enum RedisResultType : byte
{
    Null,
    SimpleString,
    Error,
    Integer,
    BulkString,
    Array,
    Double,
    Boolean,
    BigNumber,
    Map,
    Set,
    Push,
}
