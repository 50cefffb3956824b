namespace Lifecycle.Hosting;

/// <summary>The run cannot start (missing binary, port taken, another AppHost running); the message says why.</summary>
public class HostingStartupException(string message) : Exception(message);
