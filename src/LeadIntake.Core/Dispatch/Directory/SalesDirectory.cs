using LeadIntake.Core.Dispatch.Mails;
using LeadIntake.Core.Leads;

namespace LeadIntake.Core.Dispatch.Directory;

/// <summary>The sales organisation dispatch works with: reps, teams, and the team that takes leads no rule matched.</summary>
public sealed record SalesDirectory
{
    public IReadOnlyList<SalesRep> Reps { get; init; } = [];
    public IReadOnlyList<SalesTeam> Teams { get; init; } = [];
    public required string DefaultTeamId { get; init; }

    public SalesRep? FindRep(string? email) =>
        email is null ? null : Reps.FirstOrDefault(r => string.Equals(r.Email, email, StringComparison.OrdinalIgnoreCase));

    public SalesTeam? FindTeam(string? id) =>
        id is null ? null : Teams.FirstOrDefault(t => string.Equals(t.Id, id, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The language someone reads their mails and pages in: their own first language in the directory, else the team's
    /// (<see cref="SalesTeam.Language"/>), else <see cref="RepMailPolicy.DefaultLanguage"/>.
    /// </summary>
    public string LanguageOf(string? email, SalesTeam? team) =>
        FindRep(email) is { Languages.Count: > 0 } rep ? rep.Languages[0] : team?.Language ?? RepMailPolicy.DefaultLanguage;

    /// <summary>The team a lead belongs to: the one it was assigned through, else the default team.</summary>
    public SalesTeam? TeamOf(Lead lead) => FindTeam(lead.AssignedTeam) ?? FindTeam(DefaultTeamId);

    public SalesTeam DefaultTeam =>
        FindTeam(DefaultTeamId) ?? throw new InvalidOperationException($"The directory has no team '{DefaultTeamId}'.");
}
