namespace LeadIntake.Functions.Reporting;

/// <summary>
/// The acceptance SLA facts of a lead in <c>GET /api/leads/{id}</c>. <see cref="DueAt"/> is null when no SLA runs
/// (nobody else could take the lead); <see cref="StartedAt"/> is null on leads stored before SLA starts were recorded.
/// </summary>
internal sealed record LeadSlaView(
    string? Team,
    DateTimeOffset? StartedAt,
    DateTimeOffset? DueAt,
    DateTimeOffset? RemindedAt,
    DateTimeOffset? AcceptedAt,
    int ReassignmentCount,
    IReadOnlyList<string> PreviousAssignees);
