namespace Lifecycle.Hosting;

/// <summary>Anything the AppHost knows by name: infrastructure, databases, services.</summary>
public interface IResource
{
    string Name { get; }
}
