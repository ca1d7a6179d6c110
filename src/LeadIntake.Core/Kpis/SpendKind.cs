namespace LeadIntake.Core.Kpis;

/// <summary>What a spend line paid for: getting leads (CPL counts it) or converting them (CAC counts both).</summary>
public enum SpendKind
{
    LeadGeneration,
    Conversion,
}
