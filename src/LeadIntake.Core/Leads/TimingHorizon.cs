namespace LeadIntake.Core.Leads;

/// <summary>A purchase horizon as reps are asked it ("within the quarter").</summary>
public enum TimingHorizon
{
    WithinMonth,
    WithinQuarter,
    WithinHalfYear,
    WithinYear,
    BeyondYear,
}
