using System.Text.Json;
using Azure;
using LeadIntake.Core.Contacts;
using LeadIntake.Core.Leads;
using LeadIntake.Core.Privacy;
using LeadIntake.Core.Screening;
using LeadIntake.Functions.Hosting;
using LeadIntake.Functions.Storage;

namespace LeadIntake.Functions.Privacy;

/// <summary>Told after each lead an erasure request purged (tests stop a run there to prove it resumes).</summary>
internal interface IErasureProgressObserver
{
    void LeadErased(string requestId, LeadId leadId);
}

/// <summary>
/// Erasure requests (docs/privacy.md, "Erasure"): accepting one stores it (contact index hashes only), adds the person
/// to the suppression list, writes the proof log and queues it; carrying one out finds the person's leads in the
/// contact index page by page, purges those whose own contact matches (<see cref="ErasureMatch"/>) and records progress
/// after every page, so a redelivered message resumes where the crash stopped.
/// </summary>
internal sealed partial class ErasureRequests(
    TablePrivacyRequests requests,
    TableSuppressions suppressions,
    StorageAccount storage,
    ILeadStore store,
    ILeadPurge purge,
    IPrivacyLog log,
    IOptions<QueueRuntimeOptions> queueOptions,
    TimeProvider time,
    ILogger<ErasureRequests> logger,
    IErasureProgressObserver? observer = null)
{
    /// <summary>Leads examined per page: one progress write per page.</summary>
    internal const int PageSize = 100;

    private readonly TableContactIndex _contacts = new(storage);

    /// <param name="email">A whole email address, as the person gave it.</param>
    /// <param name="e164">The phone number in E.164.</param>
    public async Task<ErasureRequest> AcceptAsync(string? email, string? e164, string requestedBy, string operatorName, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var request = new ErasureRequest
        {
            Id = Guid.CreateVersion7(now).ToString("N"),
            Status = ErasureStatus.Pending,
            EmailKey = ContactKeys.ForEmail(email),
            PhoneKey = ContactKeys.ForPhone(e164),
            RequestedAt = now,
            RequestedBy = requestedBy,
            Operator = operatorName,
        };
        await requests.AddAsync(request, cancellationToken).ConfigureAwait(false);
        await suppressions.AddAsync(email, e164, request.Id, now, cancellationToken).ConfigureAwait(false);
        await log.AppendAsync(new PrivacyLogEntry(now, PrivacyAction.ErasureRequested, requestedBy, operatorName, 0, request.Id), cancellationToken).ConfigureAwait(false);
        var codec = new QueueMessageCodec(queueOptions.Value.Base64);
        await storage.Queue(QueueNames.PrivacyErasure).SendMessageAsync(codec.Encode(MessageOf(request.Id)), cancellationToken).ConfigureAwait(false);
        LogAccepted(logger, request.Id, request.Keys.Count);
        return request;
    }

    public Task<(ErasureRequest Request, ETag ETag)?> FindAsync(string id, CancellationToken cancellationToken) => requests.FindAsync(id, cancellationToken);

    /// <summary>Carries the request out to the end, from wherever it stands. Idempotent: a done request is left as it is.</summary>
    public async Task ProcessAsync(string id, CancellationToken cancellationToken)
    {
        var found = await requests.FindAsync(id, cancellationToken).ConfigureAwait(false);
        if (found is null)
        {
            LogUnknown(logger, id);
            return;
        }
        var (request, etag) = found.Value;
        while (request.Status == ErasureStatus.Pending)
        {
            ErasureRequest next;
            if (request.InFlight.Count > 0)
            {
                foreach (var leadId in request.InFlight.Select(LeadId.Parse))
                {
                    await purge.PurgeAsync(leadId, PurgeReason.Erasure, cancellationToken).ConfigureAwait(false);
                    await _contacts.ForgetAsync(leadId, request.Keys, cancellationToken).ConfigureAwait(false);
                    observer?.LeadErased(id, leadId);
                }
                next = request with { LeadsErased = request.LeadsErased + request.InFlight.Count, InFlight = [] };
            }
            else if (request.KeyIndex >= request.Keys.Count)
            {
                next = request with { Status = ErasureStatus.Done, CompletedAt = time.GetUtcNow(), EmailKey = null, PhoneKey = null, Cursor = null, KeyIndex = 0 };
            }
            else
            {
                var page = await _contacts.PageAsync(request.Keys[request.KeyIndex], request.Cursor, PageSize, cancellationToken).ConfigureAwait(false);
                if (page.Count == 0)
                {
                    next = request with { KeyIndex = request.KeyIndex + 1, Cursor = null };
                }
                else
                {
                    var matched = new List<string>();
                    foreach (var leadId in page)
                    {
                        if (await store.FindAsync(leadId, cancellationToken).ConfigureAwait(false) is { } stored
                            && ErasureMatch.Matches(stored.Lead, request.EmailKey, request.PhoneKey))
                        {
                            matched.Add(leadId.Value);
                        }
                    }
                    next = request with { Cursor = page[^1].Value, InFlight = matched };
                }
            }
            etag = await requests.SaveAsync(next, etag, cancellationToken).ConfigureAwait(false);
            request = next;
        }
        if (!request.Logged)
        {
            // At least once: a crash between these two writes logs the completion twice, never zero times.
            await log.AppendAsync(new PrivacyLogEntry(request.CompletedAt ?? time.GetUtcNow(), PrivacyAction.ErasureCompleted, request.RequestedBy, request.Operator,
                request.LeadsErased, request.Id), cancellationToken).ConfigureAwait(false);
            await requests.SaveAsync(request with { Logged = true }, etag, cancellationToken).ConfigureAwait(false);
            LogDone(logger, request.Id, request.LeadsErased);
        }
    }

    internal static string MessageOf(string requestId) => JsonSerializer.Serialize(new { requestId, v = 1 });

    internal static string? RequestIdOf(string message)
    {
        try
        {
            using var document = JsonDocument.Parse(message);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("requestId", out var id) && id.ValueKind == JsonValueKind.String
                ? id.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [LoggerMessage(EventId = 9402, Level = LogLevel.Information, Message = "Erasure request {RequestId} accepted ({KeyCount} contact keys)")]
    private static partial void LogAccepted(ILogger logger, string requestId, int keyCount);

    [LoggerMessage(EventId = 9403, Level = LogLevel.Information, Message = "Erasure request {RequestId} done: {LeadsErased} leads erased")]
    private static partial void LogDone(ILogger logger, string requestId, int leadsErased);

    [LoggerMessage(EventId = 9404, Level = LogLevel.Warning, Message = "Erasure request {RequestId} not found; message completed without work")]
    private static partial void LogUnknown(ILogger logger, string requestId);
}
