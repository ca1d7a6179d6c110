using System.Text.Json;
using LeadIntake.Core.Intake;
using LeadIntake.Core.Intake.Social;
using LeadIntake.Core.Leads;

namespace LeadIntake.Core.Tests.Intake.Social;

public sealed class MetaLeadAdsTests
{
    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement;

    // The body of the self-computed signature vector in WebhookCredentialTests (docs/providers.md, 'Meta Lead Ads').
    private const string Notification = "{\"object\":\"page\",\"entry\":[{\"id\":\"104857600123456\",\"time\":1767225600,\"changes\":[{\"field\":\"leadgen\",\"value\":{\"ad_id\":\"120210000000000001\",\"form_id\":\"998877665544332\",\"leadgen_id\":\"1234567890123456\",\"created_time\":1767225599,\"page_id\":\"104857600123456\",\"adgroup_id\":\"120210000000000001\"}}]}]}";

    private const string GraphLead = """
        { "id":"1234567890123456", "created_time":"2026-01-01T00:59:59+0000", "ad_id":"120210000000000001", "form_id":"998877665544332",
          "campaign_name":"Maintenance prédictive FR", "platform":"ig",
          "field_data":[
            {"name":"full_name","values":["Sophie Garnier"]},
            {"name":"email","values":["sophie.garnier@gmail.com"]},
            {"name":"work_email","values":["s.garnier@fonderie-vosges.example"]},
            {"name":"phone_number","values":["+33329551240"]},
            {"name":"company_name","values":["Fonderie des Vosges"]},
            {"name":"job_title","values":["Responsable maintenance"]},
            {"name":"combien_de_machines_?","values":["10-50"]},
            {"name":"interets","values":["vibration","température"]}
          ] }
        """;

    [Theory]
    [InlineData("subscribe", "meatyhamhock", "1158201444", true)]
    [InlineData("subscribe", "wrong", "1158201444", false)]
    [InlineData("unsubscribe", "meatyhamhock", "1158201444", false)]
    [InlineData("subscribe", null, "1158201444", false)]
    [InlineData("subscribe", "meatyhamhock", null, false)]
    [InlineData("subscribe", "meatyhamhock", "<script>alert(1)</script>", false)]
    public void Meta_verification_echoes_the_challenge_only_for_the_right_token(string? mode, string? token, string? challenge, bool accepted)
    {
        // The doc's example: hub.challenge=1158201444&hub.verify_token=meatyhamhock.
        var decision = MetaVerificationDecision.Decide(mode, token, challenge, "meatyhamhock");
        Assert.Equal(accepted, decision.Accepted);
        Assert.Equal(accepted ? challenge : null, decision.Challenge);
    }

    [Fact]
    public void Meta_notification_announces_the_leadgen_id()
    {
        var leads = Assert.IsType<MetaNotificationOutcome.Leads>(MetaLeadgenNotificationParser.Parse(Json(Notification)));
        var lead = Assert.Single(leads.Refs);
        Assert.Equal(new MetaLeadgenRef("1234567890123456", "104857600123456", "998877665544332", "120210000000000001", "120210000000000001",
            DateTimeOffset.FromUnixTimeSeconds(1767225599)), lead);
    }

    [Fact]
    public void Meta_notification_batches_several_entries_and_changes_and_skips_duplicates()
    {
        var outcome = MetaLeadgenNotificationParser.Parse(Json("""
            {"object":"page","entry":[
              {"id":"1","time":1,"changes":[{"field":"leadgen","value":{"leadgen_id":"111","page_id":"1"}},{"field":"feed","value":{}},{"field":"leadgen","value":{"leadgen_id":"222"}}]},
              {"id":"2","time":1,"changes":[{"field":"leadgen","value":{"leadgen_id":"333"}},{"field":"leadgen","value":{"leadgen_id":"111"}}]}]}
            """));
        var leads = Assert.IsType<MetaNotificationOutcome.Leads>(outcome);
        Assert.Equal(["111", "222", "333"], leads.Refs.Select(r => r.LeadgenId));
        Assert.Equal("1", leads.Refs[1].PageId); // falls back to the entry id
        Assert.Equal(1, leads.IgnoredCount);
    }

    [Theory]
    [InlineData("""{"object":"instagram","entry":[]}""")]
    [InlineData("""{"object":"page","entry":[{"id":"1","changes":[{"field":"feed","value":{}}]}]}""")]
    public void Meta_notification_without_leads_is_ignored(string json) =>
        Assert.IsType<MetaNotificationOutcome.Ignored>(MetaLeadgenNotificationParser.Parse(Json(json)));

    [Theory]
    [InlineData("""[1]""", "body")]
    [InlineData("""{"object":"page"}""", "entry")]
    [InlineData("""{"object":"page","entry":[{"changes":[{"field":"leadgen","value":{"leadgen_id":"12; DROP"}}]}]}""", "entry[0].changes[0].value.leadgen_id")]
    [InlineData("""{"object":"page","entry":[{"changes":[{"field":"leadgen","value":{}}]}]}""", "entry[0].changes[0].value.leadgen_id")]
    public void Meta_notification_bad_input_names_the_field(string json, string field) =>
        Assert.Equal(field, Assert.Single(Assert.IsType<MetaNotificationOutcome.Invalid>(MetaLeadgenNotificationParser.Parse(Json(json))).Errors).Field);

    [Fact]
    public void Meta_notification_with_too_many_entries_is_refused()
    {
        var json = """{"object":"page","entry":[""" + string.Join(',', Enumerable.Repeat("{}", PayloadLimits.MetaEntries + 1)) + "]}";
        Assert.IsType<MetaNotificationOutcome.Invalid>(MetaLeadgenNotificationParser.Parse(Json(json)));
    }

    [Fact]
    public void Meta_graph_lead_becomes_a_social_lead()
    {
        var notification = Assert.Single(Assert.IsType<MetaNotificationOutcome.Leads>(MetaLeadgenNotificationParser.Parse(Json(Notification))).Refs);
        var lead = Assert.IsType<ParseOutcome<CapturedLead>.Parsed>(MetaLeadParser.Parse(Json(GraphLead), notification, "FR")).Value;
        Assert.Equal(Channel.Social, lead.Channel);
        Assert.Equal("meta", lead.Provider);
        Assert.Equal("1234567890123456", lead.ProviderEventId);
        Assert.Equal("Sophie Garnier", lead.Contact.FullName);
        Assert.Equal("s.garnier@fonderie-vosges.example", lead.Contact.Email);
        Assert.Equal("+33329551240", lead.Contact.Phone);
        Assert.Equal("Fonderie des Vosges", lead.Contact.Company);
        Assert.Equal("Responsable maintenance", lead.Contact.JobTitle);
        Assert.Equal("instagram", lead.Source.UtmSource);
        Assert.Equal("paid_social", lead.Source.UtmMedium);
        Assert.Equal("Maintenance prédictive FR", lead.Source.UtmCampaign);
        Assert.Equal("10-50", lead.ExtraFields["combien_de_machines_?"]);
        Assert.Equal("vibration, température", lead.ExtraFields["interets"]);
        Assert.Equal("104857600123456", lead.ExtraFields["meta.pageId"]);
    }

    [Fact]
    public void Meta_graph_lead_fetched_twice_has_the_same_event_id()
    {
        var a = Assert.IsType<ParseOutcome<CapturedLead>.Parsed>(MetaLeadParser.Parse(Json(GraphLead), null, "FR")).Value;
        var b = Assert.IsType<ParseOutcome<CapturedLead>.Parsed>(MetaLeadParser.Parse(Json(GraphLead), null, "FR")).Value;
        Assert.Equal(a.ProviderEventId, b.ProviderEventId);
    }

    [Theory]
    [InlineData("""{"id":"1","field_data":[{"name":"full_name","values":["Bob"]}]}""", "field_data.email")]
    [InlineData("""{"field_data":[]}""", "id")]
    [InlineData("""{"id":"1"}""", "field_data")]
    [InlineData("""{"id":"1","field_data":[{"name":"email","values":["a@b.example"]},{"name":"full_name","values":["@@NAME@@"]}]}""", "field_data.name")]
    public void Meta_graph_lead_bad_input_names_the_field(string json, string field)
    {
        json = json.Replace("@@NAME@@", new string('x', 500), StringComparison.Ordinal);
        Assert.Equal(field, Assert.Single(Assert.IsType<ParseOutcome<CapturedLead>.Invalid>(MetaLeadParser.Parse(Json(json), null, "FR")).Errors).Field);
    }

    [Fact]
    public void Meta_graph_lead_with_a_huge_answer_list_is_refused()
    {
        var json = """{"id":"1","field_data":[""" + string.Join(',', Enumerable.Range(0, 500).Select(i => $$"""{"name":"q{{i}}","values":["a"]}""")) + "]}";
        Assert.Equal("field_data", Assert.Single(Assert.IsType<ParseOutcome<CapturedLead>.Invalid>(MetaLeadParser.Parse(Json(json), null, "FR")).Errors).Field);
    }
}
