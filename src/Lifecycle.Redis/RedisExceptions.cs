namespace Lifecycle.Redis;

/// <summary>Base type of every failure this client reports.</summary>
public class RedisException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The client has no usable connection: connect failed, authentication failed, or the link dropped.</summary>
public sealed class RedisConnectionException(string message, Exception? inner = null) : RedisException(message, inner);

/// <summary>A command got no reply within the command timeout; the connection stays usable.</summary>
public sealed class RedisTimeoutException(string message) : RedisException(message);

/// <summary>The server answered the command with an error reply (e.g. WRONGTYPE, NOSCRIPT).</summary>
public sealed class RedisServerException(string message) : RedisException(message);

/// <summary>The server sent bytes that are not valid RESP; the connection is dropped and re-established.</summary>
public sealed class RedisProtocolException(string message) : RedisException(message);
