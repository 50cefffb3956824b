namespace Lifecycle.Contacts.Lifecycle;

/// <summary>Interaction kinds the stage rules know; any other non-empty kind is a custom interaction.</summary>
public static class InteractionKinds
{
    public const string PageView = "page_view";
    public const string ContentDownload = "content_download";
    public const string NewsletterSignup = "newsletter_signup";
    public const string SupportTicket = "support_ticket";
    public const string Review = "review";
    public const string Nps = "nps";
    public const string Referral = "referral";
    public const string Quote = "quote";

    /// <summary>Stored kind of a named custom touchpoint; never a rule trigger, so a custom "review" cannot make an advocate.</summary>
    public const string Custom = "custom";
}
