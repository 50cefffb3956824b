namespace Lifecycle.Contacts.Lifecycle;

/// <summary>Ids of the default model's stages (a replaced model may use others).</summary>
public static class StageIds
{
    public const string Awareness = "awareness";
    public const string Engagement = "engagement";
    public const string Evaluation = "evaluation";
    public const string Purchase = "purchase";
    public const string Retention = "retention";
    public const string Advocacy = "advocacy";
    public const string AtRisk = "at_risk";
    public const string Churned = "churned";
}
