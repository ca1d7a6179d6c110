using LeadIntake.Core.Localization;
using LeadIntake.Functions.Hosting;
using LeadIntake.Functions.Intake.Forms;
using LeadIntake.Functions.Intake;

namespace LeadIntake.Functions.Qualification;

/// <summary>
/// <c>GET/POST /api/rep/leads/{id}/{action}?t={token}</c>, anonymous: the signed token is the capability (and the
/// POST's anti-forgery proof: a forger has no token). GET shows the page, POST acts. HTML, never problem+json.
/// </summary>
internal sealed class RepLeadAction(RepActionHandler handler)
{
    /// <summary>A rep page's form is a few short fields and two text areas of 2,000 characters: 64 KiB is plenty.</summary>
    public const int MaxFormBytes = 64 * 1024;

    [Function("RepLeadAction")]
    public Task<RepPage> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "rep/leads/{id}/{action}")] HttpRequest request, string id, string action, CancellationToken cancellationToken) =>
        HandleAsync(id, action, request.HttpContext, handler, cancellationToken);

    private static async Task<RepPage> HandleAsync(string id, string action, HttpContext context, RepActionHandler handler, CancellationToken cancellationToken)
    {
        var request = context.Request;
        var queryToken = request.Query["t"].ToString() is { Length: > 0 } t ? t : null;
        Dictionary<string, string>? form = null;
        if (HttpMethods.IsPost(request.Method))
        {
            // The link first: a post without a valid link never has its body parsed.
            if (queryToken is not null && await handler.RefusalAsync(id, action, queryToken, AcceptLanguage(request), cancellationToken) is { } refused)
            {
                return refused;
            }
            (form, var unreadable) = await ReadFormAsync(request, cancellationToken);
            if (unreadable is not null) return unreadable;
        }
        var token = queryToken ?? form?.GetValueOrDefault("t");
        var page = await handler.HandleAsync(id, action, token, $"{request.PathBase}{request.Path}{request.QueryString}", form, AcceptLanguage(request), cancellationToken);
        return page;
    }

    /// <summary>The posted fields, read with the form limits of every other endpoint (size, field count, multipart framing).</summary>
    internal static async Task<(Dictionary<string, string>? Form, RepPage? Unreadable)> ReadFormAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType) return ([], null);
        if (!(await WebhookRequest.ReadAsync(request, MaxFormBytes, cancellationToken)).TryValue(out var body, out var tooLarge))
        {
            return (null, RepPages.Unreadable(PageLanguage.FromAcceptLanguage(AcceptLanguage(request)), StatusOf(tooLarge)));
        }
        if (!(await FormFieldsReader.ReadAsync(request.ContentType, body, cancellationToken)).TryValue(out var fields, out var problem))
        {
            return (null, RepPages.Unreadable(PageLanguage.FromAcceptLanguage(AcceptLanguage(request)), StatusOf(problem)));
        }
        // A repeated name keeps all its values, comma-separated, as ASP.NET Core's form collection does.
        var form = fields.GroupBy(f => f.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => string.Join(',', g.Select(f => f.Value)), StringComparer.Ordinal);
        return (form, null);
    }

    private static string? AcceptLanguage(HttpRequest request) => request.Headers.AcceptLanguage.ToString() is { Length: > 0 } v ? v : null;

    private static int StatusOf(ProblemHttpResult problem) =>
        problem.StatusCode is >= 400 and < 500 ? problem.StatusCode : StatusCodes.Status400BadRequest;
}
