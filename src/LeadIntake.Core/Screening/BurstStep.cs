namespace LeadIntake.Core.Screening;

/// <summary>From <see cref="AtLeast"/> recent submissions on, a burst adds <see cref="Weight"/> (the highest step reached counts).</summary>
public sealed record BurstStep(int AtLeast, double Weight);
