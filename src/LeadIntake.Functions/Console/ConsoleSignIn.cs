using LeadIntake.Core.Localization;
using LeadIntake.Functions.Hosting;

namespace LeadIntake.Functions.Console;

/// <summary>
/// <c>GET/POST /api/console/sign-in</c>: with <c>Console:Auth=AdminKey</c>, a page that takes the admin key and sets
/// the sign-in cookie, then goes back to the page asked for (local cockpit paths only: no open redirect). With
/// <c>EasyAuth</c>, a link to App Service's Entra ID sign-in.
/// </summary>
internal sealed class ConsoleSignIn(IOptionsMonitor<ConsoleOptions> options, IOptionsMonitor<AuthOptions> keys)
{
    [Function("ConsoleSignIn")]
    public Task<Results<ConsolePage, RedirectHttpResult, ProblemHttpResult>> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "console/sign-in")] HttpRequest request, CancellationToken cancellationToken) =>
        HandleAsync(request.HttpContext, options, keys);

    private static async Task<Results<ConsolePage, RedirectHttpResult, ProblemHttpResult>> HandleAsync(HttpContext http, IOptionsMonitor<ConsoleOptions> options, IOptionsMonitor<AuthOptions> keys)
    {
        var t = ConsoleLanguage.Resolve(http);
        var returnUrl = SafeReturn(http.Request.Query["returnUrl"].FirstOrDefault());
        if (options.CurrentValue.Auth == ConsoleAuthMode.EasyAuth)
        {
            if (ConsoleAccess.UserOf(http) is not null) return TypedResults.Redirect(returnUrl);
            var login = $"/.auth/login/aad?post_login_redirect_uri={Uri.EscapeDataString(returnUrl)}";
            return ConsoleLayout.Page(http, t, null, ConsoleNav.None, t["SignIn_Title"],
                $"<section><p>{ConsoleLayout.E(t["SignIn_EasyAuth"])}</p><p><a class=\"button\" id=\"easyauth\" href=\"{ConsoleLayout.E(login)}\">{ConsoleLayout.E(t["SignIn_EasyAuthButton"])}</a></p></section>");
        }
        if (HttpMethods.IsGet(http.Request.Method)) return Form(http, t, returnUrl, error: false);

        if (await ConsoleAccess.CheckFormAsync(http) is { } refused) return refused;
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        returnUrl = SafeReturn(form["returnUrl"].FirstOrDefault());
        var key = form["key"].FirstOrDefault() ?? "";
        if (!ConsoleAccess.IsAdminKey(key, keys.CurrentValue.AdminKey)) return Form(http, t, returnUrl, error: true);
        await ConsoleAccess.SignInAdminAsync(http);
        return TypedResults.Redirect(returnUrl);
    }

    private static ConsolePage Form(HttpContext http, ConsoleTexts t, string returnUrl, bool error) =>
        ConsoleLayout.Page(http, t, null, ConsoleNav.None, t["SignIn_Title"],
            "<section>" +
            (error ? $"<p class=\"err\" id=\"sign-in-error\" role=\"alert\">{ConsoleLayout.E(t["SignIn_Wrong"])}</p>" : "") +
            $"<form method=\"post\" action=\"{ConsoleAccess.SignInPath}\">{ConsoleAccess.TokenInput(http)}" +
            $"<input type=\"hidden\" name=\"returnUrl\" value=\"{ConsoleLayout.E(returnUrl)}\">" +
            $"<label for=\"key\">{ConsoleLayout.E(t["SignIn_Key"])}</label><input id=\"key\" name=\"key\" type=\"password\" autocomplete=\"current-password\" required>" +
            $"<p class=\"muted\">{ConsoleLayout.E(t["SignIn_Help"])}</p>" +
            $"<button class=\"primary\" id=\"sign-in\" type=\"submit\">{ConsoleLayout.E(t["SignIn_Button"])}</button></form></section>",
            error ? StatusCodes.Status401Unauthorized : StatusCodes.Status200OK);

    /// <summary>Only a path inside the cockpit (or the lead API it links to); anything else goes to Today.</summary>
    internal static string SafeReturn(string? url) =>
        url is { Length: > 0 and < 2000 } u && u.StartsWith("/api/", StringComparison.Ordinal) && !u.StartsWith("//", StringComparison.Ordinal)
            && !u.Contains('\\', StringComparison.Ordinal) && !u.StartsWith(ConsoleAccess.SignInPath, StringComparison.Ordinal)
            ? u
            : "/api/console";
}
