using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Blobs;
using LeadIntake.Core.Leads;
using LeadIntake.Functions.Kpis;
using LeadIntake.Functions.Tests.Infrastructure;
using Parquet.Serialization;

namespace LeadIntake.Functions.Tests.Kpis;

[Collection(IntegrationCollection.Name)]
public sealed class KpiParquetExportTests
{
    private static readonly DateTimeOffset November = new(2026, 11, 10, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_parquet_export_writes_the_month_s_events_pseudonymised_to_blob_storage()
    {
        await using var blobs = await BlobEmulator.StartAsync();
        var key = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        await using var app = await TestApp.StartAsync(new Dictionary<string, string?> { ["Kpis:ExportKey"] = key, ["Kpis:ExportStorage"] = blobs.ConnectionString });
        var won = await new KpiLeads(app.GetService<ILeadStore>()).WonAsync(November);
        await new KpiLeads(app.GetService<ILeadStore>()).CaptureAsync(November.AddDays(25)); // 5 December in Paris: another month

        var request = new HttpRequestMessage(HttpMethod.Post, "/api/kpis/export/parquet?month=2026-11");
        request.Headers.Add("x-functions-key", TestApp.AdminKey);
        using var response = await app.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(8, body.GetProperty("rows").GetInt32());
        Assert.Equal("lead-events/month=2026-11/lead-events.parquet", body.GetProperty("blob").GetString());

        var blob = new BlobServiceClient(blobs.ConnectionString).GetBlobContainerClient("kpi-exports").GetBlobClient(body.GetProperty("blob").GetString());
        using var stream = new MemoryStream();
        await blob.DownloadToAsync(stream);
        stream.Position = 0;
        var rows = (await ParquetSerializer.DeserializeAsync<LeadEventRow>(stream)).Data.ToList();
        Assert.Equal(8, rows.Count);
        Assert.All(rows, r => Assert.Equal(32, r.LeadKey.Length));
        Assert.Single(rows.Select(r => r.LeadKey).Distinct());
        Assert.DoesNotContain(rows, r => r.LeadKey.Contains(won.Lead.Id.Value, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(["captured", "mql", "assigned", "accepted", "sql", "sal", "opportunity", "won"], rows.Select(r => r.FunnelStep));
        var everyText = string.Join("|", rows.SelectMany(r => new[] { r.LeadKey, r.EventKey, r.EventType, r.FunnelStep, r.Channel, r.Provider, r.UtmSource, r.UtmMedium, r.UtmCampaign, r.Status, r.Intent, r.RepKey }));
        Assert.DoesNotContain("@", everyText, StringComparison.Ordinal);
        Assert.DoesNotContain("jeanne", everyText, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("3329551240", everyText, StringComparison.Ordinal);
        Assert.DoesNotContain("devis", everyText, StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(rows[^1].RepKey);
    }

    [Fact]
    public async Task Without_an_export_key_the_parquet_export_is_refused_naming_the_setting()
    {
        await using var app = await TestApp.StartAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/kpis/export/parquet?month=2026-11");
        request.Headers.Add("x-functions-key", TestApp.AdminKey);
        using var response = await app.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("Kpis:ExportKey", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors")[0].GetProperty("field").GetString());
    }
}
