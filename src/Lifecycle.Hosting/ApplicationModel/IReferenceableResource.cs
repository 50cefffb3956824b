namespace Lifecycle.Hosting;

/// <summary>A resource others can reference: it says which configuration a referrer receives.</summary>
public interface IReferenceableResource : IResource
{
    /// <summary>Environment variables (Aspire conventions) given to every resource that references this one.</summary>
    IEnumerable<KeyValuePair<string, string>> GetReferenceEnvironment();
}
