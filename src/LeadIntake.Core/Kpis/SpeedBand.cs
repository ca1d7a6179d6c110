namespace LeadIntake.Core.Kpis;

/// <summary>Speed-to-lead bands: minutes from the start of an episode to the rep's first action.</summary>
public enum SpeedBand
{
    /// <summary>0–5 minutes.</summary>
    Under5,
    /// <summary>5–15 minutes.</summary>
    Under15,
    /// <summary>15–60 minutes.</summary>
    Under60,
    /// <summary>More than 60 minutes.</summary>
    Over60,
}
