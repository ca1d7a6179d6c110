using System.Security.Cryptography;
using System.Text;
using Azure.Identity;
using Azure.Storage.Blobs;
using LeadIntake.Core.Kpis;
using LeadIntake.Core.Leads;
using LeadIntake.Functions.Storage;
using Parquet.Serialization;

namespace LeadIntake.Functions.Kpis;

/// <summary>
/// Writes the pseudonymised lead events of one month (in the account's time zone) as one Parquet file, Hive-style
/// partitioned by month: <c>{container}/lead-events/month=YYYY-MM/lead-events.parquet</c>. Writing a month again
/// replaces its file. Reads the leads captured in the recomputation's lookback window.
/// </summary>
internal sealed class KpiParquetExport(KpiLeadScan scan, KpiCalendarSource calendars, IOptions<KpiOptions> options, IConfiguration configuration)
{
    public static string BlobName(KpiMonth month) => $"lead-events/month={month}/lead-events.parquet";

    public bool IsConfigured => options.Value.ExportKeyBytes() is not null;

    public async Task<(string Container, string Blob, int Rows)> WriteAsync(KpiMonth month, CancellationToken cancellationToken)
    {
        var key = options.Value.ExportKeyBytes() ?? throw new InvalidOperationException("Kpis:ExportKey is not set.");
        var calendar = calendars.Calendar;
        var rows = new List<LeadEventRow>();
        var from = calendar.StartOf(month.AddMonths(-options.Value.RecomputeLookbackMonths));
        var to = calendar.StartOf(month.AddMonths(1));
        await foreach (var (lead, events) in scan.ReadAsync(from, to, cancellationToken).ConfigureAwait(false))
        {
            var leadKey = Pseudonym(key, "lead", lead.Id.Value);
            var source = lead.Captured.Source;
            foreach (var e in events)
            {
                if (calendar.MonthOf(e.At) != month) continue;
                rows.Add(new LeadEventRow
                {
                    LeadKey = leadKey,
                    EventKey = KpiEventTypes.KeyOf(e),
                    EventType = KpiEventTypes.TypeName(e),
                    FunnelStep = KpiEventTypes.Classify(e) is { } step ? WireNames.Of(step) : null,
                    At = e.At.UtcDateTime,
                    EventMonth = month.ToString(),
                    Channel = WireNames.Of(lead.Channel),
                    Provider = lead.Provider,
                    UtmSource = LeadKpiProfile.Label(source.UtmSource),
                    UtmMedium = LeadKpiProfile.Label(source.UtmMedium),
                    UtmCampaign = LeadKpiProfile.Label(source.UtmCampaign),
                    CapturedAt = lead.CapturedAt.UtcDateTime,
                    CaptureMonth = calendar.MonthOf(lead.CapturedAt).ToString(),
                    Status = WireNames.Of(lead.Status),
                    Intent = lead.Intent is { } intent ? WireNames.Of(intent) : null,
                    RepKey = lead.Assignment?.RepEmail is { } rep ? Pseudonym(key, "rep", rep.Trim().ToLowerInvariant()) : null,
                });
            }
        }
        rows.Sort((a, b) => a.At.CompareTo(b.At));
        using var buffer = new MemoryStream();
        await ParquetSerializer.SerializeAsync(rows, buffer, cancellationToken: cancellationToken).ConfigureAwait(false);
        buffer.Position = 0;
        var container = Blobs().GetBlobContainerClient(options.Value.ExportContainer);
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var blob = BlobName(month);
        await container.GetBlobClient(blob).UploadAsync(buffer, overwrite: true, cancellationToken).ConfigureAwait(false);
        return (container.Name, blob, rows.Count);
    }

    /// <summary>HMAC-SHA256 of a purpose and a value, 32 hex characters: stable per key, useless without it.</summary>
    public static string Pseudonym(byte[] key, string purpose, string value) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(purpose + ":" + value)))[..32];

    private BlobServiceClient Blobs()
    {
        var connection = options.Value.ExportStorage ?? configuration[StorageAccount.SettingName];
        if (!string.IsNullOrWhiteSpace(connection))
        {
            if (connection.Trim().Equals("UseDevelopmentStorage=true", StringComparison.OrdinalIgnoreCase))
            {
                connection = $"DefaultEndpointsProtocol=http;AccountName={DevelopmentStorage.AccountName};AccountKey={DevelopmentStorage.AccountKey};" +
                             $"BlobEndpoint=http://127.0.0.1:{DevelopmentStorage.DefaultBlobPort}/{DevelopmentStorage.AccountName};";
            }
            return new BlobServiceClient(connection);
        }
        var section = configuration.GetSection(StorageAccount.SettingName);
        var uri = section["blobServiceUri"] ?? $"https://{section["accountName"]}.blob.core.windows.net";
        return new BlobServiceClient(new Uri(uri), new DefaultAzureCredential());
    }
}
