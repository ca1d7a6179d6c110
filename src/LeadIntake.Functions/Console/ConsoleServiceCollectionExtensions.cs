using LeadIntake.Functions.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace LeadIntake.Functions.Console;

/// <summary>
/// The cockpit's services: its options, sign-in (the admin-key cookie or App Service Authentication, whichever
/// <c>Console:Auth</c> names is the default scheme, so <c>HttpContext.User</c> is set before any handler runs),
/// Data Protection with its key ring in storage (or a folder), antiforgery tokens, the lead queries and the actions.
/// </summary>
internal static class ConsoleServiceCollectionExtensions
{
    public const string ApplicationName = "LeadIntake";

    public static IServiceCollection AddConsole(this IServiceCollection services)
    {
        services.AddOptions<ConsoleOptions>().BindConfiguration(ConsoleOptions.SectionName).ValidateDataAnnotations()
            .Validate(o => TryZone(o.TimeZone), "Console:TimeZone must be a time zone id such as Europe/Paris.")
            .ValidateOnStart();
        // Decided when the options are first read, not here: settings added after this call (tests, hosts) still count.
        services.AddDataProtection().SetApplicationName(ApplicationName);
        services.AddSingleton<TableKeyRing>();
        services.AddOptions<KeyManagementOptions>().Configure<IOptions<ConsoleOptions>, IServiceProvider>((o, console, provider) =>
            o.XmlRepository = string.IsNullOrWhiteSpace(console.Value.KeysDirectory)
                ? provider.GetRequiredService<TableKeyRing>()
                : new FileSystemXmlRepository(new DirectoryInfo(console.Value.KeysDirectory), provider.GetRequiredService<ILoggerFactory>()));

        services.AddAuthentication()
            .AddCookie(ConsoleAccess.CookieScheme, o =>
            {
                o.Cookie.Name = "leadintake.console";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.Cookie.Path = "/api";
                o.SlidingExpiration = true;
                o.LoginPath = ConsoleAccess.SignInPath;
            })
            .AddScheme<AuthenticationSchemeOptions, EasyAuthHandler>(EasyAuthHandler.SchemeName, null);
        services.AddOptions<CookieAuthenticationOptions>(ConsoleAccess.CookieScheme)
            .Configure<IOptions<ConsoleOptions>>((o, console) => o.ExpireTimeSpan = console.Value.SessionLifetime);
        // The one scheme that sets HttpContext.User: App Service's header is read only in EasyAuth mode.
        services.AddOptions<AuthenticationOptions>().Configure<IOptions<ConsoleOptions>>((o, console) =>
            o.DefaultScheme = console.Value.Auth == ConsoleAuthMode.EasyAuth ? EasyAuthHandler.SchemeName : ConsoleAccess.CookieScheme);

        services.AddAntiforgery(o =>
        {
            o.FormFieldName = ConsoleAccess.CsrfField;
            o.HeaderName = null;
            o.Cookie.Name = "leadintake.csrf";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.Cookie.Path = "/api";
        });
        services.AddSingleton<TableLeadQueries>();
        services.AddScoped<ConsoleActions>();
        return services;
    }

    private static bool TryZone(string id)
    {
        try
        {
            TimeZoneInfo.FindSystemTimeZoneById(id);
            return true;
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return false;
        }
    }
}
