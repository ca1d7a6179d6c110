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

    public SalesTeam DefaultTeam =>
        FindTeam(DefaultTeamId) ?? throw new InvalidOperationException($"The directory has no team '{DefaultTeamId}'.");
}
