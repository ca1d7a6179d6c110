namespace LeadIntake.Core.Leads;

/// <summary>
/// A rep's BANT qualification: each of the four answers is recorded as given, null meaning "not known yet".
/// A lead is sales qualified (<c>sql</c>) once all four are known.
/// </summary>
public sealed record BantRecord
{
    public BudgetAnswer? Budget { get; init; }
    public AuthorityAnswer? Authority { get; init; }
    /// <summary>The need in the rep's words.</summary>
    public string? Need { get; init; }
    public TimingAnswer? Timing { get; init; }

    public bool IsComplete => MissingFields.Count == 0;

    /// <summary>The wire names of the unknown answers: <c>budget</c>, <c>authority</c>, <c>need</c>, <c>timing</c>.</summary>
    public IReadOnlyList<string> MissingFields
    {
        get
        {
            var missing = new List<string>(4);
            if (Budget is not { IsKnown: true }) missing.Add("budget");
            if (Authority is not { IsKnown: true }) missing.Add("authority");
            if (string.IsNullOrWhiteSpace(Need)) missing.Add("need");
            if (Timing is not { IsKnown: true }) missing.Add("timing");
            return missing;
        }
    }
}
