namespace LeadIntake.Core.Kpis;

/// <summary>A stage change whose velocity is measured (docs/kpis.md, "Velocity").</summary>
public enum FunnelChange
{
    /// <summary>Capture to MQL: the screening delay.</summary>
    CapturedToMql,
    /// <summary>Capture to SQL: "reception to end of qualification".</summary>
    CapturedToSql,
    MqlToAccepted,
    /// <summary>MQL to SQL within one episode (a re-MQL starts the clock again).</summary>
    MqlToSql,
    /// <summary>First MQL to first SQL, time spent in nurture left out: sales-active time only.</summary>
    MqlToSqlActive,
    /// <summary>First MQL to first SQL on the calendar, nurture included.</summary>
    MqlToSqlElapsed,
    SqlToSal,
    SalToOpportunity,
    OpportunityToWon,
}
