using System.Text.Json;
using System.Text.RegularExpressions;
using LeadIntake.Core.Leads;
using LeadIntake.Core.Privacy;
using LeadIntake.Functions.Hosting;
using LeadIntake.Functions.Storage;

namespace LeadIntake.Functions.Tests.Privacy;

/// <summary>The stored lead's wire format stays readable across the privacy change, and the Bicep's EU list matches the app's.</summary>
public sealed partial class PrivacyWireTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public void A_lead_stored_before_purposes_existed_reads_with_no_privacy_record_and_its_provenance_derived()
    {
        // As written by the version before: no privacy, consentChoices or optOuts properties.
        const string stored = """
            {"id":"01KBFTV0G0AAAAAAAAAAAAAAAA","status":"captured","captured":{"channel":"form","provider":"web","contact":{"email":"old@example.com"},
             "source":{"pageUrl":"https://example.com/old"},"consent":{"given":true,"textVersion":"v1","recordedAt":"2025-01-01T00:00:00+00:00"},
             "signals":{},"extraFields":{},"attachments":[]},"capturedAt":"2025-01-01T00:00:00+00:00","stageTimes":{"captured":"2025-01-01T00:00:00+00:00"}}
            """;

        var lead = JsonSerializer.Deserialize<Lead>(stored, LeadJson.Options)!;

        Assert.Null(lead.Captured.Privacy);
        Assert.Empty(lead.Captured.ConsentChoices);
        Assert.True(lead.Captured.Consent!.Given);
        Assert.Equal("https://example.com/old", LeadPrivacyStamp.Of(lead).Provenance.Origin);
    }

    [Fact]
    public void A_stamped_lead_round_trips_through_its_stored_json()
    {
        var captured = new CapturedLead
        {
            Channel = Channel.Form,
            Provider = "web",
            Contact = new Contact { Email = "a@example.com" },
            ConsentChoices = new Dictionary<string, bool> { ["newsletter"] = true },
            OptOuts = ["follow-up"],
        };
        captured = captured with { Privacy = LeadPrivacyStamp.For(captured, PrivacyPolicy.Default with { NoticeUrl = "https://example.com/p", NoticeVersion = "3" }, Now) };
        var lead = Lead.Capture(captured, LeadId.New(Now), Now).Lead;

        var json = JsonSerializer.Serialize(lead, LeadJson.Options);
        var back = JsonSerializer.Deserialize<Lead>(json, LeadJson.Options)!;

        Assert.Equal(captured.Privacy.Purposes, back.Captured.Privacy!.Purposes);
        Assert.Equal(captured.Privacy.Provenance, back.Captured.Privacy.Provenance);
        Assert.Equal(captured.Privacy.Notice, back.Captured.Privacy.Notice);
        Assert.Equal(["follow-up"], back.Captured.OptOuts);
        Assert.Contains("\"basis\":\"legitimate_interest\"", json, StringComparison.Ordinal);
        Assert.Contains("\"kind\":\"form_link\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Bicep_refuses_the_same_regions_the_app_calls_outside_the_eu()
    {
        var root = RepositoryRoot.Find()!;
        foreach (var file in new[] { "infra/main.bicep", "infra/containerapp.bicep" })
        {
            var bicep = File.ReadAllText(Path.Combine(root, file));
            var list = EuRegionList().Match(bicep);
            Assert.True(list.Success, $"{file} has no euRegions list");
            var regions = list.Groups[1].Value.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(r => r.Trim('\'')).ToList();
            Assert.Equal(DataRegions.AzureEuRegions, regions);
            // Every resource takes the checked location, and the check fails the deployment with a message.
            Assert.DoesNotContain("location: location\n", bicep, StringComparison.Ordinal);
            Assert.Contains(": fail('location ${location} is outside the EU/EEA while dataResidency is EU", bicep, StringComparison.Ordinal);
        }
    }

    [GeneratedRegex(@"var euRegions = \[\n((?:\s*'[a-z]+'\n)+)\]")]
    private static partial Regex EuRegionList();
}
