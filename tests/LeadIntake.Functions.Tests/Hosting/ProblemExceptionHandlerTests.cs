using System.Text.Json;
using LeadIntake.Core.Leads;
using LeadIntake.Functions.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace LeadIntake.Functions.Tests.Hosting;

/// <summary>The exceptions that reach the edge as a retryable 503 with Retry-After, and the ones that stay unhandled (a 500).</summary>
public sealed class ProblemExceptionHandlerTests
{
    private static async Task<(bool Handled, HttpContext Context, JsonElement? Body)> HandleAsync(Exception exception)
    {
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        context.Response.Body = new MemoryStream();
        var handler = new ProblemExceptionHandler(TimeProvider.System, NullLogger<ProblemExceptionHandler>.Instance);
        bool handled = await handler.TryHandleAsync(context, exception, CancellationToken.None);
        context.Response.Body.Position = 0;
        JsonElement? body = context.Response.Body.Length > 0 ? JsonDocument.Parse(context.Response.Body).RootElement.Clone() : null;
        return (handled, context, body);
    }

    [Fact]
    public async Task A_lead_changed_under_two_decisions_in_a_row_is_a_503_with_retry_after_naming_the_lead()
    {
        var (handled, context, body) = await HandleAsync(new LeadChangedConcurrentlyException(LeadId.New(DateTimeOffset.UnixEpoch.AddYears(56))));

        Assert.True(handled);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
        Assert.InRange(int.Parse(context.Response.Headers.RetryAfter.ToString(), System.Globalization.CultureInfo.InvariantCulture), 1, 10);
        Assert.Equal("lead", body!.Value.GetProperty("errors")[0].GetProperty("field").GetString());
    }

    [Fact]
    public async Task An_unknown_exception_is_left_to_the_default_handler()
    {
        var (handled, _, _) = await HandleAsync(new InvalidOperationException("bug"));

        Assert.False(handled);
    }
}
