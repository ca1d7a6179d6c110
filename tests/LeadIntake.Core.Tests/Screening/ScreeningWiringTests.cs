using LeadIntake.Core.Leads;
using LeadIntake.Core.Mail;
using LeadIntake.Core.Screening;
using static LeadIntake.Core.Tests.Screening.ScreeningLeads;

namespace LeadIntake.Core.Tests.Screening;

public class ScreeningWiringTests
{
    private const string QuoteRequest = "Bonjour, pouvez-vous nous envoyer un devis pour équiper nos quatre compresseurs de capteurs ?";

    private static Lead Captured(CapturedLead captured) => Lead.Capture(captured, LeadId.New(Now), Now).Lead;

    [Fact]
    public void Screen_skips_the_spam_verdict_for_a_lead_released_from_quarantine()
    {
        var lead = Captured(Form(QuoteRequest, honeypot: true));
        Assert.Equal(LeadTrigger.Quarantine, LeadScreener.Screen(lead, ScreeningContext.Default, Now).Trigger);

        var released = LeadScreener.Screen(lead with { ReleasedFromQuarantine = true }, ScreeningContext.Default, Now);

        Assert.Equal(LeadTrigger.MarkMql, released.Trigger);
        Assert.Equal(LeadIntent.Commercial, released.Decision.Intent);
        Assert.True(released.Decision.SpamScore >= 5.0);
        Assert.Contains(released.Decision.Reasons, r => r.Contains("released from quarantine", StringComparison.Ordinal));
    }

    [Fact]
    public void Release_moves_a_quarantined_lead_back_to_captured_with_a_correction_event()
    {
        var spam = Captured(Form(QuoteRequest, honeypot: true)).MovedTo(LeadStatus.Spam, Now);

        var change = Assert.IsType<LeadChange.Applied>(QuarantineRelease.Release(spam, "admin", "a real customer\nwith a typo", Now));

        Assert.Equal(LeadStatus.Captured, change.Lead.Status);
        Assert.True(change.Lead.ReleasedFromQuarantine);
        var e = Assert.Single(change.Events);
        Assert.Equal((LeadEventType.Released, "admin", "correction: not spam: a real customer with a typo"), (e.Type, e.Actor, e.Detail));
    }

    [Fact]
    public void Release_refuses_a_lead_that_is_not_in_quarantine()
    {
        var mql = SampleLeads.Mql();

        Assert.IsType<LeadChange.Rejected>(QuarantineRelease.Release(mql, "admin", null, Now));
        Assert.IsType<LeadChange.Unchanged>(QuarantineRelease.Release(mql.MovedTo(LeadStatus.Captured, Now) with { ReleasedFromQuarantine = true }, "admin", null, Now));
    }

    [Fact]
    public void Touch_on_an_open_lead_records_the_new_lead_once()
    {
        var open = SampleLeads.InStatus(LeadStatus.Assigned);
        var newcomer = LeadId.New(Now);

        var first = Assert.IsType<LeadChange.Applied>(KnownContactTouch.Touch(open, newcomer, Now));
        var again = KnownContactTouch.Touch(first.Lead, newcomer, Now);

        Assert.Equal(LeadStatus.Assigned, first.Lead.Status);
        Assert.Equal([newcomer.Value], first.Lead.Touches);
        Assert.Equal((LeadEventType.Touch, newcomer.Value), (first.Events[0].Type, first.Events[0].Detail));
        Assert.IsType<LeadChange.Unchanged>(again);
    }

    [Fact]
    public void Touch_on_a_nurtured_lead_brings_it_back_to_mql()
    {
        var nurtured = SampleLeads.InStatus(LeadStatus.Nurture);

        var change = Assert.IsType<LeadChange.Applied>(KnownContactTouch.Touch(nurtured, LeadId.New(Now), Now));

        Assert.Equal(LeadStatus.Mql, change.Lead.Status);
        Assert.Null(change.Lead.Assignment);
        Assert.Contains(change.Events, e => e.Type == LeadEventType.Retouched);
    }

    [Fact]
    public void Touch_target_is_the_newest_open_or_nurtured_lead()
    {
        var won = SampleLeads.InStatus(LeadStatus.Won);
        var nurture = SampleLeads.InStatus(LeadStatus.Nurture);
        var spam = SampleLeads.InStatus(LeadStatus.Spam);

        Assert.Same(nurture, KnownContactTouch.Target([won, spam, nurture]));
        Assert.Null(KnownContactTouch.Target([won, spam]));
    }

    [Fact]
    public void Attached_lead_is_closed_as_a_duplicate_and_names_the_open_lead()
    {
        var mql = SampleLeads.Mql();
        var target = LeadId.New(Now);

        var (attached, e) = KnownContactTouch.Attach(mql, target, Now)!.Value;

        Assert.Equal(LeadStatus.Lost, attached.Status);
        Assert.Equal(LostReason.Duplicate, attached.LostReason);
        Assert.Equal(target, attached.AttachedTo);
        Assert.Equal((LeadEventType.AttachedTo, target.Value), (e.Type, e.Detail));
    }

    [Fact]
    public void Routed_request_mail_encodes_values_replies_to_the_lead_and_keeps_one_subject_line()
    {
        var captured = Form("Ma facture <b>du mois</b> est fausse", firstName: "Zoé", lastName: "<script>", subject: "Facture\r\nBcc: x@evil.example") ;
        var lead = Captured(captured) with
        {
            Screening = new ScreeningDecision(LeadIntent.Service, 0.8, 0, ["service +2.0: service vocabulary (factur*)"], "2026.2") { Language = "fr", ReasonCodes = ["service_words"] },
        };

        var mail = RoutedRequestMail.Compose(lead, LeadIntent.Service, new MailAddress("sav@corp.example"));

        Assert.Equal("routed-service", mail.Purpose);
        Assert.Equal("sav@corp.example", mail.To.Address);
        Assert.Equal("j.moreau@chaudronnerie-alpes.example", mail.ReplyTo?.Address);
        Assert.DoesNotContain('\n', mail.Subject);
        Assert.DoesNotContain('\r', mail.Subject);
        Assert.StartsWith("[SAV]", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;du mois&lt;/b&gt;", mail.HtmlBody);
        Assert.DoesNotContain("<script>", mail.HtmlBody);
        // The reason as a sentence in the mail's language; its scores and matched words stay in the audit trail.
        Assert.Contains("• Demande de service client", mail.TextBody);
        Assert.DoesNotContain("factur*", mail.TextBody + mail.HtmlBody);
        Assert.Contains("Ma facture <b>du mois</b> est fausse", mail.TextBody);
    }

    [Fact]
    public void Routed_request_mail_is_in_english_when_the_language_is_unknown()
    {
        var lead = Captured(Form("cv attached")) with { Screening = new ScreeningDecision(LeadIntent.Hr, 0.7, 0, [], "2026.2") };

        var mail = RoutedRequestMail.Compose(lead, LeadIntent.Hr, new MailAddress("hr@corp.example"));

        Assert.Equal("routed-hr", mail.Purpose);
        Assert.StartsWith("[Application]", mail.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public void Contact_keys_are_hashes_that_hold_no_personal_data()
    {
        var keys = ContactKeys.For(new Contact { Email = "Jane.Doe@Acme.example", Phone = "+33329551240" }, AntiBotSignals.None with { ClientFingerprint = "ABCDEF012345" });

        Assert.StartsWith("e:", keys.Email, StringComparison.Ordinal);
        Assert.Equal(66, keys.Email!.Length);
        Assert.DoesNotContain("acme", keys.Email, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(ContactKeys.ForEmail("jane.doe@acme.example"), keys.Email);
        Assert.DoesNotContain("33329551240", keys.Phone, StringComparison.Ordinal);
        Assert.Equal("c:abcdef012345", keys.Client);
        Assert.Null(ContactKeys.ForPhone("03 29 55 12 40"));
    }
}
