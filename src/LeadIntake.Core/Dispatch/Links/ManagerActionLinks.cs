namespace LeadIntake.Core.Dispatch.Links;

/// <summary>The signed one-time links of a manager notice: hand the lead to another rep, or take it.</summary>
public sealed record ManagerActionLinks(string Reassign, string Take);
