using System.Security.Cryptography;
using System.Text;

namespace LeadIntake.Functions.Hosting;

/// <summary>
/// Enforces a function's <c>authLevel</c> in standalone mode: the key comes in the <c>x-functions-key</c> header
/// or the <c>code</c> query parameter, as with the Functions host (docs/functions-host.md). Compared in constant time.
/// In Functions mode the host has already checked the key before forwarding, so this filter is not added.
/// </summary>
internal sealed class FunctionKeyFilter(AuthLevel level, IOptionsMonitor<AuthOptions> options) : IEndpointFilter
{
    public const string HeaderName = "x-functions-key";
    public const string QueryName = "code";

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (level == AuthLevel.Anonymous) return next(context);
        var request = context.HttpContext.Request;
        string? key = request.Headers[HeaderName].FirstOrDefault() ?? request.Query[QueryName].FirstOrDefault();
        var keys = options.CurrentValue;
        bool allowed = level switch
        {
            AuthLevel.Admin => Matches(key, keys.AdminKey),
            _ => Matches(key, keys.FunctionKey) || Matches(key, keys.AdminKey),
        };
        if (allowed) return next(context);
        var message = key is null
            ? $"A {(level == AuthLevel.Admin ? "admin" : "function")} key is required in the {HeaderName} header or the '{QueryName}' query parameter."
            : $"The key in {HeaderName}/{QueryName} is not valid for this {(level == AuthLevel.Admin ? "admin" : "function")} endpoint.";
        return ValueTask.FromResult<object?>(Problems.Field(StatusCodes.Status401Unauthorized, "Unauthorized.", HeaderName, message));
    }

    private static bool Matches(string? given, string? expected) =>
        given is not null && !string.IsNullOrEmpty(expected) &&
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));
}
