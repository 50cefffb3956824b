using Grpc.Core;
using Lifecycle.Contacts.Contacts;
using Lifecycle.Contacts.Lifecycle;
using Api = Lifecycle.Contracts.Contacts.V1;

namespace Lifecycle.Contacts.Value;

/// <summary>lifecycle.contacts.v1.CustomerValueService: RFM scores and explainable churn risk.</summary>
public sealed class CustomerValueGrpcService(CustomerValueReader reader, CustomerValueCalculator calculator, StageModelStore models) : Api.CustomerValueService.CustomerValueServiceBase
{
    public override async Task<Api.GetCustomerValueResponse> GetCustomerValue(Api.GetCustomerValueRequest request, ServerCallContext context)
    {
        var id = ContactIds.Parse(request.ContactId, "contact_id");
        var facts = await reader.ReadAsync(id, context.CancellationToken);
        var (model, _) = await models.GetAsync(context.CancellationToken);
        var scores = calculator.Calculate(facts, StageRoles.Of(model));
        var api = new Api.CustomerValueScores
        {
            RecencyScore = scores.Recency,
            FrequencyScore = scores.Frequency,
            MonetaryScore = scores.Monetary,
            ChurnRisk = scores.ChurnRisk,
        };
        api.ChurnReasons.AddRange(scores.Reasons.Select(r => new Api.ChurnReason { Code = r.Code, Description = r.Description, Points = r.Points }));
        return new Api.GetCustomerValueResponse { Scores = api };
    }
}
