using System.Globalization;
using LeadIntake.Core.Leads;
using LeadIntake.Functions.Console;
using LeadIntake.Functions.Exports;
using LeadIntake.Functions.Hosting;
using LeadIntake.Functions.Storage;

namespace LeadIntake.Functions.Reporting;

/// <summary>
/// <c>GET /api/leads/export/{format}</c>, <c>csv</c> or <c>xlsx</c> (admin key or signed-in user): the lead list with
/// the same filters as <c>GET /api/leads</c>, every page of it up to <see cref="MaxRows"/> rows, newest first, cells
/// protected against formula injection. Contact columns (name, company) are the lead manager's working data; the
/// export is a download for that person, not a log.
/// </summary>
internal sealed class ExportLeads(TableLeadQueries leads)
{
    public const int MaxRows = 20_000;

    [Function("ExportLeads")]
    public Task<Results<FileContentHttpResult, ProblemHttpResult>> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "leads/export/{format}")] HttpRequest request, string format, CancellationToken cancellationToken) =>
        HandleAsync(format, request.HttpContext, leads, cancellationToken);

        internal static readonly string[] Headers =
        ["id", "capturedAt", "status", "intent", "channel", "provider", "assignedRep", "utmSource", "utmCampaign", "name", "company", "subject"];

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> HandleAsync(string format, HttpContext http, TableLeadQueries leads, CancellationToken cancellationToken)
    {
        if (ConsoleAccess.RefuseJson(http) is { } denied) return denied;
        if (format is not ("csv" or "xlsx")) return Problems.NotFound("format", "Export formats: csv, xlsx.");
        var request = LeadListRequest.Read(http);
        if (request.Filter is not { } filter) return Problems.Fields(StatusCodes.Status400BadRequest, "Invalid lead list parameters.", request.Errors);
        var rows = new List<IReadOnlyList<string?>>();
        LeadId? cursor = filter.Cursor;
        do
        {
            var page = await leads.ListAsync(filter with { Cursor = cursor }, LeadListRequest.MaxPageSize, request.ContactKey, cancellationToken);
            rows.AddRange(page.Items.Select(Row));
            cursor = page.Next;
        }
        while (cursor is not null && rows.Count < MaxRows);
        if (rows.Count > MaxRows) rows.RemoveRange(MaxRows, rows.Count - MaxRows);
        var name = $"leads-{filter.From.UtcDateTime:yyyyMMdd}-{filter.Before.AddTicks(-1).UtcDateTime:yyyyMMdd}.{format}";
        return format == "csv"
            ? TypedResults.File(TableExport.WriteCsv(Headers, rows), TableExport.CsvMediaType, name)
            : TypedResults.File(TableExport.WriteXlsx(Headers, rows, "Leads"), TableExport.XlsxMediaType, name);
    }

    internal static IReadOnlyList<string?> Row(Lead lead)
    {
        var item = LeadListItem.From(lead);
        return
        [
            item.Id, item.CapturedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            item.Status, item.Intent, item.Channel, item.Provider, item.AssignedRep, item.UtmSource, item.UtmCampaign,
            lead.Contact.DisplayName, lead.Contact.Company, lead.Captured.Subject,
        ];
    }
}
