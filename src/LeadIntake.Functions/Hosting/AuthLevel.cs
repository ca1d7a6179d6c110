namespace LeadIntake.Functions.Hosting;

/// <summary>The Functions HTTP authorization levels LeadIntake uses (the worker's <c>AuthorizationLevel</c> minus User and System).</summary>
internal enum AuthLevel
{
    Anonymous,
    Function,
    Admin,
}
