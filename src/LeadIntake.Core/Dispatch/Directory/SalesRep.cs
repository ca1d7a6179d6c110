namespace LeadIntake.Core.Dispatch.Directory;

/// <summary>
/// A sales rep as the directory knows them. Languages, territory and segments, when given, limit which leads the rep
/// can take inside a team; empty means "any".
/// </summary>
public sealed record SalesRep
{
    /// <summary>The rep's identity everywhere (rotation state, assignments, signed links): compared case-insensitively.</summary>
    public required string Email { get; init; }
    public required string Name { get; init; }
    /// <summary>ISO 639-1 codes, preferred first: the first one is the language of the rep's mails.</summary>
    public IReadOnlyList<string> Languages { get; init; } = [];
    public Territory Territory { get; init; } = Territory.Anywhere;
    public IReadOnlyList<Segment> Segments { get; init; } = [];
    /// <summary>Relative share of round-robin leads: a weight-2 rep gets twice the leads of a weight-1 rep.</summary>
    public int Weight { get; init; } = 1;
    /// <summary>Round-robin leads per day (in the team's time zone); null for no limit.</summary>
    public int? DailyCapacity { get; init; }
    public bool Active { get; init; } = true;
    public DateTimeOffset? OutOfOfficeUntil { get; init; }

    public bool IsOutOfOffice(DateTimeOffset now) => OutOfOfficeUntil is { } until && now < until;

    public string MailLanguage => Languages.Count > 0 ? Languages[0] : "en";
}
