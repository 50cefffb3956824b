using Grpc.Core;
using Lifecycle.Contracts.Orders.V1;
using Lifecycle.Grpc.RichErrors;
using Lifecycle.Orders.Catalogue;

namespace Lifecycle.Orders.Recommendations;

/// <summary>lifecycle.orders.v1.RecommendationsService: bought-together cross-sell for a contact.</summary>
public sealed class RecommendationsGrpcService(CoPurchaseQuery query) : RecommendationsService.RecommendationsServiceBase
{
    public override async Task<GetRecommendationsResponse> GetRecommendations(GetRecommendationsRequest request, ServerCallContext context)
    {
        var errors = RpcExceptions.BadRequest()
            .AddViolationIf(request.MaxResults is < 0 or > 50, "max_results", "must be between 0 and 50");
        var contactId = Ids.Parse(request.ContactId, "contact_id", errors);
        errors.ThrowIfAny();

        var found = await query.FindAsync(contactId, request.MaxResults == 0 ? 10 : request.MaxResults, context.CancellationToken);
        var response = new GetRecommendationsResponse();
        response.Recommendations.AddRange(found.Select(f => new Recommendation { Product = f.Product.ToApi(), CoPurchaseCount = f.Count }));
        return response;
    }
}
