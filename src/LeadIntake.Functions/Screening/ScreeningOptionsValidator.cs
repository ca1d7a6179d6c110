using LeadIntake.Core.Screening;
using LeadIntake.Core.Screening.Model;

namespace LeadIntake.Functions.Screening;

/// <summary>
/// Checks at start what data annotations can't: the rules file, the served languages, the screening model and the
/// extra disposable-domain file exist and parse.
/// A broken rules file stops the app naming <c>Screening:RulesFile</c> rather than screening with half the rules.
/// </summary>
internal sealed class ScreeningOptionsValidator : IValidateOptions<ScreeningOptions>
{
    public ValidateOptionsResult Validate(string? name, ScreeningOptions options)
    {
        var failures = new List<string>();
        var rules = ScreeningRules.Default;
        if (!string.IsNullOrWhiteSpace(options.RulesFile))
        {
            try
            {
                rules = ScreeningRules.Parse(File.ReadAllText(options.RulesFile));
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
        if (!string.IsNullOrWhiteSpace(options.ServedLanguages))
        {
            try
            {
                rules.MaskOf(ScreeningOptions.Entries(options.ServedLanguages));
            }
            catch (FormatException e)
            {
                failures.Add($"Screening:ServedLanguages '{options.ServedLanguages}' can't be used: {e.Message}");
            }
        }
        // The model loads at start: a corrupt one stops the app here rather than failing the first lead.
        try
        {
            if (!string.IsNullOrWhiteSpace(options.ModelFile))
            {
                using var stream = File.OpenRead(options.ModelFile);
                ScreeningModel.Read(stream);
            }
            else
            {
                _ = ScreeningModel.Default;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or ArgumentException or InvalidDataException)
        {
            failures.Add(string.IsNullOrWhiteSpace(options.ModelFile)
                ? $"The shipped screening model can't be loaded: {e.Message}"
                : $"Screening:ModelFile '{options.ModelFile}' can't be used: {e.Message}");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
