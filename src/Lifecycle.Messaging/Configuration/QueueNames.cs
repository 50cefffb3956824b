using System.Text;

namespace Lifecycle.Messaging.Configuration;

/// <summary>Queue names are "&lt;service&gt;.&lt;handler&gt;" in kebab case, the handler's "Handler" suffix dropped.</summary>
public static class QueueNames
{
    private const string HandlerSuffix = "Handler";

    /// <summary>A generic handler is named after its type arguments too (ReceivedHandler&lt;OrderPaid&gt; → "received-order-paid"),
    /// so each of its closed types gets a queue of its own.</summary>
    public static string For(string service, Type handlerType)
    {
        var name = handlerType.IsGenericType ? handlerType.Name[..handlerType.Name.IndexOf('`', StringComparison.Ordinal)] : handlerType.Name;
        if (name.EndsWith(HandlerSuffix, StringComparison.Ordinal) && name.Length > HandlerSuffix.Length)
        {
            name = name[..^HandlerSuffix.Length];
        }
        if (handlerType.IsGenericType)
        {
            name += string.Concat(handlerType.GetGenericArguments().Select(a => a.Name));
        }
        return $"{Kebab(service)}.{Kebab(name)}";
    }

    public static string Kebab(string name)
    {
        var kebab = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                // A new word starts at an upper-case letter after a lower-case one or before one (HTTPServer → http-server).
                var wordStart = i > 0 && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]) && char.IsUpper(name[i - 1])));
                if (wordStart && kebab.Length > 0 && kebab[^1] != '-')
                {
                    kebab.Append('-');
                }
                kebab.Append(char.ToLowerInvariant(c));
            }
            else
            {
                kebab.Append(c is '_' or ' ' ? '-' : c);
            }
        }
        return kebab.ToString();
    }
}
