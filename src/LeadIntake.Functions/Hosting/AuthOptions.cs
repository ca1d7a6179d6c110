namespace LeadIntake.Functions.Hosting;

/// <summary>
/// Keys that standalone mode checks itself, as the Functions host does in Functions mode (<c>Auth__*</c>):
/// <c>function</c> routes accept either key, <c>admin</c> routes only the admin key.
/// </summary>
internal sealed class AuthOptions
{
    public const string SectionName = "Auth";

    public string? FunctionKey { get; set; }

    public string? AdminKey { get; set; }
}
