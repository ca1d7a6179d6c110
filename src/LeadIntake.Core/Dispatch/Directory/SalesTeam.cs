namespace LeadIntake.Core.Dispatch.Directory;

/// <summary>A team: who is in its rotation, who manages it, who takes leads nobody else can, and its SLA.</summary>
public sealed record SalesTeam
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    /// <summary>Rep emails, in the order used to break exact ties.</summary>
    public IReadOnlyList<string> Members { get; init; } = [];
    public required string ManagerEmail { get; init; }
    /// <summary>Gets the lead when no member is eligible (everyone away, at capacity, or not matching).</summary>
    public required string FallbackOwner { get; init; }
    /// <summary>Daily capacities count days in this zone (a rep's day, not UTC's).</summary>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;
    /// <summary>The language (<c>fr</c> or <c>en</c>) of a member, or the manager, whose directory entry names none; null: the installation's default.</summary>
    public string? Language { get; init; }
    public TeamSla Sla { get; init; } = TeamSla.Default;
}
