using Lifecycle.Contracts.Contacts.V1;

namespace Lifecycle.Contacts.Contacts;

/// <summary>Maps API consent channels to the names stored and published ("email", "sms", "push").</summary>
public static class ConsentChannels
{
    public static string? NameOf(ConsentChannel channel) => channel switch
    {
        ConsentChannel.Email => "email",
        ConsentChannel.Sms => "sms",
        ConsentChannel.Push => "push",
        _ => null,
    };

    public static ConsentChannel Parse(string name) => name switch
    {
        "email" => ConsentChannel.Email,
        "sms" => ConsentChannel.Sms,
        "push" => ConsentChannel.Push,
        _ => ConsentChannel.Unspecified,
    };
}
