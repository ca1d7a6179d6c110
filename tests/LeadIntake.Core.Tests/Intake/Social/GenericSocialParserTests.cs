using System.Text.Json;
using LeadIntake.Core.Intake;
using LeadIntake.Core.Intake.Social;
using LeadIntake.Core.Leads;

namespace LeadIntake.Core.Tests.Intake.Social;

public sealed class GenericSocialParserTests
{
    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement;

    [Fact]
    public void Generic_social_linkedin_lead_becomes_a_social_lead()
    {
        var lead = Assert.IsType<ParseOutcome<CapturedLead>.Parsed>(GenericSocialParser.Parse(Json("""
            { "platform":"LinkedIn", "leadId":"urn:li:leadGenFormResponse:7f3c2a10-1b2c-4d5e-8f90-1234567890ab-4",
              "createdAt":"2026-01-01T10:00:00Z", "formId":"urn:li:leadGenForm:123456", "formName":"Demo request", "campaign":"UK estates Q1",
              "firstName":"Daniel", "lastName":"Okafor", "email":"dokafor@northbridge-hospital.example", "phone":"020 7946 0321",
              "company":"Northbridge Hospital Trust", "jobTitle":"Estates Manager", "country":"GB",
              "message":"Could someone walk us through a demo next week?",
              "answers": { "sites": "2", "interests": ["HVAC", "energy"] } }
            """), "FR")).Value;
        Assert.Equal(Channel.Social, lead.Channel);
        Assert.Equal("linkedin", lead.Provider);
        Assert.Equal("urn:li:leadGenFormResponse:7f3c2a10-1b2c-4d5e-8f90-1234567890ab-4", lead.ProviderEventId);
        Assert.Equal("Daniel Okafor", lead.Contact.DisplayName);
        Assert.Equal("+442079460321", lead.Contact.Phone); // national number read with the lead's country, not the default
        Assert.Equal("GB", lead.Contact.Country);
        Assert.Equal("Demo request", lead.Subject);
        Assert.Equal("Could someone walk us through a demo next week?", lead.Message);
        Assert.Equal("UK estates Q1", lead.Source.UtmCampaign);
        Assert.Equal("HVAC, energy", lead.ExtraFields["interests"]);
    }

    [Fact]
    public void Generic_social_company_is_guessed_from_a_corporate_email()
    {
        var lead = Assert.IsType<ParseOutcome<CapturedLead>.Parsed>(GenericSocialParser.Parse(Json("""{"platform":"tiktok","leadId":"t-1","email":"a.b@brightwater-utilities.example"}"""), null)).Value;
        Assert.Equal("Brightwater Utilities", lead.Contact.Company);
    }

    [Theory]
    [InlineData("""{"leadId":"1","email":"a@b.example"}""", "platform")]
    [InlineData("""{"platform":"linked in!","leadId":"1","email":"a@b.example"}""", "platform")]
    [InlineData("""{"platform":"linkedin","email":"a@b.example"}""", "leadId")]
    [InlineData("""{"platform":"linkedin","leadId":"1"}""", "email")]
    [InlineData("""{"platform":"linkedin","leadId":"1","email":"a@b.example","answers":[1]}""", "answers")]
    [InlineData("""{"platform":"linkedin","leadId":"1","email":"a@b.example","createdAt":"tomorrow"}""", "createdAt")]
    [InlineData("""{"platform":"linkedin","leadId":"1","email":"@@LONG@@"}""", "email")]
    [InlineData("""[]""", "body")]
    public void Generic_social_bad_input_names_the_field(string json, string field)
    {
        json = json.Replace("@@LONG@@", new string('a', 300) + "@b.example", StringComparison.Ordinal);
        Assert.Equal(field, Assert.Single(Assert.IsType<ParseOutcome<CapturedLead>.Invalid>(GenericSocialParser.Parse(Json(json), null)).Errors).Field);
    }

    [Fact]
    public void Generic_social_hostile_strings_are_sanitised()
    {
        var lead = Assert.IsType<ParseOutcome<CapturedLead>.Parsed>(GenericSocialParser.Parse(Json("""{"platform":"linkedin","leadId":"1","email":"a@b.example","fullName":"Eve\r\nBcc: x@y.z","message":"hi\u0000\u0007"}"""), null)).Value;
        Assert.Equal("Eve Bcc: x@y.z", lead.Contact.FullName);
        Assert.Equal("hi", lead.Message);
    }
}
