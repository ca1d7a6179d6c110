namespace LeadIntake.Core.Qualification;

/// <summary>How long an SQL, SAL or opportunity may sit without progress before it goes back to nurture.</summary>
public sealed record RecyclePolicy
{
    public TimeSpan StaleAfter { get; init; } = TimeSpan.FromDays(30);

    public static RecyclePolicy Default { get; } = new();
}
