namespace LeadIntake.Core.Screening;

/// <summary>
/// A team mailbox that screening routes requests to, with the signed "this is a sales lead" link for one lead
/// (null leaves the link out of the mail).
/// </summary>
public sealed record RoutedMailbox(string Address, string? ReturnToSalesLink);
