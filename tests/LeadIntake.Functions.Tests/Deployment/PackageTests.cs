using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LeadIntake.Core.Leads;
using LeadIntake.Functions.Hosting;
using LeadIntake.Functions.Tests.Deployment;
using LeadIntake.Functions.Tests.Infrastructure;

namespace LeadIntake.Functions.Tests;

/// <summary>
/// The deployment package (infra/package.sh, built once per run) unzipped and started as the Functions host starts
/// it, then driven with forwarded HTTP and recorded host invocation payloads in both the documented and the host's
/// real (double-encoded) shape. The effects must be those of standalone mode.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class PackageTests
{
    private static readonly object Lead = new
    {
        firstName = "Lena",
        lastName = "Vogt",
        email = "l.vogt@kesselbau.example",
        company = "Kesselbau Vogt",
        message = "Please send us a quote for 40 units of the boiler sensor.",
    };

    [Fact]
    public async Task Package_has_host_json_the_function_folders_and_an_executable_handler_at_the_declared_path()
    {
        var root = await FunctionsPackage.GetRootAsync();
        Assert.Empty(FunctionAppLayout.Check(root));

        // The host resolves defaultExecutablePath against the app root when that file exists (docs/functions-host.md, 'Starting the handler').
        var executable = Path.Combine(root, FunctionAppLayout.ExecutablePath);
        Assert.True(File.Exists(executable), executable);
        if (!OperatingSystem.IsWindows()) Assert.True(File.GetUnixFileMode(executable).HasFlag(UnixFileMode.UserExecute), "the handler lost its executable bit in the zip");

        using var zip = ZipFile.OpenRead(FunctionsPackage.ZipPath);
        var entry = zip.GetEntry(FunctionAppLayout.ExecutablePath);
        Assert.NotNull(entry);
        Assert.NotEqual(0, (entry.ExternalAttributes >> 16) & 0b001_001_001);
        Assert.NotNull(zip.GetEntry("host.json"));
        // The French rep texts ship as a satellite assembly; without it a French rep would read English.
        Assert.NotNull(zip.GetEntry("app/fr/LeadIntake.Core.resources.dll"));
        Assert.DoesNotContain(zip.Entries, e => e.FullName.StartsWith('/') || e.FullName.Contains("..", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("documented")]
    [InlineData("host")]
    public async Task Forwarded_intake_and_recorded_invocations_run_the_pipeline_as_standalone_does(string shape)
    {
        await using var app = await PackagedApp.StartAsync();
        var dev = await DevServices.GetAsync();
        using var mail = new MailCatcher(dev.MailWebPort);

        // Forwarded HTTP keeps the /api path, and in Functions mode the host (not the app) checks keys.
        var id = await app.PostLeadAsync(Lead);
        Assert.Equal("captured", (await app.GetLeadAsync(id)).GetProperty("status").GetString());

        using (var screened = await app.InvokeAsync("ScreenLead", Payload($"queue-{shape}", "ScreenLead", id)))
        {
            await AssertReplyAsync(screened, HttpStatusCode.OK, app);
        }
        Assert.Equal("mql", (await app.GetLeadAsync(id)).GetProperty("status").GetString());

        using (var dispatched = await app.InvokeAsync("DispatchLead", Payload($"queue-{shape}", "DispatchLead", id)))
        {
            await AssertReplyAsync(dispatched, HttpStatusCode.OK, app);
        }
        var lead = await app.GetLeadAsync(id);
        Assert.Equal("assigned", lead.GetProperty("status").GetString());
        Assert.Equal(app.RepEmail, lead.GetProperty("assignedRep").GetString());
        Assert.True(TestApp.IsNotified(lead));
        var repMail = Assert.Single(await mail.WaitAsync(app.RepEmail, 1, TimeSpan.FromSeconds(5)));
        Assert.Contains("Kesselbau Vogt", repMail.Subject);

        using var swept = await app.InvokeAsync("SweepCapturedLeads", Payload($"timer-{shape}", "SweepCapturedLeads", id));
        await AssertReplyAsync(swept, HttpStatusCode.OK, app);
    }

    [Fact]
    public async Task Standalone_queue_runtime_is_off_in_functions_mode()
    {
        await using var app = await PackagedApp.StartAsync();
        var id = await app.PostLeadAsync(Lead);
        // The intake queued the lead; put one more message on leads-captured directly, base64 as the host expects.
        var queue = app.RawQueue("leads-captured");
        await queue.SendMessageAsync(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($$"""{"leadId":"{{id}}","v":1}""")));

        // The host owns triggers here: this process runs no queue listener at all (standalone mode lists one per
        // queue function in /api/health from its start), so nothing can take the messages, however long we wait.
        using (var health = await app.Client.GetAsync("/api/health"))
        {
            var listeners = (await health.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("listeners").GetProperty("state");
            Assert.Empty(listeners.EnumerateObject());
        }
        Assert.Equal("captured", (await app.GetLeadAsync(id)).GetProperty("status").GetString());
        var waiting = (await queue.PeekMessagesAsync(10)).Value;
        Assert.Equal(2, waiting.Length);
        Assert.All(waiting, m => Assert.Equal(0, m.DequeueCount));
    }

    [Fact]
    public async Task Failed_invocation_answers_500_with_the_reply_shape_so_the_host_retries()
    {
        // SMTP pointed at a port nobody listens on: sending the rep mail fails, so DispatchLead fails.
        await using var app = await PackagedApp.StartAsync(smtpPort: PackagedApp.FreePort());
        var id = await app.PostLeadAsync(Lead);
        using (var screened = await app.InvokeAsync("ScreenLead", Payload("queue-host", "ScreenLead", id)))
        {
            await AssertReplyAsync(screened, HttpStatusCode.OK, app);
        }

        using var failed = await app.InvokeAsync("DispatchLead", Payload("queue-host", "DispatchLead", id));
        var reply = await AssertReplyAsync(failed, HttpStatusCode.InternalServerError, app);
        Assert.Contains(reply.GetProperty("Logs").EnumerateArray(), l => l.GetString()!.Contains("DispatchLead failed", StringComparison.Ordinal));
        var lead = await app.GetLeadAsync(id);
        Assert.False(TestApp.IsNotified(lead));
    }

    [Theory]
    [InlineData("ScreenLead", "queue-documented")]
    [InlineData("DispatchLead", "queue-host")]
    public async Task Message_for_an_unknown_lead_completes_with_200(string function, string fixture)
    {
        await using var app = await PackagedApp.StartAsync();
        var unknown = LeadId.New(TimeProvider.System.GetUtcNow()).Value;
        using var response = await app.InvokeAsync(function, Payload(fixture, function, unknown));
        await AssertReplyAsync(response, HttpStatusCode.OK, app);
    }

    private static string Payload(string fixture, string function, string leadId)
    {
        var path = Path.Combine(RepositoryRoot.Find()!, "tests", "LeadIntake.Functions.Tests", "Fixtures", "host-invocations", fixture + ".json");
        return File.ReadAllText(path)
            .Replace("{{leadId}}", leadId, StringComparison.Ordinal)
            .Replace("{{messageId}}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
            .Replace("{{function}}", function, StringComparison.Ordinal);
    }

    /// <summary>The custom-handler response payload (docs/functions-host.md, 'Response payload'): an object with Outputs, Logs and ReturnValue.</summary>
    private static async Task<JsonElement> AssertReplyAsync(HttpResponseMessage response, HttpStatusCode expected, PackagedApp app)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.StatusCode} (expected {expected}): {body}\n{app.Output}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var reply = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal(JsonValueKind.Object, reply.ValueKind);
        Assert.Equal(JsonValueKind.Object, reply.GetProperty("Outputs").ValueKind);
        Assert.Equal(JsonValueKind.Array, reply.GetProperty("Logs").ValueKind);
        Assert.True(reply.TryGetProperty("ReturnValue", out _));
        return reply;
    }
}
