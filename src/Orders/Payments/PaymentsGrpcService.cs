using Grpc.Core;
using Lifecycle.Contracts.Orders.V1;
using Lifecycle.Orders.Orders;

namespace Lifecycle.Orders.Payments;

/// <summary>lifecycle.orders.v1.PaymentsService: the API a payment provider's adapter calls.</summary>
public sealed class PaymentsGrpcService(PaymentRecorder recorder) : PaymentsService.PaymentsServiceBase
{
    public override async Task<ConfirmPaymentResponse> ConfirmPayment(ConfirmPaymentRequest request, ServerCallContext context) =>
        new() { Order = (await recorder.ConfirmAsync(request, context.CancellationToken)).ToApi() };

    public override async Task<FailPaymentResponse> FailPayment(FailPaymentRequest request, ServerCallContext context) =>
        new() { Order = (await recorder.FailAsync(request, context.CancellationToken)).ToApi() };
}
