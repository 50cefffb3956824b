namespace Lifecycle.Contracts.Events;

/// <summary>A contact was erased (GDPR): every service anonymises its copy of the contact's personal data.</summary>
public sealed record ContactErased : IntegrationEvent;
