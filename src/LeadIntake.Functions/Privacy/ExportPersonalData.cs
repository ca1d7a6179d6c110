using System.Text.Json;
using LeadIntake.Core.Contacts;
using LeadIntake.Core.Leads;
using LeadIntake.Core.Privacy;
using LeadIntake.Core.Screening;
using LeadIntake.Functions.Hosting;
using LeadIntake.Functions.Intake;
using LeadIntake.Functions.Screening;
using LeadIntake.Functions.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LeadIntake.Functions.Privacy;

/// <summary>
/// <c>POST /api/privacy/access</c> (admin) with <c>{"email"}</c> and/or <c>{"phone"}</c>: everything held about that
/// person (docs/privacy.md, "Access and portability"), as JSON, or as a readable page with <c>Accept: text/html</c>.
/// Leads are found through the contact index (hashed keys; the phone normalised to E.164 as screening does). An
/// unknown person gets 200 with no lead, never 404, so the endpoint can't tell which addresses exist. Every export is
/// written to the privacy proof log (<c>AccessExported</c>, a count, no personal data).
/// </summary>
internal sealed partial class ExportPersonalData(
    IContactIndex contacts,
    ILeadStore store,
    TableLeadQueries queries,
    MailRecords mails,
    IPrivacyLog privacyLog,
    IOptionsMonitor<ScreeningOptions> screening,
    TimeProvider time,
    ILogger<ExportPersonalData> logger)
{
    private const int MaxBodyBytes = 4 * 1024;
    internal const string Operator = "admin-key";

    internal static readonly JsonSerializerOptions Json = new(LeadJson.Options) { WriteIndented = true };

    [Function("ExportPersonalData")]
    public Task<Results<JsonHttpResult<AccessExport>, PrivacyHtmlPage, ProblemHttpResult>> RunAsync(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = "privacy/access")] HttpRequest request, CancellationToken cancellationToken) =>
        HandleAsync(request, cancellationToken);

    private async Task<Results<JsonHttpResult<AccessExport>, PrivacyHtmlPage, ProblemHttpResult>> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!(await PersonQuery.ReadAsync(request, MaxBodyBytes, screening.CurrentValue.DefaultPhoneRegion, cancellationToken)).TryValue(out var query, out var problem)) return problem;

        var ids = await FindLeadsAsync(query, cancellationToken);
        var leads = new List<ExportedLead>(ids.Count);
        foreach (var id in ids)
        {
            if (await store.FindAsync(id, cancellationToken) is not { } stored) continue;
            leads.Add(new ExportedLead(
                stored.Lead,
                LeadPrivacyStamp.Of(stored.Lead),
                await store.GetEventsAsync(id, cancellationToken),
                await mails.ForLeadAsync(id, cancellationToken),
                await queries.RawPayloadsAsync(id, cancellationToken)));
        }

        var now = time.GetUtcNow();
        var export = new AccessExport(Guid.NewGuid().ToString("N"), now, new AccessQuery(query.Email, query.Phone), leads.Count, leads);
        bool html = PrivacyHtmlPage.Prefers(request);
        await privacyLog.AppendAsync(
            new PrivacyLogEntry(now, PrivacyAction.AccessExported, "data-subject", Operator, leads.Count, export.ExportId, html ? "format=html" : "format=json"),
            cancellationToken);
        LogExported(logger, export.ExportId, leads.Count);
        return html ? AccessExportHtml.Render(export) : TypedResults.Json(export, Json);
    }

    /// <summary>Every lead under the person's email key and phone key, each once, oldest first.</summary>
    private async Task<IReadOnlyList<LeadId>> FindLeadsAsync(PersonQuery query, CancellationToken cancellationToken)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var key in new[] { ContactKeys.ForEmail(query.Email), ContactKeys.ForPhone(query.Phone) })
        {
            if (key is null) continue;
            foreach (var id in await contacts.FindSinceAsync(key, DateTimeOffset.UnixEpoch, cancellationToken)) found.Add(id.Value);
        }
        return found.Select(v => LeadId.TryParse(v, out var id) ? id : default).Where(id => id != default).ToList();
    }

    [LoggerMessage(EventId = 9101, Level = LogLevel.Information, Message = "Access export {ExportId} produced with {LeadCount} leads")]
    private static partial void LogExported(ILogger logger, string exportId, int leadCount);
}

/// <summary>The person an access or erasure request is about: an email as given, a phone in E.164.</summary>
internal sealed record PersonQuery(string? Email, string? Phone)
{
    /// <summary>Reads <c>{"email", "phone"}</c>: at least one, each well-formed; 422 naming the field otherwise.</summary>
    public static async Task<ReadOutcome<PersonQuery>> ReadAsync(HttpRequest request, int maxBytes, string defaultRegion, CancellationToken cancellationToken)
    {
        if (!(await RequestBody.ReadAsync(request, maxBytes, cancellationToken)).TryValue(out var body, out var tooLarge)) return tooLarge;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 4 });
        }
        catch (JsonException)
        {
            return Field(StatusCodes.Status400BadRequest, "The request body can't be read.", "body", "Send a JSON object: {\"email\": \"…\"} and/or {\"phone\": \"…\"}.");
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return Field(StatusCodes.Status422UnprocessableEntity, "The request is invalid.", "body", "Send a JSON object: {\"email\": \"…\"} and/or {\"phone\": \"…\"}.");
            }
            var (email, emailProblem) = Text(document.RootElement, "email");
            if (emailProblem is not null) return emailProblem;
            var (phone, phoneProblem) = Text(document.RootElement, "phone");
            if (phoneProblem is not null) return phoneProblem;
            if (email is null && phone is null)
            {
                return Field(StatusCodes.Status422UnprocessableEntity, "The request is invalid.", "email", "Give an email address or a phone number (or both).");
            }
            if (email is not null && (email.Length > 254 || !EmailSyntax.IsValid(email)))
            {
                return Field(StatusCodes.Status422UnprocessableEntity, "The request is invalid.", "email", "Must be an email address.");
            }
            string? e164 = null;
            if (phone is not null && (phone.Length > 40 || (e164 = PhoneNormaliser.ToE164(phone, defaultRegion)) is null))
            {
                return Field(StatusCodes.Status422UnprocessableEntity, "The request is invalid.", "phone", "Must be a phone number, in international format (+33…) or national to the default region.");
            }
            return new PersonQuery(email, e164);
        }
    }

    private static (string? Value, ProblemHttpResult? Problem) Text(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return (null, null);
        if (value.ValueKind != JsonValueKind.String)
        {
            return (null, Field(StatusCodes.Status422UnprocessableEntity, "The request is invalid.", name, "Must be a string."));
        }
        var text = value.GetString()?.Trim();
        return (string.IsNullOrEmpty(text) ? null : text, null);
    }

    private static ProblemHttpResult Field(int status, string title, string field, string message) =>
        (ProblemHttpResult)Problems.Field(status, title, field, message);
}
