using System.Net;
using System.Text.Json;
using Azure;
using LeadIntake.Functions.Console;
using LeadIntake.Functions.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LeadIntake.Functions.Tests.Hosting;

/// <summary>
/// The HTTP pipeline in Functions mode, without a Functions host: the worker is built exactly as the host would start
/// it (<see cref="LeadIntakeApp.BuildFunctionsWorker"/>, never started, since starting needs the host's gRPC endpoint),
/// and its registered <see cref="FunctionsHttpMiddleware"/> is called as the worker calls it: with the invocation's
/// context holding the <see cref="HttpContext"/> that the ASP.NET Core integration paired with it.
/// </summary>
public sealed class FunctionsModePipelineTests : IDisposable
{
    // Where the worker's ASP.NET Core integration puts the request for FunctionContext.GetHttpContext().
    private const string HttpContextKey = "HttpRequestContext";
    private const string FormPath = "/api/intake/form";

    private readonly DirectoryInfo _keys = Directory.CreateTempSubdirectory("leadintake-keys-");
    private readonly List<IHost> _workers = [];

    public void Dispose()
    {
        foreach (var worker in _workers) worker.Dispose();
        _keys.Delete(recursive: true);
    }

    [Fact]
    public void The_worker_runs_the_pipeline_middleware_and_caps_request_bodies_at_4_MB()
    {
        var worker = Worker();

        Assert.NotNull(worker.Services.GetService<FunctionsHttpMiddleware>());
        Assert.Equal(4 * 1024 * 1024, worker.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits.MaxRequestBodySize);
    }

    [Fact]
    public async Task Functions_mode_answers_429_with_Retry_After_once_a_client_has_used_its_form_posts()
    {
        var worker = Worker("--Forms:RateLimitPerMinute=2");

        var answers = new List<Answer>();
        for (int i = 0; i < 3; i++) answers.Add(await InvokeAsync(worker, Request("POST", FormPath, forwardedFor: "203.0.113.9")));

        Assert.All(answers.Take(2), a => Assert.True(a.FunctionRan));
        var refused = answers[2];
        Assert.False(refused.FunctionRan);
        Assert.Equal(StatusCodes.Status429TooManyRequests, refused.Status);
        Assert.True(int.Parse(refused.Headers.RetryAfter.ToString(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
        Assert.Equal("client", refused.Body!.Value.GetProperty("errors")[0].GetProperty("field").GetString());
        Assert.Equal("nosniff", refused.Headers.XContentTypeOptions.ToString());
    }

    [Fact]
    public async Task Functions_mode_gives_each_forwarded_client_its_own_form_budget()
    {
        var worker = Worker("--Forms:RateLimitPerMinute=1");

        var first = await InvokeAsync(worker, Request("POST", FormPath, forwardedFor: "203.0.113.9"));
        var other = await InvokeAsync(worker, Request("POST", FormPath, forwardedFor: "198.51.100.20"));
        var again = await InvokeAsync(worker, Request("POST", FormPath, forwardedFor: "203.0.113.9"));

        Assert.Equal(IPAddress.Parse("203.0.113.9"), first.Client);
        Assert.True(other.FunctionRan);
        Assert.Equal(IPAddress.Parse("198.51.100.20"), other.Client);
        Assert.Equal(StatusCodes.Status429TooManyRequests, again.Status);
    }

    [Fact]
    public async Task Functions_mode_reads_the_client_once_although_the_worker_runs_its_own_forwarded_headers_pass()
    {
        // One trusted hop at most: the host's loopback hop is read, and the address it names (10.0.0.5, in a trusted
        // network) is the client. A second pass with the same trust would read one more hop, into what the client wrote.
        var worker = Worker("--Network:TrustedNetworks=10.0.0.0/8", "--Network:ForwardLimit=1");
        var request = Request("POST", "/api/console/leads", forwardedFor: "192.0.2.66, 10.0.0.5");

        // The worker's ASP.NET Core integration runs UseForwardedHeaders() with the default options before the invocation.
        var workerPass = new ForwardedHeadersMiddleware(_ => Task.CompletedTask, NullLoggerFactory.Instance, worker.Services.GetRequiredService<IOptions<ForwardedHeadersOptions>>());
        await workerPass.Invoke(request);
        var answer = await InvokeAsync(worker, request);

        Assert.Equal(IPAddress.Parse("10.0.0.5"), answer.Client);
    }

    [Fact]
    public async Task Functions_mode_signs_the_console_user_in_from_the_session_cookie()
    {
        var worker = Worker();
        string cookie = await SignInCookieAsync(worker);

        var signedIn = Request("GET", "/api/console");
        signedIn.Request.Headers.Cookie = cookie;
        ConsoleUser? user = null;
        await InvokeAsync(worker, signedIn, functionAsync: http =>
        {
            user = ConsoleAccess.UserOf(http);
            return Task.CompletedTask;
        });
        ConsoleUser? anonymous = new(ConsoleUser.AdminName);
        await InvokeAsync(worker, Request("GET", "/api/console"), functionAsync: http =>
        {
            anonymous = ConsoleAccess.UserOf(http);
            return Task.CompletedTask;
        });

        Assert.Equal(ConsoleUser.AdminName, user?.Name);
        Assert.Null(anonymous);
    }

    [Fact]
    public async Task Functions_mode_ends_an_intake_request_that_outlives_the_storage_deadline_with_a_503()
    {
        var worker = Worker("--Intake:StorageDeadline=00:00:01");
        var request = Request("POST", "/api/intake/email/generic");
        request.Request.ContentLength = 0;

        var answer = await InvokeAsync(worker, request, functionAsync: http => Task.Delay(TimeSpan.FromSeconds(30), http.RequestAborted));

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, answer.Status);
        Assert.False(string.IsNullOrEmpty(answer.Headers.RetryAfter.ToString()));
        Assert.StartsWith("application/problem+json", answer.Headers.ContentType.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Functions_mode_hands_the_invocation_s_cancellation_to_the_request()
    {
        var worker = Worker();
        using var invocation = new CancellationTokenSource();
        await invocation.CancelAsync();

        bool cancelled = false;
        await InvokeAsync(worker, Request("GET", "/api/console"), invocation.Token, http =>
        {
            cancelled = http.RequestAborted.IsCancellationRequested;
            return Task.CompletedTask;
        });

        Assert.True(cancelled);
    }

    [Fact]
    public async Task Functions_mode_answers_a_storage_outage_with_a_503_problem_and_nosniff()
    {
        var worker = Worker();

        var answer = await InvokeAsync(worker, Request("GET", "/api/leads/x"), functionAsync: _ => throw new RequestFailedException(503, "Server busy."));

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, answer.Status);
        Assert.False(string.IsNullOrEmpty(answer.Headers.RetryAfter.ToString()));
        Assert.Equal("nosniff", answer.Headers.XContentTypeOptions.ToString());
    }

    [Fact]
    public async Task A_queue_invocation_passes_through_and_keeps_its_exception_for_the_host()
    {
        var worker = Worker();
        await using var scope = worker.Services.CreateAsyncScope();
        var context = new StandInFunctionContext(scope.ServiceProvider, CancellationToken.None);

        var thrown = await Assert.ThrowsAsync<RequestFailedException>(() =>
            worker.Services.GetRequiredService<FunctionsHttpMiddleware>().Invoke(context, _ => throw new RequestFailedException(503, "Server busy.")));

        Assert.Equal(503, thrown.Status);
    }

    private IHost Worker(params string[] settings)
    {
        var worker = LeadIntakeApp.BuildFunctionsWorker(["--functions-uri", "http://127.0.0.1:1/", $"--Console:KeysDirectory={_keys.FullName}", .. settings]);
        _workers.Add(worker);
        return worker;
    }

    private static HttpContext Request(string method, string path, string? forwardedFor = null)
    {
        var http = new DefaultHttpContext();
        http.Features.Set<IHttpResponseFeature>(new StartingResponseFeature());
        http.Response.Body = new MemoryStream();
        http.Request.Method = method;
        http.Request.Scheme = "http";
        http.Request.Host = new HostString("127.0.0.1", 7071);
        http.Request.Path = path;
        // Every request reaches the worker from the Functions host, on loopback.
        http.Connection.RemoteIpAddress = IPAddress.Loopback;
        if (forwardedFor is not null) http.Request.Headers["X-Forwarded-For"] = forwardedFor;
        return http;
    }

    private static async Task<string> SignInCookieAsync(IHost worker)
    {
        await using var scope = worker.Services.CreateAsyncScope();
        var http = Request("POST", ConsoleAccess.SignInPath);
        http.RequestServices = scope.ServiceProvider;
        await ConsoleAccess.SignInAdminAsync(http);
        var setCookie = http.Response.Headers.SetCookie.Single(c => c!.StartsWith("leadintake.console=", StringComparison.Ordinal))!;
        return setCookie[..setCookie.IndexOf(';', StringComparison.Ordinal)];
    }

    private static async Task<Answer> InvokeAsync(IHost worker, HttpContext http, CancellationToken invocation = default, Func<HttpContext, Task>? functionAsync = null)
    {
        // As the worker does: the invocation's scope is the request's services (WorkerRequestServicesMiddleware).
        await using var scope = worker.Services.CreateAsyncScope();
        http.RequestServices = scope.ServiceProvider;
        var context = new StandInFunctionContext(scope.ServiceProvider, invocation);
        context.Items[HttpContextKey] = http;
        bool ran = false;
        IPAddress? client = null;
        await worker.Services.GetRequiredService<FunctionsHttpMiddleware>().Invoke(context, async _ =>
        {
            ran = true;
            client = http.Connection.RemoteIpAddress;
            if (functionAsync is not null) await functionAsync(http);
        });
        await ((StartingResponseFeature)http.Features.Get<IHttpResponseFeature>()!).StartAsync();
        http.Response.Body.Position = 0;
        JsonElement? body = http.Response.Body.Length > 0 ? JsonDocument.Parse(http.Response.Body).RootElement.Clone() : null;
        return new Answer(ran, http.Response.StatusCode, http.Response.Headers, body, client);
    }

    private sealed record Answer(bool FunctionRan, int Status, IHeaderDictionary Headers, JsonElement? Body, IPAddress? Client);

    /// <summary>Runs the response's OnStarting callbacks when the test says the response starts, as a server does.</summary>
    private sealed class StartingResponseFeature : HttpResponseFeature
    {
        private readonly List<(Func<object, Task> Callback, object State)> _starting = [];

        public override void OnStarting(Func<object, Task> callback, object state) => _starting.Add((callback, state));

        public async Task StartAsync()
        {
            for (int i = _starting.Count - 1; i >= 0; i--) await _starting[i].Callback(_starting[i].State);
        }
    }

    /// <summary>The parts of an invocation's context that the middleware reads; the rest belongs to the worker.</summary>
    private sealed class StandInFunctionContext(IServiceProvider services, CancellationToken cancellationToken) : FunctionContext
    {
        public override string InvocationId => "invocation-1";
        public override string FunctionId => "function-1";
        public override TraceContext TraceContext => throw new NotSupportedException();
        public override BindingContext BindingContext => throw new NotSupportedException();
        public override RetryContext RetryContext => throw new NotSupportedException();
        public override IServiceProvider InstanceServices { get; set; } = services;
        public override FunctionDefinition FunctionDefinition => throw new NotSupportedException();
        public override IDictionary<object, object> Items { get; set; } = new Dictionary<object, object>();
        public override IInvocationFeatures Features => throw new NotSupportedException();
        public override CancellationToken CancellationToken => cancellationToken;
    }
}
