using System.Diagnostics;
using System.Security.Cryptography;
using LeadIntake.Functions.Tests.Hostile;
using LeadIntake.Functions.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace LeadIntake.Benchmarks;

/// <summary>
/// The full hostile-input run (<c>hostile</c> verb): its own Azurite and maildev, the real app in-process with a Graph
/// stand-in for Meta, leads named with markup and header injections dispatched to the rep, then every request of <see cref="HostileCases"/>
/// one at a time, the pipeline given a minute to settle, and the report: status classes, every 5xx, junk rows,
/// control characters stored, header and markup injections in pages and mails. Exit code 1 if any of those is found.
/// Bounded: 20 minutes at most.
/// </summary>
internal static class HostileCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        bool shortRun = args.Contains("--short");
        if (args.Except(["--short"]).Any())
        {
            error.WriteLine("usage: hostile [--short]");
            return 2;
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(20));
        var tag = Guid.NewGuid().ToString("N")[..10];
        output.WriteLine("starting Azurite and maildev…");
        var dev = await DevServices.GetAsync().ConfigureAwait(false);
        var storage = await DevServices.NewStorageConnectionStringAsync().ConfigureAwait(false);
        var signingKey = RandomNumberGenerator.GetBytes(32);
        var repEmail = $"rep-{tag}@example.com";
        await using var graph = await StandInServer.StartAsync(async context =>
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(HostileCases.GraphLead(context.Request.Path.Value!.Split('/').Last(), tag)).ConfigureAwait(false);
        }).ConfigureAwait(false);
        await using var app = await LoadAppInstance.StartAsync(storage, dev.SmtpPort, repEmail, Convert.ToBase64String(signingKey),
            new LoadTransactionCounter(dev.TablePort, dev.QueuePort),
            new Dictionary<string, string?>
            {
                ["Meta:AccessToken"] = "page-token", ["Meta:GraphBaseUrl"] = graph.BaseUrl + "/v21.0",
                // Thousands of refused requests log thousands of warnings: keep the report readable.
                ["Logging:LogLevel:Default"] = "Error",
            }).ConfigureAwait(false);

        var probe = new HostileProbe(app.Client, LoadAppInstance.AdminKey, storage);
        if (await probe.PrepareAsync(signingKey, repEmail, tag, timeout.Token).ConfigureAwait(false) is not { } target)
        {
            error.WriteLine("the prepared leads were not dispatched within 30 s");
            return 1;
        }
        var requests = shortRun ? HostileCases.Short(target) : HostileCases.All(target);

        output.WriteLine($"sending {requests.Count} hostile requests…");
        var clock = Stopwatch.StartNew();
        var outcomes = await probe.SendAllAsync(requests, timeout.Token).ConfigureAwait(false);
        var sent = clock.Elapsed;
        int pending = await probe.WaitForPipelineAsync(TimeSpan.FromSeconds(60), timeout.Token).ConfigureAwait(false);
        var report = await probe.ReportAsync(outcomes, dev.MailWebPort, tag, timeout.Token).ConfigureAwait(false);

        report.Print(output);
        output.WriteLine($"sent in {sent.TotalSeconds:F1} s; leads still captured or mql a minute later: {pending}");
        bool clean = report.ServerErrors.Count == 0 && report.Junk.Count == 0 && report.ControlCharLeads.Count == 0
                     && report.RawMarkupPages.Count == 0 && report.HeaderInjections.Count == 0 && report.MarkupInjections.Count == 0;
        output.WriteLine(clean ? "PASS" : "FAIL");
        return clean ? 0 : 1;
    }
}
