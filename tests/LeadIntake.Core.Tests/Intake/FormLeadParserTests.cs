using LeadIntake.Core.Intake;
using LeadIntake.Core.Leads;

namespace LeadIntake.Core.Tests.Intake;

public sealed class FormLeadParserTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    private static ParseOutcome<CapturedLead> Parse(FormParseRules? rules = null, params (string Key, string? Value)[] fields) =>
        FormLeadParser.Parse(fields.Select(f => new KeyValuePair<string, string?>(f.Key, f.Value)), rules ?? FormParseRules.Default, AntiBotSignals.None, Now);

    private static CapturedLead Parsed(params (string Key, string? Value)[] fields) =>
        Assert.IsType<ParseOutcome<CapturedLead>.Parsed>(Parse(null, fields)).Value;

    [Fact]
    public void Known_fields_are_recognised_under_their_usual_spellings()
    {
        var lead = Parsed(("first_name", "Sophie"), ("Last-Name", "Garnier"), ("EMAIL", "s@f.example"), ("tel", "03 29 55 12 40"),
            ("organisation", "Fonderie"), ("job_title", "Responsable"), ("pays", "FR"), ("comments", "Bonjour"), ("utm_campaign", "spring"), ("referer", "https://www.google.com/"));

        Assert.Equal("Sophie", lead.Contact.FirstName);
        Assert.Equal("Garnier", lead.Contact.LastName);
        Assert.Equal("s@f.example", lead.Contact.Email);
        Assert.Equal("03 29 55 12 40", lead.Contact.Phone);
        Assert.Equal("Fonderie", lead.Contact.Company);
        Assert.Equal("Responsable", lead.Contact.JobTitle);
        Assert.Equal("FR", lead.Contact.Country);
        Assert.Equal("Bonjour", lead.Message);
        Assert.Equal("spring", lead.Source.UtmCampaign);
        Assert.Equal("https://www.google.com/", lead.Source.Referrer);
        Assert.Equal(Channel.Form, lead.Channel);
        Assert.Equal("web", lead.Provider);
    }

    [Fact]
    public void Unknown_fields_are_kept_as_extra_fields()
    {
        var lead = Parsed(("email", "a@b.example"), ("fleet_size", "40"), ("product", "sensors"));

        Assert.Equal("40", lead.ExtraFields["fleet_size"]);
        Assert.Equal("sensors", lead.ExtraFields["product"]);
    }

    [Fact]
    public void An_email_or_a_phone_is_required()
    {
        var invalid = Assert.IsType<ParseOutcome<CapturedLead>.Invalid>(Parse(null, ("name", "Nobody"), ("message", "hello")));
        Assert.Contains(invalid.Errors, e => e.Field == "email");

        Assert.IsType<ParseOutcome<CapturedLead>.Parsed>(Parse(null, ("phone", "+33 1 23 45 67 89")));
    }

    [Fact]
    public void A_filled_honeypot_is_recorded_not_judged()
    {
        var lead = Parsed(("email", "a@b.example"), ("website", "http://spam.example"));

        Assert.True(lead.Signals.HoneypotFilled);
        Assert.False(lead.ExtraFields.ContainsKey("website"));
    }

    [Fact]
    public void The_honeypot_field_name_is_configurable()
    {
        var rules = new FormParseRules { HoneypotField = "fax_number" };
        var lead = Assert.IsType<ParseOutcome<CapturedLead>.Parsed>(Parse(rules, ("email", "a@b.example"), ("fax_number", "x"), ("website", "https://acme.example"))).Value;

        Assert.True(lead.Signals.HoneypotFilled);
        Assert.Equal("https://acme.example", lead.ExtraFields["website"]);
    }

    [Fact]
    public void Time_to_submit_comes_from_the_render_timestamp_or_elapsed_milliseconds()
    {
        Assert.Equal(TimeSpan.FromSeconds(3), Parsed(("email", "a@b.example"), ("formRenderedAt", Now.AddSeconds(-3).ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture))).Signals.TimeToSubmit);
        Assert.Equal(TimeSpan.FromSeconds(45), Parsed(("email", "a@b.example"), ("formRenderedAt", Now.AddSeconds(-45).ToString("O"))).Signals.TimeToSubmit);
        Assert.Equal(TimeSpan.FromMilliseconds(1200), Parsed(("email", "a@b.example"), ("elapsedMs", "1200")).Signals.TimeToSubmit);
        Assert.Null(Parsed(("email", "a@b.example"), ("formRenderedAt", Now.AddMinutes(5).ToString("O"))).Signals.TimeToSubmit);
    }

    [Fact]
    public void Required_consent_missing_names_the_consent_field()
    {
        var rules = new FormParseRules { RequireConsent = true };

        var invalid = Assert.IsType<ParseOutcome<CapturedLead>.Invalid>(Parse(rules, ("email", "a@b.example")));
        Assert.Contains(invalid.Errors, e => e.Field == "consent");

        var lead = Assert.IsType<ParseOutcome<CapturedLead>.Parsed>(Parse(rules with { DefaultConsentVersion = "privacy-2026-01" }, ("email", "a@b.example"), ("consent", "on"))).Value;
        Assert.Equal(new ConsentRecord(true, "privacy-2026-01", Now), lead.Consent);
    }

    [Fact]
    public void Consent_given_with_the_form_is_recorded_with_its_version_and_time()
    {
        var lead = Parsed(("email", "a@b.example"), ("consent", "true"), ("consentVersion", "v3"));

        Assert.Equal(new ConsentRecord(true, "v3", Now), lead.Consent);
    }

    [Fact]
    public void Line_breaks_and_control_characters_never_survive_in_single_line_fields()
    {
        var lead = Parsed(("email", "a@b.example"), ("name", "Eve\r\nBcc: victim@example.com\u0007"), ("message", "line one\r\nline two\u0000"));

        Assert.Equal("Eve Bcc: victim@example.com", lead.Contact.FullName);
        Assert.Equal("line one\nline two", lead.Message);
    }

    [Fact]
    public void Over_long_fields_are_refused_naming_the_field()
    {
        var invalid = Assert.IsType<ParseOutcome<CapturedLead>.Invalid>(Parse(null, ("email", "a@b.example"), ("company", new string('x', FieldLimits.Company + 1))));

        Assert.Contains(invalid.Errors, e => e.Field == "company");
    }

    [Fact]
    public void Too_many_extra_fields_are_refused()
    {
        var fields = Enumerable.Range(0, FieldLimits.ExtraFieldCount + 1).Select(i => ($"custom{i}", (string?)"x")).Prepend(("email", "a@b.example")).ToArray();

        Assert.IsType<ParseOutcome<CapturedLead>.Invalid>(Parse(null, fields));
    }

    [Fact]
    public void The_idempotency_key_becomes_the_provider_event_id_and_is_not_an_extra_field()
    {
        var lead = Parsed(("email", "a@b.example"), ("idempotencyKey", "abc-123"));

        Assert.Equal("abc-123", lead.ProviderEventId);
        Assert.Empty(lead.ExtraFields);
    }
}
