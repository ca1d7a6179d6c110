namespace LeadIntake.Functions.Console;

/// <summary>
/// Who is at the cockpit: the name audit events record as the actor. <c>admin</c> for the admin key (cookie or
/// header); the Entra ID account's name or email behind App Service Authentication.
/// </summary>
internal sealed record ConsoleUser(string Name)
{
    public const string AdminName = "admin";

    public static ConsoleUser Admin { get; } = new(AdminName);
}
