using LeadIntake.Core.Privacy;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LeadIntake.Functions.Privacy;

/// <summary>
/// <c>GET /api/privacy/record</c> (admin): the record of processing activities (Art. 30) generated from the
/// configuration, as JSON, or as a readable page with <c>Accept: text/html</c> (docs/privacy.md, "Record of processing").
/// </summary>
internal sealed class GetProcessingRecord(ProcessingRecordSource source)
{
    [Function("GetProcessingRecord")]
    public Results<JsonHttpResult<ProcessingRecord>, PrivacyHtmlPage> Run(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = "privacy/record")] HttpRequest request)
    {
        var record = source.Current();
        return PrivacyHtmlPage.Prefers(request) ? ProcessingRecordHtml.Render(record) : TypedResults.Json(record, ExportPersonalData.Json);
    }
}
