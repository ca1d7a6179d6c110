using LeadIntake.Functions.Hosting;
using LeadIntake.Functions.Qualification;

namespace LeadIntake.Functions.Screening;

/// <summary>
/// <c>GET/POST /api/mailbox/leads/{id}/{action}?t={token}</c>, anonymous: the links mailed to team mailboxes
/// (<c>release</c> and <c>confirm_spam</c> in the review digest, <c>return_to_sales</c> in routed-request mails). The
/// signed token is the capability. GET shows the page, POST acts. HTML, never problem+json.
/// </summary>
internal sealed class MailboxLeadAction(MailboxActionHandler handler)
{
    [Function("MailboxLeadAction")]
    public Task<RepPage> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "mailbox/leads/{id}/{action}")] HttpRequest request, string id, string action, CancellationToken cancellationToken) =>
        HandleAsync(id, action, request.HttpContext, handler, cancellationToken);

    private static async Task<RepPage> HandleAsync(string id, string action, HttpContext context, MailboxActionHandler handler, CancellationToken cancellationToken)
    {
        var request = context.Request;
        var post = HttpMethods.IsPost(request.Method);
        // The token travels in the query only (the confirmation form posts back to the same URL): the body is never read.
        string? token = request.Query["t"].ToString() is { Length: > 0 } t ? t : null;
        var page = await handler.HandleAsync(id, action, token, $"{request.PathBase}{request.Path}{request.QueryString}", post, cancellationToken);
        return page;
    }
}
