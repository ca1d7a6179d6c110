namespace LeadIntake.Functions.Console;

/// <summary>The cockpit's sections, for the navigation's current item.</summary>
public enum ConsoleNav
{
    None,
    Today,
    Leads,
    Quarantine,
    Kpis,
}
