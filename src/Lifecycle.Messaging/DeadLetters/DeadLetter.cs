namespace Lifecycle.Messaging.DeadLetters;

/// <summary>A message MassTransit moved to an _error queue after its last retry, as an operator sees it.</summary>
public sealed record DeadLetter(
    string? MessageId,
    string? MessageType,
    string? ExceptionType,
    string? ExceptionMessage,
    string? FaultedAt,
    int BodyBytes);
