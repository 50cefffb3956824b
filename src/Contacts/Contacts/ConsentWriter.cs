using Lifecycle.Contracts.Events;
using Api = Lifecycle.Contracts.Contacts.V1;

namespace Lifecycle.Contacts.Contacts;

/// <summary>Merges requested consents into a contact per channel; channels not mentioned keep their consent.</summary>
public static class ConsentWriter
{
    public const string MarketingPurpose = "marketing";

    /// <summary>Applies the consents and returns one ConsentChanged per channel whose grant actually changed.</summary>
    public static List<ConsentChanged> Apply(Contact contact, IEnumerable<Api.ChannelConsent> requested, DateTime now)
    {
        var changes = new List<ConsentChanged>();
        foreach (var consent in requested)
        {
            var channel = ConsentChannels.NameOf(consent.Channel)!;
            var current = contact.Consents.FirstOrDefault(c => c.Channel == channel);
            if (current is not null && current.Granted == consent.Granted)
            {
                continue;
            }
            if (current is null)
            {
                current = new ContactConsent { Channel = channel };
                contact.Consents.Add(current);
            }
            current.Granted = consent.Granted;
            current.ChangedAt = now;
            current.Source = string.IsNullOrWhiteSpace(consent.Source) ? null : consent.Source.Trim();
            changes.Add(new ConsentChanged
            {
                AggregateId = contact.Id.ToString(),
                AggregateVersion = 0, // set by the caller once the contact's new version is known
                OccurredAt = now,
                Channel = channel,
                Purpose = MarketingPurpose,
                Granted = consent.Granted,
            });
        }
        return changes;
    }
}
