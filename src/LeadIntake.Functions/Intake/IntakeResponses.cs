using System.Text.Json.Serialization;
using LeadIntake.Core.Leads;

namespace LeadIntake.Functions.Intake;

/// <summary>The answers of every intake endpoint: 202 for a new lead, 200 with the same id for a repeated delivery.</summary>
internal static class IntakeResponses
{
    public static IntakeAnswer Captured(CaptureResult result) =>
        result.Duplicate ? Repeated(result) : Accepted(result);

    /// <summary>202 Accepted with <c>Location</c>: a new lead, stored and queued.</summary>
    public static Accepted<LeadAnswer> Accepted(CaptureResult result) =>
        TypedResults.Accepted($"/api/leads/{result.Id.Value}", LeadAnswer.From(result));

    /// <summary>200: a repeated delivery of a lead already stored, with its id.</summary>
    public static Ok<LeadAnswer> Repeated(CaptureResult result) => TypedResults.Ok(LeadAnswer.From(result));

    /// <summary>
    /// A form's answer body: as <see cref="Captured(CaptureResult)"/>, plus the privacy notice the lead was recorded as given
    /// (<c>privacyNotice: {url, version}</c>) when one is configured, so the page can show the link it promised.
    /// </summary>
    public static LeadAnswer WithNotice(CaptureResult result, string? noticeUrl, string? noticeVersion) =>
        LeadAnswer.From(result) with { PrivacyNotice = noticeUrl is null ? null : new NoticeAnswer(noticeUrl, noticeVersion) };

    /// <summary>A later event of a lead already captured (a call's status callback): 200, same id, not a duplicate.</summary>
    public static Ok<LeadAnswer> Updated(CaptureResult result) => TypedResults.Ok(LeadAnswer.From(result) with { Updated = true });

    /// <summary>Not a lead (an outbound call, another event type): 200 so the provider stops retrying.</summary>
    public static Ok<IgnoredAnswer> Ignored(string reason) => TypedResults.Ok(new IgnoredAnswer(true, reason));

    /// <summary>Several leads in one delivery (Event Grid batch, Meta notification).</summary>
    public static Ok<BatchAnswer> Batch(IReadOnlyList<CaptureResult> results, int ignored) =>
        TypedResults.Ok(new BatchAnswer([.. results.Select(LeadAnswer.From)], ignored));
}

/// <summary><c>{id, status, duplicate}</c>, plus <c>updated: true</c> for a later event of a call.</summary>
internal sealed record LeadAnswer(string Id, string Status, bool Duplicate)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Updated { get; init; }

    /// <summary>The privacy notice the lead was recorded as given (forms, when <c>Privacy__NoticeUrl</c> is set).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public NoticeAnswer? PrivacyNotice { get; init; }

    public static LeadAnswer From(CaptureResult result) => new(result.Id.Value, WireNames.Of(result.Status), result.Duplicate);
}

/// <summary><c>{ignored: true, reason}</c>.</summary>
internal sealed record IgnoredAnswer(bool Ignored, string Reason);

/// <summary><c>{leads: [{id, status, duplicate}], ignored}</c>.</summary>
internal sealed record BatchAnswer(IReadOnlyList<LeadAnswer> Leads, int Ignored);

/// <summary><c>{url, version}</c> of the privacy notice a form lead was given.</summary>
internal sealed record NoticeAnswer(string Url, string? Version);
