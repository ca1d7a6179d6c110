namespace LeadIntake.Core.Intake.Social;

/// <summary>
/// Lead-form question keys mapped to contact fields. Meta's standard questions use fixed keys (<c>full_name</c>,
/// <c>work_email</c>, <c>phone_number</c>, <c>company_name</c>, <c>job_title</c>…); anything else goes through the
/// web form's aliases, then to extra fields.
/// </summary>
internal static class SocialFieldNames
{
    public static string? Canonical(string key) => key.ToLowerInvariant() switch
    {
        "full_name" or "fullname" => "name",
        "first_name" => "firstName",
        "last_name" => "lastName",
        "work_email" => "workEmail",
        "email" => "email",
        "work_phone_number" => "workPhone",
        "phone_number" or "phone" => "phone",
        "company_name" => "company",
        "job_title" => "jobTitle",
        "country" => "country",
        _ => FromForm(FormLeadParser.CanonicalName(key)),
    };

    private static string? FromForm(string? canonical) =>
        canonical is "name" or "firstName" or "lastName" or "email" or "phone" or "company" or "jobTitle" or "country" or "message"
            ? canonical
            : null;
}
