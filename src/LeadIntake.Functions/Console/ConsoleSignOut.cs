using LeadIntake.Functions.Hosting;
using Microsoft.AspNetCore.Authentication;

namespace LeadIntake.Functions.Console;

/// <summary>
/// <c>POST /api/console/sign-out</c> (form with its token): removes the sign-in cookie and shows the sign-in page;
/// behind App Service Authentication, hands over to its <c>/.auth/logout</c>.
/// </summary>
internal sealed class ConsoleSignOut(IOptionsMonitor<ConsoleOptions> options)
{
    [Function("ConsoleSignOut")]
    public Task<Results<RedirectHttpResult, ProblemHttpResult>> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "console/sign-out")] HttpRequest request, CancellationToken cancellationToken) =>
        HandleAsync(request.HttpContext, options);

    private static async Task<Results<RedirectHttpResult, ProblemHttpResult>> HandleAsync(HttpContext http, IOptionsMonitor<ConsoleOptions> options)
    {
        if (await ConsoleAccess.CheckFormAsync(http) is { } refused) return refused;
        if (options.CurrentValue.Auth == ConsoleAuthMode.EasyAuth) return TypedResults.Redirect("/.auth/logout?post_logout_redirect_uri=/api/console");
        await http.SignOutAsync(ConsoleAccess.CookieScheme);
        return TypedResults.Redirect(ConsoleAccess.SignInPath);
    }
}
