using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using LeadIntake.Functions.Hosting;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;

namespace LeadIntake.Functions.Console;

/// <summary>
/// Who may see the cockpit and its JSON, checked in each handler (so the same rule holds standalone and behind the
/// Functions host, where these routes are anonymous at the host): pages need a signed-in user and send everyone else
/// to the sign-in page; the JSON endpoints accept the admin key as the admin endpoints do, or a signed-in user, and
/// answer 401 otherwise. Every form post must carry a valid antiforgery token (400 without one).
/// </summary>
internal static class ConsoleAccess
{
    public const string SignInPath = "/api/console/sign-in";
    public const string CookieScheme = "LeadIntakeConsole";
    public const string CsrfField = "csrf";

    /// <summary>The signed-in user, or null.</summary>
    public static ConsoleUser? UserOf(HttpContext http) =>
        http.User.Identity is { IsAuthenticated: true } identity ? new ConsoleUser(NameOf(http.User) ?? identity.Name ?? ConsoleUser.AdminName) : null;

    /// <summary>
    /// What a page answers someone who is not signed in (<see cref="UserOf"/> is null): the redirect to the sign-in
    /// page, back here afterwards.
    /// </summary>
    public static RedirectHttpResult ToSignIn(HttpContext http)
    {
        var back = http.Request.Path + http.Request.QueryString;
        return TypedResults.Redirect($"{SignInPath}?returnUrl={Uri.EscapeDataString(back)}");
    }

    /// <summary>
    /// Whether the caller of a JSON endpoint may call it: the admin key (header or <c>code</c>) or a signed-in user
    /// answer null; anyone else gets the 401 problem naming the key header.
    /// </summary>
    public static ProblemHttpResult? RefuseJson(HttpContext http)
    {
        var request = http.Request;
        string? key = request.Headers[FunctionKeyFilter.HeaderName].FirstOrDefault() ?? request.Query[FunctionKeyFilter.QueryName].FirstOrDefault();
        var adminKey = http.RequestServices.GetRequiredService<IOptionsMonitor<AuthOptions>>().CurrentValue.AdminKey;
        if (key is not null && IsAdminKey(key, adminKey)) return null;
        if (key is null && UserOf(http) is not null) return null;
        return Problems.Field(StatusCodes.Status401Unauthorized, "Unauthorized.", FunctionKeyFilter.HeaderName,
            key is null
                ? $"Send the admin key in the {FunctionKeyFilter.HeaderName} header, or sign in to the console first ({SignInPath})."
                : $"The key in {FunctionKeyFilter.HeaderName}/{FunctionKeyFilter.QueryName} is not the admin key.");
    }

    /// <summary>Checks the form's antiforgery token; the 400 problem names the field when it is missing or wrong.</summary>
    public static async Task<ProblemHttpResult?> CheckFormAsync(HttpContext http)
    {
        try
        {
            await http.RequestServices.GetRequiredService<IAntiforgery>().ValidateRequestAsync(http).ConfigureAwait(false);
            return null;
        }
        catch (AntiforgeryValidationException)
        {
            return Problems.Field(StatusCodes.Status400BadRequest, "The form's security token is missing or invalid.", CsrfField,
                "Open the page again and submit its form: a form is only accepted with the token the page gave it (CSRF protection).");
        }
    }

    /// <summary>The hidden input every console form carries.</summary>
    public static string TokenInput(HttpContext http)
    {
        var tokens = http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http);
        return $"<input type=\"hidden\" name=\"{CsrfField}\" value=\"{ConsoleLayout.E(tokens.RequestToken)}\">";
    }

    public static bool IsAdminKey(string given, string? expected) =>
        !string.IsNullOrEmpty(expected) && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));

    /// <summary>Signs the admin in with the protected cookie (HttpOnly, SameSite=Strict, Secure over HTTPS).</summary>
    public static Task SignInAdminAsync(HttpContext http)
    {
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, ConsoleUser.AdminName)], CookieScheme);
        return http.SignInAsync(CookieScheme, new ClaimsPrincipal(identity));
    }

    private static string? NameOf(ClaimsPrincipal principal) =>
        principal.Identity?.Name ?? principal.FindFirst("preferred_username")?.Value ?? principal.FindFirst(ClaimTypes.Email)?.Value;
}
