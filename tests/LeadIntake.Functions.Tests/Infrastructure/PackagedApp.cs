using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Azure.Storage.Queues;

namespace LeadIntake.Functions.Tests.Infrastructure;

/// <summary>
/// The unzipped package started the way the Functions host starts a custom handler (docs/functions-host.md, 'Starting the handler'):
/// <c>app/LeadIntake.Functions</c> run from the package root, with <c>FUNCTIONS_CUSTOMHANDLER_PORT</c> and the app
/// settings as environment variables, and ready once <c>GET /</c> answers (polled every 25 ms, as the host does).
/// The test then plays the host: forwarded HTTP requests to <c>/api/…</c>, and invocation payloads to <c>/{Function}</c>.
/// </summary>
public sealed class PackagedApp : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output;

    private PackagedApp(Process process, ConcurrentQueue<string> output, HttpClient client, string storage, string repEmail)
    {
        _process = process;
        _output = output;
        Client = client;
        Storage = storage;
        RepEmail = repEmail;
    }

    public HttpClient Client { get; }
    public string Storage { get; }
    public string RepEmail { get; }

    /// <summary>What the process wrote so far, for assertion messages.</summary>
    public string Output => string.Join('\n', _output);

    public static async Task<PackagedApp> StartAsync(int? smtpPort = null)
    {
        var root = await FunctionsPackage.GetRootAsync();
        var dev = await DevServices.GetAsync();
        var storage = await DevServices.NewStorageConnectionStringAsync();
        var repEmail = $"rep-{Guid.NewGuid():N}@example.com";
        int port = FreePort();

        var info = new ProcessStartInfo(Path.Combine(root, "app", "LeadIntake.Functions"))
        {
            WorkingDirectory = root, // the host's default working directory is the app root
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var settings = new Dictionary<string, string>
        {
            ["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString(CultureInfo.InvariantCulture),
            ["FUNCTIONS_CUSTOMHANDLER_WORKER_ID"] = Guid.NewGuid().ToString(),
            ["FUNCTIONS_APP_ROOT_PATH"] = root,
            ["AzureWebJobsStorage"] = storage,
            ["Mail__From"] = "leadintake@example.com",
            ["Mail__Smtp__Host"] = "127.0.0.1",
            ["Mail__Smtp__Port"] = (smtpPort ?? dev.SmtpPort).ToString(CultureInfo.InvariantCulture),
            ["Mail__Smtp__Security"] = "None",
            ["Dispatch__DefaultRepEmail"] = repEmail,
            ["Dispatch__DefaultRepName"] = "Packaged Rep",
            ["Screening__ServiceMailbox"] = "service@example.com",
            ["Screening__HrMailbox"] = "hr@example.com",
            ["Screening__MarketingMailbox"] = "marketing@example.com",
            ["Links__SigningKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            ["Intake__PublicBaseUrl"] = "https://leadintake.example",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (key, value) in settings) info.Environment[key] = value;

        var output = new ConcurrentQueue<string>();
        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the packaged app.");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        var app = new PackagedApp(process, output, client, storage, repEmail);
        try
        {
            await app.WaitUntilReadyAsync(TimeSpan.FromSeconds(30));
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        return app;
    }

    private async Task WaitUntilReadyAsync(TimeSpan limit)
    {
        // The host's readiness check: any HTTP answer on / within the initialization timeout (30 s in the host source).
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            if (_process.HasExited) throw new InvalidOperationException($"The packaged app exited with code {_process.ExitCode}:\n{Output}");
            try
            {
                using var response = await Client.GetAsync("/");
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(25);
            }
        }
        throw new TimeoutException($"The packaged app did not answer GET / within {limit.TotalSeconds} s:\n{Output}");
    }

    /// <summary>What the host sends for a queue or timer function: <c>POST /{function}</c> with a JSON body.</summary>
    public Task<HttpResponseMessage> InvokeAsync(string function, string payload)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/{function}") { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Azure-Functions-InvocationId", Guid.NewGuid().ToString());
        request.Headers.Add("X-Azure-Functions-HostVersion", "4.1037.0.0");
        request.Headers.UserAgent.ParseAdd("Azure-Functions-Host/4.1037.0.0");
        return Client.SendAsync(request);
    }

    public async Task<string> PostLeadAsync(object body)
    {
        using var response = await Client.PostAsJsonAsync("/api/intake/form", body);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}\n{Output}");
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        return json.GetProperty("id").GetString()!;
    }

    public async Task<JsonElement> GetLeadAsync(string id)
    {
        using var response = await Client.GetAsync($"/api/leads/{id}");
        Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public QueueClient RawQueue(string name) => new(Storage, name, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or OperationCanceledException)
        {
            // already gone
        }
        _process.Dispose();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
