using System.Text;
using System.Text.Json;
using LeadIntake.Core.Intake.Signatures;

namespace LeadIntake.Core.Tests.Intake.Signatures;

public sealed class WebhookCredentialTests
{
    // Meta publishes no vector: this one is self-computed (docs/providers.md, 'Meta Lead Ads').
    private const string MetaSecret = "meta_app_secret_example_0001";
    private const string MetaBody = "{\"object\":\"page\",\"entry\":[{\"id\":\"104857600123456\",\"time\":1767225600,\"changes\":[{\"field\":\"leadgen\",\"value\":{\"ad_id\":\"120210000000000001\",\"form_id\":\"998877665544332\",\"leadgen_id\":\"1234567890123456\",\"created_time\":1767225599,\"page_id\":\"104857600123456\",\"adgroup_id\":\"120210000000000001\"}}]}]}";
    private const string MetaHeader = "sha256=158cc53e7e711b29dadeeacb0bf639490b4a8fece761bf465bb0050d709810d9";

    [Fact]
    public void Meta_signature_matches_self_computed_vector() =>
        Assert.Equal(SignatureVerdict.Valid, MetaSignature.Verify(MetaSecret, Encoding.UTF8.GetBytes(MetaBody), MetaHeader));

    [Fact]
    public void Meta_signature_accepts_uppercase_hex() =>
        Assert.Equal(SignatureVerdict.Valid, MetaSignature.Verify(MetaSecret, Encoding.UTF8.GetBytes(MetaBody), "sha256=" + MetaHeader[7..].ToUpperInvariant()));

    [Theory]
    [InlineData("sha1=f2a67049d1d038e2b71cab35c6715e4a87179acf")]
    [InlineData("158cc53e7e711b29dadeeacb0bf639490b4a8fece761bf465bb0050d709810d9")]
    [InlineData("sha256=258cc53e7e711b29dadeeacb0bf639490b4a8fece761bf465bb0050d709810d9")]
    [InlineData("sha256=")]
    public void Meta_signature_rejects_wrong_headers(string header) =>
        Assert.Equal(SignatureVerdict.Mismatch, MetaSignature.Verify(MetaSecret, Encoding.UTF8.GetBytes(MetaBody), header));

    [Fact]
    public void Meta_signature_covers_the_raw_bytes_so_reserialised_json_fails()
    {
        var reserialised = JsonSerializer.SerializeToUtf8Bytes(JsonDocument.Parse(MetaBody).RootElement, new JsonSerializerOptions { WriteIndented = true });
        Assert.Equal(SignatureVerdict.Mismatch, MetaSignature.Verify(MetaSecret, reserialised, MetaHeader));
        Assert.Equal(SignatureVerdict.Missing, MetaSignature.Verify(MetaSecret, Encoding.UTF8.GetBytes(MetaBody), null));
    }

    [Theory]
    [InlineData("a1b2c3d4e5f6a7b8c9d0", SignatureVerdict.Valid)]
    [InlineData("a1b2c3d4e5f6a7b8c9d1", SignatureVerdict.Mismatch)]
    [InlineData("a1b2c3d4e5f6a7b8c9d", SignatureVerdict.Mismatch)]
    [InlineData("A1B2C3D4E5F6A7B8C9D0", SignatureVerdict.Mismatch)]
    [InlineData("", SignatureVerdict.Missing)]
    [InlineData(null, SignatureVerdict.Missing)]
    public void Aircall_token_must_equal_the_configured_token(string? presented, SignatureVerdict expected) =>
        Assert.Equal(expected, AircallToken.Verify("a1b2c3d4e5f6a7b8c9d0", presented));

    [Theory]
    [InlineData("leads:s3cret", SignatureVerdict.Valid)]
    [InlineData("leads:s3cret:with:colons", SignatureVerdict.Mismatch)]
    [InlineData("leads:S3cret", SignatureVerdict.Mismatch)]
    [InlineData("Leads:s3cret", SignatureVerdict.Mismatch)]
    [InlineData("leads", SignatureVerdict.Mismatch)]
    public void Postmark_basic_auth_must_match_username_and_password(string credentials, SignatureVerdict expected) =>
        Assert.Equal(expected, PostmarkBasicAuth.Verify("leads", "s3cret", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials))));

    [Fact]
    public void Postmark_basic_auth_password_may_contain_colons() =>
        Assert.Equal(SignatureVerdict.Valid, PostmarkBasicAuth.Verify("leads", "a:b", "basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("leads:a:b"))));

    [Theory]
    [InlineData(null, SignatureVerdict.Missing)]
    [InlineData("", SignatureVerdict.Missing)]
    [InlineData("Bearer abc", SignatureVerdict.Mismatch)]
    [InlineData("Basic !!!notbase64", SignatureVerdict.Mismatch)]
    public void Postmark_basic_auth_rejects_malformed_headers(string? header, SignatureVerdict expected) =>
        Assert.Equal(expected, PostmarkBasicAuth.Verify("leads", "s3cret", header));

    [Fact]
    public void Event_grid_validation_answers_official_doc_vector()
    {
        // MicrosoftDocs/azure-docs articles/event-grid/webhook-event-delivery.md @0b9b1f7c.
        using var doc = JsonDocument.Parse("""
            [{"id":"2d1781af-3a4c-4d7c-bd0c-e34b19da4e66","topic":"/subscriptions/xx/resourceGroups/xx/providers/Microsoft.Storage/storageAccounts/xx",
              "subject":"","data":{"validationCode":"512d38b6-c7b8-40c8-89fe-f46f9e9622b6",
              "validationUrl":"https://rp-eastus2.eventgrid.azure.net:553/eventsubscriptions/myeventsub/validate?id=0000000000-0000-0000-0000-00000000000000&t=2022-10-28T04:23:35.1981776Z&apiVersion=2018-05-01-preview&token=1A1A1A1A"},
              "eventType":"Microsoft.EventGrid.SubscriptionValidationEvent","eventTime":"2022-10-28T04:23:35.1981776Z","metadataVersion":"1","dataVersion":"1"}]
            """);
        var response = EventGridHandshake.TryRespond(doc.RootElement);
        Assert.NotNull(response);
        Assert.Equal("""{"validationResponse":"512d38b6-c7b8-40c8-89fe-f46f9e9622b6"}""", JsonSerializer.Serialize(response));
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("""[{"eventType":"Microsoft.Communication.IncomingCall","data":{}}]""")]
    [InlineData("""[{"eventType":"Microsoft.EventGrid.SubscriptionValidationEvent","data":{}}]""")]
    [InlineData("""{"hello":1}""")]
    public void Event_grid_validation_is_not_answered_for_other_deliveries(string json)
    {
        using var doc = JsonDocument.Parse(json);
        Assert.Null(EventGridHandshake.TryRespond(doc.RootElement));
    }
}
