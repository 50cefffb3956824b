namespace Lifecycle.Contacts;

/// <summary>Maximum lengths shared by validation (INVALID_ARGUMENT) and the database columns.</summary>
public static class FieldLimits
{
    public const int Email = 320;
    public const int Phone = 16;
    public const int Locale = 35;
    public const int StageId = 64;
    public const int RequestId = 64;
    public const int ExternalKey = 128;
    public const int ShortText = 200;
    public const int LongText = 1000;
    public const int MaxExternalIds = 20;
}
