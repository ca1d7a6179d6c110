using LeadIntake.Core.Leads;

namespace LeadIntake.Functions.Intake;

/// <summary>The answers of every intake endpoint: 202 for a new lead, 200 with the same id for a repeated delivery.</summary>
internal static class IntakeResponses
{
    public static IResult Captured(CaptureResult result)
    {
        var body = new { id = result.Id.Value, status = WireNames.Of(result.Status), duplicate = result.Duplicate };
        var location = $"/api/leads/{result.Id.Value}";
        return result.Duplicate
            ? TypedResults.Json(body, statusCode: StatusCodes.Status200OK)
            : TypedResults.Accepted(location, body);
    }

    /// <summary>
    /// A form's answer: as <see cref="Captured(CaptureResult)"/>, plus the privacy notice the lead was recorded as given
    /// (<c>privacyNotice: {url, version}</c>) when one is configured, so the page can show the link it promised.
    /// </summary>
    public static IResult Captured(CaptureResult result, string? noticeUrl, string? noticeVersion)
    {
        if (noticeUrl is null) return Captured(result);
        var body = new { id = result.Id.Value, status = WireNames.Of(result.Status), duplicate = result.Duplicate, privacyNotice = new { url = noticeUrl, version = noticeVersion } };
        return result.Duplicate
            ? TypedResults.Json(body, statusCode: StatusCodes.Status200OK)
            : TypedResults.Accepted($"/api/leads/{result.Id.Value}", body);
    }

    /// <summary>A later event of a lead already captured (a call's status callback): 200, same id, not a duplicate.</summary>
    public static IResult Updated(CaptureResult result) =>
        TypedResults.Json(new { id = result.Id.Value, status = WireNames.Of(result.Status), duplicate = result.Duplicate, updated = true });

    /// <summary>Not a lead (an outbound call, another event type): 200 so the provider stops retrying.</summary>
    public static IResult Ignored(string reason) => TypedResults.Json(new { ignored = true, reason });

    /// <summary>Several leads in one delivery (Event Grid batch, Meta notification).</summary>
    public static IResult Batch(IReadOnlyList<CaptureResult> results, int ignored) =>
        TypedResults.Json(new
        {
            leads = results.Select(r => new { id = r.Id.Value, status = WireNames.Of(r.Status), duplicate = r.Duplicate }).ToArray(),
            ignored,
        });
}
