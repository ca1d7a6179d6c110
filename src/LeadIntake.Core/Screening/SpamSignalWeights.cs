namespace LeadIntake.Core.Screening;

/// <summary>
/// Points each spam signal adds to the spam score, and the limits that trigger them (rules file <c>spam.signals</c>).
/// Defaults are the shipped values; a rules file may override any of them.
/// </summary>
public sealed record SpamSignalWeights
{
    public double HoneypotFilled { get; init; } = 5.0;
    public double CaptchaFailed { get; init; } = 4.0;
    public double TooFastUnderMs { get; init; } = 2000;
    public double TooFast { get; init; } = 5.0;
    public double HurriedUnderMs { get; init; } = 5000;
    public double Hurried { get; init; } = 1.0;
    public double FirstLink { get; init; } = 1.5;
    public double SecondLink { get; init; } = 1.5;
    public double FurtherLink { get; init; } = 1.0;
    public double LinksCap { get; init; } = 6.0;
    public double LinkDensityRatio { get; init; } = 0.5;
    public double LinkDensity { get; init; } = 1.5;
    public double DisposableEmail { get; init; } = 3.0;
    public double InvalidEmail { get; init; } = 2.0;
    public double ImpossiblePhone { get; init; } = 1.5;
    public double GibberishName { get; init; } = 2.0;
    public double GibberishMessage { get; init; } = 3.0;
    public double NameLooksLikeHandle { get; init; } = 1.5;
    public double ForeignScriptRatio { get; init; } = 0.3;
    public double ForeignScript { get; init; } = 5.0;
    public double Shouting { get; init; } = 1.0;
    public double Exclamations { get; init; } = 0.5;
    public double ProviderScoreFrom { get; init; } = 4.0;
    public double ProviderScore { get; init; } = 2.0;
    public double ProviderScorePerPoint { get; init; } = 1.0;
    public double ProviderScoreCap { get; init; } = 6.0;
    public double AutoReply { get; init; }
    /// <summary>Enough words, few of them function words of a served language: written in a language nobody here reads.</summary>
    public double UnservedLanguage { get; init; } = 3.0;
}
