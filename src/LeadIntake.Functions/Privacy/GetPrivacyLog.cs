using System.Globalization;
using LeadIntake.Core.Privacy;
using LeadIntake.Functions.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LeadIntake.Functions.Privacy;

/// <summary>
/// <c>GET /api/privacy/log?from=&amp;to=</c> (admin): the proof log between two instants (<c>YYYY-MM-DD</c> in UTC or
/// ISO 8601 with an offset; default the last 30 days; at most 366 days), oldest first. 400 names the bad parameter.
/// </summary>
internal sealed class GetPrivacyLog(IPrivacyLog log, TimeProvider time)
{
    private static readonly TimeSpan MaxRange = TimeSpan.FromDays(366);

    [Function(nameof(GetPrivacyLog))]
    public Task<Results<Ok<PrivacyLogPage>, ProblemHttpResult>> RunAsync(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = "privacy/log")] HttpRequest request, CancellationToken cancellationToken) =>
        HandleAsync(request.Query["from"].FirstOrDefault(), request.Query["to"].FirstOrDefault(), cancellationToken);

    internal sealed record PrivacyLogLine(DateTimeOffset At, string Action, string RequestedBy, string Operator, int Records, string? RequestId, string? Detail);

    internal sealed record PrivacyLogPage(IReadOnlyList<PrivacyLogLine> Entries);

    private async Task<Results<Ok<PrivacyLogPage>, ProblemHttpResult>> HandleAsync(string? fromText, string? toText, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (!TryInstant(toText, endOfDay: true, out var to)) return Bad("to");
        to ??= now;
        if (!TryInstant(fromText, endOfDay: false, out var from)) return Bad("from");
        from ??= to.Value - TimeSpan.FromDays(30);
        if (from > to) return Problems.Field(StatusCodes.Status400BadRequest, "The query is invalid.", "from", "from must not be after to.");
        if (to - from > MaxRange) return Problems.Field(StatusCodes.Status400BadRequest, "The query is invalid.", "to", "At most 366 days at a time.");
        var lines = new List<PrivacyLogLine>();
        await foreach (var e in log.ReadAsync(from.Value, to.Value, cancellationToken))
        {
            lines.Add(new PrivacyLogLine(e.At, e.Action.ToString(), e.RequestedBy, e.Operator, e.Records, e.RequestId, e.Detail));
        }
        return TypedResults.Ok(new PrivacyLogPage(lines));
    }

    private static ProblemHttpResult Bad(string field) =>
        Problems.Field(StatusCodes.Status400BadRequest, "The query is invalid.", field, "Use YYYY-MM-DD (UTC) or ISO 8601 with an offset.");

    private static bool TryInstant(string? text, bool endOfDay, out DateTimeOffset? instant)
    {
        instant = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            instant = endOfDay ? start.AddDays(1).AddTicks(-1) : start;
            return true;
        }
        if (text.Contains('T', StringComparison.Ordinal) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var exact)
            && (text.EndsWith('Z') || text.Contains('+', StringComparison.Ordinal) || text.LastIndexOf('-') > text.IndexOf('T', StringComparison.Ordinal)))
        {
            instant = exact;
            return true;
        }
        return false;
    }
}
