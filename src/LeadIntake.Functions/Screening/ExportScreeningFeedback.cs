using System.Globalization;
using System.Text;
using LeadIntake.Core.Screening.Feedback;
using LeadIntake.Functions.Hosting;

namespace LeadIntake.Functions.Screening;

/// <summary>
/// <c>GET /api/screening/feedback?from=YYYY-MM&amp;to=YYYY-MM</c> (admin): this installation's feedback examples
/// recorded in those months (UTC), as JSON Lines in the labeled corpus format, one line per lead (its last correction),
/// for <c>train --with-feedback FILE</c>. <c>to</c> defaults to <c>from</c>; at most 36 months at once.
/// </summary>
internal sealed class ExportScreeningFeedback(IScreeningFeedback feedback)
{
    public const int MaxMonths = 36;

    [Function("ExportScreeningFeedback")]
    public Results<PushStreamHttpResult, ProblemHttpResult> Run(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = "screening/feedback")] HttpRequest request) =>
        Handle(request, feedback);

    private static Results<PushStreamHttpResult, ProblemHttpResult> Handle(HttpRequest request, IScreeningFeedback feedback)
    {
        var fromText = request.Query["from"].ToString();
        var toText = request.Query["to"].ToString();
        if (!TryMonth(fromText, out var from)) return Problems.Field(StatusCodes.Status400BadRequest, "Invalid month.", "from", "'from' is required: a month as YYYY-MM, such as 2026-11.");
        var to = from;
        if (toText.Length > 0 && !TryMonth(toText, out to)) return Problems.Field(StatusCodes.Status400BadRequest, "Invalid month.", "to", "'to' must be a month as YYYY-MM, such as 2026-12.");
        if (to < from) return Problems.Field(StatusCodes.Status400BadRequest, "Invalid range.", "to", "'to' must not be before 'from'.");
        if ((to.Year - from.Year) * 12 + to.Month - from.Month >= MaxMonths) return Problems.Field(StatusCodes.Status400BadRequest, "Range too long.", "to", $"At most {MaxMonths} months at once.");

        var fileName = $"screening-feedback-{from:yyyy-MM}-{to:yyyy-MM}.jsonl";
        return TypedResults.Stream(async body =>
        {
            var cancellationToken = request.HttpContext.RequestAborted;
            await foreach (var example in feedback.ListAsync(from, to, cancellationToken))
            {
                await body.WriteAsync(Encoding.UTF8.GetBytes(FeedbackCorpusLine.Write(example) + "\n"), cancellationToken);
            }
        }, "application/jsonl; charset=utf-8", fileName);
    }

    private static bool TryMonth(string text, out DateOnly month) =>
        DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out month);
}
