using System.Text.Json;
using LeadIntake.Core.Leads;
using LeadIntake.Core.Screening.Feedback;
using static LeadIntake.Core.Tests.SampleLeads;

namespace LeadIntake.Core.Tests.Screening.Feedback;

public sealed class FeedbackCorpusLineTests
{
    private static JsonElement Line(FeedbackExample example)
    {
        var line = FeedbackCorpusLine.Write(example);
        Assert.DoesNotContain('\n', line);
        return JsonDocument.Parse(line).RootElement;
    }

    [Fact]
    public void A_form_correction_becomes_a_corpus_record_with_the_email_domain_only()
    {
        var lead = Mql(phone: "+33329551240", subject: "Devis", message: "Bonjour, combien coûte l'abonnement ?") with
        {
            Screening = new ScreeningDecision(LeadIntent.Service, 0.6, 0.1, [], "r1") { Language = "fr" },
        };

        var example = FeedbackExamples.From(lead, LeadIntent.Commercial, FeedbackSource.ReturnedToSales, "service@corp.test", Monday);
        var json = Line(example);

        Assert.Equal($"feedback-{lead.Id.Value}", json.GetProperty("id").GetString());
        Assert.Equal("form", json.GetProperty("channel").GetString());
        Assert.Equal("fr", json.GetProperty("lang").GetString());
        Assert.Equal("commercial", json.GetProperty("label").GetString());
        Assert.Equal("feedback", json.GetProperty("source").GetString());
        Assert.Equal("returned_to_sales", json.GetProperty("correction").GetString());
        var fields = json.GetProperty("fields");
        Assert.Equal("Jeanne", fields.GetProperty("firstName").GetString());
        Assert.Equal("Martin", fields.GetProperty("lastName").GetString());
        Assert.Equal("x@fonderie-vosges.fr", fields.GetProperty("email").GetString());
        Assert.Equal("Fonderie Vosges", fields.GetProperty("company").GetString());
        Assert.Equal("Devis", fields.GetProperty("subject").GetString());
        Assert.Equal("Bonjour, combien coûte l'abonnement ?", fields.GetProperty("message").GetString());
        // No address, no phone number: only the text the model reads.
        var raw = FeedbackCorpusLine.Write(example);
        Assert.DoesNotContain("jeanne@", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("3329551240", raw, StringComparison.Ordinal);
        Assert.False(fields.TryGetProperty("phone", out _));
        Assert.Equal("fonderie-vosges.fr", example.EmailDomain);
    }

    [Fact]
    public void An_email_correction_uses_the_email_channels_fields()
    {
        var lead = Mql(channel: Channel.Email, subject: "Win a prize", message: "Claim your prize now") with { Screening = null };

        var json = Line(FeedbackExamples.From(lead, LeadIntent.Spam, FeedbackSource.ReportedSpam, "rep@corp.test", Monday));

        Assert.Equal("email", json.GetProperty("channel").GetString());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("lang").ValueKind);
        var fields = json.GetProperty("fields");
        Assert.Equal("\"Jeanne Martin\" <x@fonderie-vosges.fr>", fields.GetProperty("from").GetString());
        Assert.Equal("Win a prize", fields.GetProperty("subject").GetString());
        Assert.Equal("Claim your prize now", fields.GetProperty("text").GetString());
    }

    [Fact]
    public void A_call_correction_carries_the_transcript_and_no_number()
    {
        var lead = Mql(channel: Channel.Call, phone: "+33612345678", message: "Missed call from +33612345678");
        lead = lead with
        {
            Captured = lead.Captured with
            {
                Contact = new Contact { FullName = "Paul Girard", Phone = "+33612345678" },
                Call = new CallDetails { CallKey = "c1", Transcript = "Bonjour, je rappelle pour le devis des capteurs." },
            },
        };

        var raw = FeedbackCorpusLine.Write(FeedbackExamples.From(lead, LeadIntent.Commercial, FeedbackSource.Released, "admin", Monday));
        var fields = JsonDocument.Parse(raw).RootElement.GetProperty("fields");

        Assert.Equal("call", JsonDocument.Parse(raw).RootElement.GetProperty("channel").GetString());
        Assert.Equal("Paul Girard", fields.GetProperty("callerName").GetString());
        Assert.Equal("Bonjour, je rappelle pour le devis des capteurs.", fields.GetProperty("transcript").GetString());
        Assert.DoesNotContain("612345678", raw, StringComparison.Ordinal);
    }

    [Fact]
    public void A_social_lead_is_exported_as_a_form_and_the_sender_typed_contact_is_used()
    {
        var lead = Mql(channel: Channel.Social);
        lead = lead with { OriginalContact = lead.Contact with { FirstName = "jeanne" }, Captured = lead.Captured with { Contact = lead.Contact with { FirstName = "Jeanne" } } };

        var json = Line(FeedbackExamples.From(lead, LeadIntent.Spam, FeedbackSource.ConfirmedSpam, "admin", Monday));

        Assert.Equal("form", json.GetProperty("channel").GetString());
        Assert.Equal("jeanne", json.GetProperty("fields").GetProperty("firstName").GetString());
    }
}
