using Google.Protobuf.Reflection;
using Lifecycle.Grpc.Server;

namespace Lifecycle.Grpc.Reflection;

/// <summary>
/// Every proto file behind the mapped services (their files plus transitive dependencies), indexed the ways
/// server reflection asks: by file name, by fully-qualified symbol, and by extension.
/// </summary>
internal sealed class ReflectionDescriptorIndex
{
    private readonly Dictionary<string, FileDescriptor> filesByName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FileDescriptor> filesBySymbol = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Extendee, int Number), FileDescriptor> filesByExtension = [];
    private readonly Dictionary<string, List<int>> extensionNumbersByType = new(StringComparer.Ordinal);
    private readonly HashSet<string> messageTypes = new(StringComparer.Ordinal);
    private readonly List<string> serviceNames = [];

    public ReflectionDescriptorIndex(IEnumerable<MappedGrpcService> services)
    {
        foreach (var service in services)
        {
            if (service.Descriptor is { } descriptor && !serviceNames.Contains(descriptor.FullName))
            {
                serviceNames.Add(descriptor.FullName);
                AddFile(descriptor.File);
            }
        }
    }

    public IReadOnlyList<string> ServiceNames => serviceNames;

    public FileDescriptor? FindFile(string name) => filesByName.GetValueOrDefault(name);

    public FileDescriptor? FindFileContainingSymbol(string symbol) => filesBySymbol.GetValueOrDefault(symbol);

    public FileDescriptor? FindFileContainingExtension(string extendee, int number) => filesByExtension.GetValueOrDefault((extendee, number));

    /// <summary>The known extension numbers of a message type (often none in proto3), or null for an unknown type.</summary>
    public IReadOnlyList<int>? FindExtensionNumbers(string messageType) =>
        messageTypes.Contains(messageType)
            ? extensionNumbersByType.GetValueOrDefault(messageType) ?? []
            : null;

    private void AddFile(FileDescriptor file)
    {
        if (!filesByName.TryAdd(file.Name, file))
        {
            return;
        }

        foreach (var dependency in file.Dependencies)
        {
            AddFile(dependency);
        }

        foreach (var service in file.Services)
        {
            filesBySymbol.TryAdd(service.FullName, file);
            foreach (var method in service.Methods)
            {
                filesBySymbol.TryAdd(method.FullName, file);
            }
        }

        foreach (var message in file.MessageTypes)
        {
            AddMessage(message, file);
        }

        foreach (var enumType in file.EnumTypes)
        {
            filesBySymbol.TryAdd(enumType.FullName, file);
        }

        AddExtensions(file.Extensions.UnorderedExtensions, file);
    }

    private void AddMessage(MessageDescriptor message, FileDescriptor file)
    {
        filesBySymbol.TryAdd(message.FullName, file);
        messageTypes.Add(message.FullName);
        foreach (var nested in message.NestedTypes)
        {
            AddMessage(nested, file);
        }

        foreach (var enumType in message.EnumTypes)
        {
            filesBySymbol.TryAdd(enumType.FullName, file);
        }

        AddExtensions(message.Extensions.UnorderedExtensions, file);
    }

    private void AddExtensions(IEnumerable<FieldDescriptor> extensions, FileDescriptor file)
    {
        foreach (var extension in extensions)
        {
            var extendee = extension.ExtendeeType.FullName;
            filesByExtension.TryAdd((extendee, extension.FieldNumber), file);
            if (!extensionNumbersByType.TryGetValue(extendee, out var numbers))
            {
                extensionNumbersByType[extendee] = numbers = [];
            }

            numbers.Add(extension.FieldNumber);
        }
    }
}
