using Google.Protobuf.Reflection;
using Grpc.Core;
using Grpc.Reflection.V1;
using RequestCase = Grpc.Reflection.V1.ServerReflectionRequest.MessageRequestOneofCase;

namespace Lifecycle.Grpc.Reflection;

/// <summary>Answers one server reflection request (v1 messages; v1alpha is wire-identical and converted by its service).</summary>
internal sealed class ReflectionRequestHandler(ReflectionIndexProvider indexProvider)
{
    public ServerReflectionResponse Handle(ServerReflectionRequest request)
    {
        var index = indexProvider.Index;
        var response = new ServerReflectionResponse { ValidHost = request.Host, OriginalRequest = request };
        switch (request.MessageRequestCase)
        {
            case RequestCase.ListServices:
                response.ListServicesResponse = new ListServiceResponse();
                foreach (var name in index.ServiceNames)
                {
                    response.ListServicesResponse.Service.Add(new ServiceResponse { Name = name });
                }

                break;
            case RequestCase.FileByFilename:
                SetFile(response, index.FindFile(request.FileByFilename), $"File not found: {request.FileByFilename}");
                break;
            case RequestCase.FileContainingSymbol:
                SetFile(response, index.FindFileContainingSymbol(request.FileContainingSymbol), $"Symbol not found: {request.FileContainingSymbol}");
                break;
            case RequestCase.FileContainingExtension:
                var extension = request.FileContainingExtension;
                SetFile(
                    response,
                    index.FindFileContainingExtension(extension.ContainingType, extension.ExtensionNumber),
                    $"Extension {extension.ExtensionNumber} of {extension.ContainingType} not found.");
                break;
            case RequestCase.AllExtensionNumbersOfType:
                SetExtensionNumbers(response, request.AllExtensionNumbersOfType, index.FindExtensionNumbers(request.AllExtensionNumbersOfType));
                break;
            default:
                response.ErrorResponse = Error(StatusCode.Unimplemented, $"Request {request.MessageRequestCase} is not supported.");
                break;
        }

        return response;
    }

    /// <summary>The file and all it depends on, each once, so the client can build it without another round trip.</summary>
    private static void SetFile(ServerReflectionResponse response, FileDescriptor? file, string notFound)
    {
        if (file is null)
        {
            response.ErrorResponse = Error(StatusCode.NotFound, notFound);
            return;
        }

        var files = new FileDescriptorResponse();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<FileDescriptor>([file]);
        while (pending.TryPop(out var next))
        {
            if (seen.Add(next.Name))
            {
                files.FileDescriptorProto.Add(next.SerializedData);
                foreach (var dependency in next.Dependencies)
                {
                    pending.Push(dependency);
                }
            }
        }

        response.FileDescriptorResponse = files;
    }

    private static void SetExtensionNumbers(ServerReflectionResponse response, string type, IReadOnlyList<int>? numbers)
    {
        if (numbers is null)
        {
            response.ErrorResponse = Error(StatusCode.NotFound, $"Type not found: {type}");
            return;
        }

        response.AllExtensionNumbersResponse = new ExtensionNumberResponse { BaseTypeName = type };
        response.AllExtensionNumbersResponse.ExtensionNumber.AddRange(numbers);
    }

    private static ErrorResponse Error(StatusCode code, string message) => new() { ErrorCode = (int)code, ErrorMessage = message };
}
