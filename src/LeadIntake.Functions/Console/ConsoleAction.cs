namespace LeadIntake.Functions.Console;

/// <summary>What a lead manager can do to one lead from the cockpit. Wire names are the routes' last segment.</summary>
internal enum ConsoleAction
{
    Release,
    Reassign,
    Spam,
    Nurture,
}
