using Microsoft.AspNetCore.Diagnostics;

namespace LeadIntake.Functions.Hosting;

/// <summary>
/// The last line of defence: a malformed request that ASP.NET Core itself rejects (bad framing, body over Kestrel's
/// limit) is a problem+json 4xx with its own status, never a 500.
/// </summary>
public sealed class ProblemExceptionHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad) return false;
        var result = bad.StatusCode == StatusCodes.Status413PayloadTooLarge
            ? Problems.Field(bad.StatusCode, "The request body is too large.", "body", bad.Message)
            : Problems.Field(bad.StatusCode, "The request can't be read.", "request", bad.Message);
        await result.ExecuteAsync(httpContext);
        return true;
    }
}
