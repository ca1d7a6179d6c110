using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using LeadIntake.Core.Leads;

namespace LeadIntake.Functions.Tests.Infrastructure;

/// <summary>Helpers shared by the capture tests.</summary>
internal static class CaptureAssertions
{
    public static async Task<string> AssertCapturedAsync(HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.Accepted)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {status}, got {response.StatusCode}: {text}");
        using var json = JsonDocument.Parse(text);
        return json.RootElement.GetProperty("id").GetString()!;
    }

    public static async Task<Lead> LoadAsync(TestApp app, string id) =>
        (await app.GetService<ILeadStore>().FindAsync(LeadId.Parse(id), CancellationToken.None))!.Lead;

    public static async Task<int> CountRawRowsAsync(TestApp app)
    {
        int n = 0;
        await foreach (var _ in app.Table("Leads").QueryAsync<TableEntity>(filter: "Kind eq 'raw'", select: ["RowKey"])) n++;
        return n;
    }

    /// <summary>Waits until screening has run and the pipeline drained, then returns how many times it ran (a lead reaches the pipeline once).</summary>
    public static async Task<int> ScreenedCountAsync(TestApp app, string id)
    {
        await app.WaitForLeadAsync(id, l => l.GetProperty("status").GetString() != "captured", TimeSpan.FromSeconds(10));
        await PipelineDrain.UntilIdleAsync(app);
        var lead = await app.GetLeadAsync(id);
        return lead.GetProperty("events").EnumerateArray().Count(e => e.GetProperty("type").GetString() == "screened");
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();
}
