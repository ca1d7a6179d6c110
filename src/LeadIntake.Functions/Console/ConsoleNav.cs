namespace LeadIntake.Functions.Console;

/// <summary>The cockpit's sections, for the navigation's current item.</summary>
internal enum ConsoleNav
{
    None,
    Today,
    Leads,
    Quarantine,
    Kpis,
}
