namespace LeadIntake.Core.Qualification;

/// <summary>When a fully qualified lead is also sales accepted: its purchase is expected within <see cref="SalHorizon"/>.</summary>
public sealed record QualificationPolicy
{
    public TimeSpan SalHorizon { get; init; } = TimeSpan.FromDays(183);

    public static QualificationPolicy Default { get; } = new();
}
