namespace LeadIntake.Functions.Hosting;

/// <summary>The Functions HTTP <c>authLevel</c> values (function.json: anonymous, function, admin).</summary>
public enum AuthLevel
{
    Anonymous,
    Function,
    Admin,
}
