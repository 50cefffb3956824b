namespace Lifecycle.Hosting;

/// <summary>Names a project for AddProject&lt;T&gt;(), like Aspire's generated Projects.* classes.</summary>
public interface IProjectMetadata
{
    /// <summary>Absolute path of the .csproj.</summary>
    string ProjectPath { get; }
}
