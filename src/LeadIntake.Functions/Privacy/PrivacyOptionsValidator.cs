using LeadIntake.Core.Privacy;

namespace LeadIntake.Functions.Privacy;

/// <summary>Checks the purposes at start: each has a valid, unique id, and a bad one stops the app naming its key.</summary>
internal sealed class PrivacyOptionsValidator : IValidateOptions<PrivacyOptions>
{
    public ValidateOptionsResult Validate(string? name, PrivacyOptions options)
    {
        var failures = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < options.Purposes.Count; i++)
        {
            var purpose = options.Purposes[i];
            if (!ProcessingPurpose.IsValidId(purpose.Id))
            {
                failures.Add($"Privacy:Purposes:{i}:Id must be 1 to 40 lower-case letters, digits or hyphens (it names the form's consent_{{id}} checkbox).");
            }
            else if (!seen.Add(purpose.Id!))
            {
                failures.Add($"Privacy:Purposes:{i}:Id '{purpose.Id}' is used twice.");
            }
            if (!Enum.IsDefined(purpose.Basis)) failures.Add($"Privacy:Purposes:{i}:Basis must be Consent, Contract, LegalObligation or LegitimateInterest.");
            if (purpose.OptOut && purpose.Basis == LawfulBasis.Consent)
            {
                failures.Add($"Privacy:Purposes:{i}:OptOut applies to legitimate-interest purposes; a consent purpose is opted into with its consent_{{id}} checkbox.");
            }
        }
        if (!string.IsNullOrWhiteSpace(options.NoticeUrl)
            && !(Uri.TryCreate(options.NoticeUrl, UriKind.Absolute, out var notice) && (notice.Scheme == Uri.UriSchemeHttps || notice.Scheme == Uri.UriSchemeHttp)))
        {
            failures.Add("Privacy:NoticeUrl must be an absolute http(s) URL.");
        }
        foreach (var (processor, settings) in options.Processors)
        {
            if (settings.Region is { Length: > 100 }) failures.Add($"Privacy:Processors:{processor}:Region must be at most 100 characters.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
