namespace LeadIntake.Core.Dispatch.Assignment;

/// <summary>The rep who already owns the lead's account (looked up by storage from the company domain or contact).</summary>
public sealed record AccountOwner(string RepEmail, AccountMatch MatchedOn);
