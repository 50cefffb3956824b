namespace Lifecycle.Redis;

/// <summary>Condition for a write: always, only if the key exists (XX), or only if it does not (NX).</summary>
public enum When
{
    Always,
    Exists,
    NotExists,
}
