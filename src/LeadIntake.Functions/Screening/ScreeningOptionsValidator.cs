using LeadIntake.Core.Screening;

namespace LeadIntake.Functions.Screening;

/// <summary>
/// Checks at start what data annotations can't: the rules file and the extra disposable-domain file exist and parse.
/// A broken rules file stops the app naming <c>Screening:RulesFile</c> rather than screening with half the rules.
/// </summary>
public sealed class ScreeningOptionsValidator : IValidateOptions<ScreeningOptions>
{
    public ValidateOptionsResult Validate(string? name, ScreeningOptions options)
    {
        var failures = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.RulesFile))
        {
            try
            {
                ScreeningRules.Parse(File.ReadAllText(options.RulesFile));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or ArgumentException)
            {
                failures.Add($"Screening:RulesFile '{options.RulesFile}' can't be used: {e.Message}");
            }
        }
        if (!string.IsNullOrWhiteSpace(options.ExtraDisposableDomainsFile) && !File.Exists(options.ExtraDisposableDomainsFile))
        {
            failures.Add($"Screening:ExtraDisposableDomainsFile '{options.ExtraDisposableDomainsFile}' does not exist.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
