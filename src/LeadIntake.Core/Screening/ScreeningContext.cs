using LeadIntake.Core.Screening.Model;

namespace LeadIntake.Core.Screening;

/// <summary>
/// Everything screening needs besides the lead, supplied by the caller so the decider stays pure: the compiled rules,
/// the disposable-domain list, the operator's allow- and block-lists, the default phone region, and burst counts the
/// storage layer counted (submissions from the same contact or client address in the recent window).
/// </summary>
public sealed record ScreeningContext
{
    public ScreeningRules Rules { get; init; } = ScreeningRules.Default;
    public DisposableDomains DisposableDomains { get; init; } = DisposableDomains.Bundled;
    /// <summary>Addresses and domains never marked spam (a partner's bulk mailer, a test account).</summary>
    public AddressList AllowList { get; init; } = AddressList.Empty;
    /// <summary>Addresses and domains always marked spam.</summary>
    public AddressList BlockList { get; init; } = AddressList.Empty;
    /// <summary>ISO region for national phone numbers when the lead has no country (e.g. <c>FR</c>).</summary>
    public string? DefaultPhoneRegion { get; init; } = "FR";
    /// <summary>Other leads from the same email or phone in the recent window, this one excluded.</summary>
    public int RecentSubmissionsFromContact { get; init; }
    /// <summary>Other leads from the same client fingerprint in the recent window, this one excluded.</summary>
    public int RecentSubmissionsFromClient { get; init; }

    /// <summary>The learned text model; null screens with the rules alone.</summary>
    public ScreeningModel? Model { get; init; } = ScreeningModel.Default;
    /// <summary>Served languages as a bit set over the rules' languages (<see cref="ScreeningRules.MaskOf"/>); null: the rules file's.</summary>
    public long? ServedLanguageMask { get; init; }

    public static ScreeningContext Default { get; } = new();
}
