namespace Lifecycle.Contacts.Value;

/// <summary>RFM scores (1-5) and churn risk (0-100) with the reasons that add up to it.</summary>
public sealed record ValueScores(int Recency, int Frequency, int Monetary, int ChurnRisk, IReadOnlyList<ChurnReason> Reasons);

/// <summary>One contribution to churn risk: a stable code, an explanation with its numbers, and its points.</summary>
public sealed record ChurnReason(string Code, string Description, int Points);
