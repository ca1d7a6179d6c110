using LeadIntake.Core.Intake;
using LeadIntake.Core.Leads;
using LeadIntake.Core.Privacy;

namespace LeadIntake.Core.Tests.Privacy;

public sealed class LeadPrivacyStampTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 9, 30, 0, TimeSpan.Zero);

    private static readonly PrivacyPolicy Policy = new()
    {
        Purposes =
        [
            new("request", "Answer", LawfulBasis.Contract),
            new("follow-up", "Follow up", LawfulBasis.LegitimateInterest, OptOut: true),
            new("newsletter", "News", LawfulBasis.Consent, ConsentTextVersion: "news-v4"),
        ],
        NoticeUrl = "https://example.com/privacy",
        NoticeVersion = "2026-11",
        CallNotice = "ivr-rgpd",
    };

    private static CapturedLead Form(params (string Key, string? Value)[] fields) =>
        Assert.IsType<ParseOutcome<CapturedLead>.Parsed>(FormLeadParser.Parse(
            fields.Select(f => new KeyValuePair<string, string?>(f.Key, f.Value)), FormParseRules.Default with { DefaultConsentVersion = "form-v1" }, AntiBotSignals.None, Now)).Value;

    private static Dictionary<string, PurposeRecord> Purposes(CapturedLead captured) =>
        LeadPrivacyStamp.For(captured, Policy, Now).Purposes.ToDictionary(p => p.Purpose);

    [Fact]
    public void A_ticked_consent_checkbox_makes_its_purpose_apply_with_text_version_time_and_channel()
    {
        var purposes = Purposes(Form(("email", "a@example.com"), ("consent_newsletter", "on")));

        var newsletter = purposes["newsletter"];
        Assert.True(newsletter.Applies);
        Assert.Equal((LawfulBasis.Consent, "news-v4", Now, Channel.Form), (newsletter.Basis, newsletter.TextVersion, newsletter.RecordedAt, newsletter.Channel));
        Assert.Contains("consent_newsletter ticked", newsletter.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unticked_or_missing_checkbox_leaves_the_consent_purpose_off()
    {
        Assert.False(Purposes(Form(("email", "a@example.com"), ("consent_newsletter", "false")))["newsletter"].Applies);
        Assert.False(Purposes(Form(("email", "a@example.com")))["newsletter"].Applies);
    }

    [Fact]
    public void The_general_consent_field_is_kept_but_opts_nobody_into_a_consent_purpose()
    {
        var captured = Form(("email", "a@example.com"), ("consent", "true"));

        Assert.True(captured.Consent!.Given);
        Assert.Equal("form-v1", captured.Consent.TextVersion);
        Assert.False(Purposes(captured)["newsletter"].Applies);
    }

    [Fact]
    public void The_consent_text_version_falls_back_to_the_forms_own_when_the_purpose_has_none()
    {
        var policy = Policy with { Purposes = [new("newsletter", "News", LawfulBasis.Consent)] };
        var captured = Form(("email", "a@example.com"), ("consent", "yes"), ("consentVersion", "site-2026"), ("consent_newsletter", "yes"));

        Assert.Equal("site-2026", Assert.Single(LeadPrivacyStamp.For(captured, policy, Now).Purposes).TextVersion);
    }

    [Fact]
    public void An_opt_out_box_turns_a_legitimate_interest_purpose_off_and_says_why()
    {
        var purposes = Purposes(Form(("email", "a@example.com"), ("optout_follow_up", "1")));

        Assert.False(purposes["follow-up"].Applies);
        Assert.Contains("objection", purposes["follow-up"].Evidence, StringComparison.Ordinal);
        Assert.True(purposes["request"].Applies);
    }

    [Fact]
    public void Without_an_opt_out_the_legitimate_interest_and_contract_purposes_apply()
    {
        var purposes = Purposes(Form(("email", "a@example.com")));

        Assert.True(purposes["follow-up"].Applies);
        Assert.True(purposes["request"].Applies);
        Assert.Equal(LawfulBasis.Contract, purposes["request"].Basis);
    }

    [Fact]
    public void Purpose_checkboxes_are_not_kept_as_extra_fields_and_a_field_with_an_unusable_id_stays_an_extra_field()
    {
        var captured = Form(("email", "a@example.com"), ("consent_newsletter", "on"), ("consent_News Letter!", "on"), ("colour", "blue"));

        Assert.Equal(new Dictionary<string, bool> { ["newsletter"] = true }, captured.ConsentChoices);
        Assert.Equal(["consent_News Letter!", "colour"], captured.ExtraFields.Keys.Order(StringComparer.Ordinal).Reverse().ToList());
    }

    [Fact]
    public void A_form_without_page_or_campaign_has_unknown_provenance_never_null()
    {
        var privacy = LeadPrivacyStamp.For(Form(("email", "a@example.com")), Policy, Now);

        Assert.Equal(new Provenance(Channel.Form, "web", Provenance.Unknown, Provenance.Unknown), privacy.Provenance);
    }

    [Fact]
    public void Provenance_reads_the_page_the_number_called_and_the_mailbox()
    {
        var form = Form(("email", "a@example.com"), ("page", "https://example.com/contact"), ("utm_campaign", "spring"));
        var call = new CapturedLead { Channel = Channel.Call, Provider = "twilio", Contact = new Contact(), Call = new CallDetails { CallKey = "CA1", To = "+33176540000" } };
        var email = new CapturedLead { Channel = Channel.Email, Provider = "mailgun", Contact = new Contact(), ExtraFields = new Dictionary<string, string> { ["to"] = "leads@example.com" } };

        Assert.Equal(new Provenance(Channel.Form, "web", "https://example.com/contact", "spring"), Provenance.Of(form));
        Assert.Equal("+33176540000", Provenance.Of(call).Origin);
        Assert.Equal("leads@example.com", Provenance.Of(email).Origin);
    }

    [Theory]
    [InlineData(Channel.Form, NoticeKind.FormLink, "https://example.com/privacy")]
    [InlineData(Channel.Email, NoticeKind.AcknowledgementMail, "https://example.com/privacy")]
    [InlineData(Channel.Call, NoticeKind.CallMessage, "ivr-rgpd")]
    [InlineData(Channel.Social, NoticeKind.ProviderForm, "meta")]
    public void Each_channel_records_the_notice_it_gives(Channel channel, NoticeKind kind, string reference)
    {
        var captured = new CapturedLead { Channel = channel, Provider = channel == Channel.Social ? "meta" : "x", Contact = new Contact() };

        var notice = LeadPrivacyStamp.NoticeFor(captured, Policy);

        Assert.Equal((kind, reference), (notice.Kind, notice.Reference));
    }

    [Fact]
    public void A_channel_without_a_configured_notice_records_none()
    {
        var captured = new CapturedLead { Channel = Channel.Call, Provider = "twilio", Contact = new Contact() };

        Assert.Equal(NoticeKind.None, LeadPrivacyStamp.NoticeFor(captured, PrivacyPolicy.Default).Kind);
        Assert.Equal(NoticeKind.None, LeadPrivacyStamp.NoticeFor(captured with { Channel = Channel.Email }, PrivacyPolicy.Default with { AcknowledgeEmailLeads = false }).Kind);
    }

    [Fact]
    public void A_lead_stored_before_purposes_existed_still_has_its_provenance()
    {
        var (lead, _) = Lead.Capture(Form(("email", "a@example.com"), ("page", "https://example.com/x")), LeadId.New(Now), Now);

        var privacy = LeadPrivacyStamp.Of(lead);

        Assert.Empty(privacy.Purposes);
        Assert.Equal("https://example.com/x", privacy.Provenance.Origin);
        Assert.Equal(NoticeKind.None, privacy.Notice.Kind);
    }

    [Fact]
    public void The_default_purposes_are_request_follow_up_and_newsletter_with_their_bases()
    {
        Assert.Equal(
            [("request", LawfulBasis.Contract), ("follow-up", LawfulBasis.LegitimateInterest), ("newsletter", LawfulBasis.Consent)],
            ProcessingPurpose.Defaults.Select(p => (p.Id, p.Basis)).ToList());
        Assert.True(ProcessingPurpose.Defaults[1].OptOut);
    }
}
