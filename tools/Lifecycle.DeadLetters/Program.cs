using Lifecycle.Messaging.DeadLetters;

// lifecycle-dead-letters list   <queue> [--max N]
// lifecycle-dead-letters replay <queue> [--message-id ID | --all]
// The broker comes from --connection or ConnectionStrings__messaging (amqp://user:pass@host:port/vhost).
const string Usage = """
    usage: lifecycle-dead-letters list <queue> [--max N] [--connection amqp://...]
           lifecycle-dead-letters replay <queue> (--message-id ID | --all) [--connection amqp://...]
    <queue> is the consumer queue, e.g. loyalty.order-paid-earn-points (its _error queue is read).
    """;

string? Option(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

var connection = Option("--connection") ?? Environment.GetEnvironmentVariable("ConnectionStrings__messaging");
if (args.Length < 2 || connection is null)
{
    Console.Error.WriteLine(connection is null ? "No broker: pass --connection or set ConnectionStrings__messaging.\n" + Usage : Usage);
    return 2;
}

var (command, queue) = (args[0], args[1]);
var deadLetters = new DeadLetterQueue(connection);
switch (command)
{
    case "list":
        var letters = await deadLetters.ListAsync(queue, int.Parse(Option("--max") ?? "100", System.Globalization.CultureInfo.InvariantCulture));
        foreach (var letter in letters)
        {
            Console.WriteLine($"{letter.MessageId}\t{letter.FaultedAt}\t{letter.ExceptionType}: {letter.ExceptionMessage}");
        }
        Console.Error.WriteLine($"{letters.Count} dead letter(s) in {queue}{DeadLetterQueue.ErrorSuffix}");
        return 0;
    case "replay" when Option("--message-id") is { } id:
        Console.WriteLine($"replayed {await deadLetters.ReplayAsync(queue, id)}");
        return 0;
    case "replay" when args.Contains("--all"):
        Console.WriteLine($"replayed {await deadLetters.ReplayAsync(queue)}");
        return 0;
    default:
        Console.Error.WriteLine(Usage);
        return 2;
}
