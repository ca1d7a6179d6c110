using LeadIntake.Core.Leads;

namespace LeadIntake.Core.Privacy;

/// <summary>
/// Decides, at capture, which purposes apply to a lead with which evidence, where it came from and which notice it
/// was given. Pure. A contract purpose applies to every lead (the person asked); a legitimate-interest purpose applies
/// unless the person ticked its opt-out box; a consent purpose applies only when its own checkbox
/// (<c>consent_{id}</c>) was ticked — the general <c>consent</c> field never opts anyone into a consent purpose,
/// because consent must be specific to each purpose.
/// </summary>
public static class LeadPrivacyStamp
{
    public static LeadPrivacy For(CapturedLead captured, PrivacyPolicy policy, DateTimeOffset now)
    {
        var channel = captured.Channel;
        var purposes = new List<PurposeRecord>(policy.Purposes.Count);
        foreach (var purpose in policy.Purposes)
        {
            purposes.Add(purpose.Basis switch
            {
                LawfulBasis.Consent => ConsentFor(captured, purpose, now),
                LawfulBasis.LegitimateInterest when purpose.OptOut && captured.OptOuts.Contains(purpose.Id) =>
                    new PurposeRecord(purpose.Id, purpose.Basis, false, $"objection: form checkbox optout_{purpose.Id} ticked", now, channel),
                LawfulBasis.LegitimateInterest =>
                    new PurposeRecord(purpose.Id, purpose.Basis, true, purpose.OptOut ? "legitimate interest; the person may object (opt-out)" : "legitimate interest", now, channel),
                _ => new PurposeRecord(purpose.Id, purpose.Basis, true, $"request sent by the person ({WireNames.Of(channel)})", now, channel),
            });
        }
        return new LeadPrivacy(purposes, Provenance.Of(captured), NoticeFor(captured, policy));
    }

    /// <summary>
    /// The privacy record of a lead: the one stamped at capture, or for a lead stored before purposes existed its
    /// provenance with no purpose and no notice recorded.
    /// </summary>
    public static LeadPrivacy Of(Lead lead) =>
        lead.Captured.Privacy ?? new LeadPrivacy([], Provenance.Of(lead.Captured), new NoticeRecord(NoticeKind.None, null, null));

    /// <summary>The notice the channel gives: the form's link, the acknowledgement mail, the IVR message, the provider's form.</summary>
    public static NoticeRecord NoticeFor(CapturedLead captured, PrivacyPolicy policy) => captured.Channel switch
    {
        Channel.Form when policy.NoticeUrl is not null => new NoticeRecord(NoticeKind.FormLink, policy.NoticeVersion, policy.NoticeUrl),
        Channel.Email when policy.AcknowledgeEmailLeads => new NoticeRecord(NoticeKind.AcknowledgementMail, policy.NoticeVersion, policy.NoticeUrl),
        Channel.Call when policy.CallNotice is not null => new NoticeRecord(NoticeKind.CallMessage, policy.NoticeVersion, policy.CallNotice),
        Channel.Social => new NoticeRecord(NoticeKind.ProviderForm, null, captured.Provider),
        _ => new NoticeRecord(NoticeKind.None, null, null),
    };

    private static PurposeRecord ConsentFor(CapturedLead captured, ProcessingPurpose purpose, DateTimeOffset now)
    {
        var version = purpose.ConsentTextVersion ?? captured.Consent?.TextVersion;
        if (captured.ConsentChoices.TryGetValue(purpose.Id, out var given))
        {
            var evidence = given ? $"form checkbox consent_{purpose.Id} ticked" : $"form checkbox consent_{purpose.Id} not ticked";
            return new PurposeRecord(purpose.Id, purpose.Basis, given, evidence, now, captured.Channel, version);
        }
        return new PurposeRecord(purpose.Id, purpose.Basis, false, "no consent given for this purpose", now, captured.Channel, version);
    }
}
