using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;

namespace LeadIntake.Functions.Console;

/// <summary>
/// Reads who App Service Authentication signed in from <c>X-MS-CLIENT-PRINCIPAL</c>: base64 of
/// <c>{"auth_typ","name_typ","role_typ","claims":[{"typ","val"}]}</c>. App Service removes any such header a client
/// sends and sets its own, so the header is trusted only when <c>Console:Auth=EasyAuth</c> says the app runs behind it
/// (https://learn.microsoft.com/azure/app-service/configure-authentication-user-identities).
/// </summary>
internal sealed class EasyAuthHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "EasyAuth";
    public const string PrincipalHeader = "X-MS-CLIENT-PRINCIPAL";
    public const string PrincipalNameHeader = "X-MS-CLIENT-PRINCIPAL-NAME";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers[PrincipalHeader].FirstOrDefault();
        if (string.IsNullOrEmpty(header)) return Task.FromResult(AuthenticateResult.NoResult());
        var principal = Parse(header, Request.Headers[PrincipalNameHeader].FirstOrDefault());
        return Task.FromResult(principal is null
            ? AuthenticateResult.Fail("X-MS-CLIENT-PRINCIPAL can't be read.")
            : AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }

    /// <summary>The principal in the header, or null when it is not base64 JSON of the documented shape.</summary>
    public static ClaimsPrincipal? Parse(string header, string? nameHeader)
    {
        try
        {
            using var document = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(header)));
            var root = document.RootElement;
            string nameType = Text(root, "name_typ") ?? ClaimTypes.Name;
            string roleType = Text(root, "role_typ") ?? ClaimTypes.Role;
            var claims = new List<Claim>();
            if (root.TryGetProperty("claims", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var claim in list.EnumerateArray())
                {
                    if (Text(claim, "typ") is { } type && Text(claim, "val") is { } value) claims.Add(new Claim(type, value));
                }
            }
            var identity = new ClaimsIdentity(claims, Text(root, "auth_typ") ?? SchemeName, nameType, roleType);
            if (identity.Name is null)
            {
                var name = claims.FirstOrDefault(c => c.Type is "preferred_username" or "email" or "name" or ClaimTypes.Email)?.Value ?? nameHeader;
                if (string.IsNullOrWhiteSpace(name)) return null;
                identity.AddClaim(new Claim(nameType, name));
            }
            return new ClaimsPrincipal(identity);
        }
        catch (Exception e) when (e is FormatException or JsonException or ArgumentException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
