using LeadIntake.Functions.Hosting;
using LeadIntake.Functions.Qualification;

namespace LeadIntake.Functions.Dispatch;

/// <summary>
/// <c>GET/POST /api/manager/leads/{id}/{action}?t={token}</c>, anonymous: the team manager's answer to a reassignment
/// or escalation notice (<c>manager_reassign</c>: a form to pick the rep; <c>manager_take</c>: a confirmation). The
/// signed one-time token is the capability and the POST's anti-forgery proof. GET shows, POST acts. HTML only.
/// </summary>
internal sealed class ManagerLeadAction(ManagerActionHandler handler)
{
    [Function("ManagerLeadAction")]
    public Task<RepPage> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "manager/leads/{id}/{action}")] HttpRequest request, string id, string action, CancellationToken cancellationToken) =>
        HandleAsync(id, action, request.HttpContext, handler, cancellationToken);

    private static async Task<RepPage> HandleAsync(string id, string action, HttpContext context, ManagerActionHandler handler, CancellationToken cancellationToken)
    {
        var request = context.Request;
        var acceptLanguage = request.Headers.AcceptLanguage.ToString() is { Length: > 0 } l ? l : null;
        string? chosenRep = null;
        bool post = HttpMethods.IsPost(request.Method);
        // The link first: a post without a valid link never has its body parsed.
        if (post && await handler.RefusalAsync(id, action, request.Query["t"].ToString(), acceptLanguage, cancellationToken) is { } refused) return refused;
        if (post)
        {
            // The rep pages' form reader: the same size, field-count and framing limits.
            var (form, unreadable) = await RepLeadAction.ReadFormAsync(request, cancellationToken);
            if (unreadable is not null) return unreadable;
            chosenRep = form!.GetValueOrDefault("rep");
        }
        var page = await handler.HandleAsync(id, action, request.Query["t"].ToString(), $"{request.PathBase}{request.Path}{request.QueryString}", post, chosenRep, acceptLanguage, cancellationToken);
        return page;
    }
}
