using LeadIntake.Core.Leads;

namespace LeadIntake.Core.Dispatch.Links;

/// <summary>
/// What a signed action link says: this rep may do this action on this lead until this time.
/// <see cref="Nonce"/> is the token id: storage marks it used (insert-if-absent) to make the link one-time.
/// </summary>
public sealed record ActionLinkClaims(LeadId LeadId, string RepEmail, RepAction Action, DateTimeOffset ExpiresAt, string Nonce);
