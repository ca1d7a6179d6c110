using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using LeadIntake.Core.Dispatch;
using LeadIntake.Core.Leads;
using LeadIntake.Functions.Tests.Hostile;
using LeadIntake.Functions.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace LeadIntake.Benchmarks;

/// <summary>
/// The full hostile-input run (<c>hostile</c> verb): its own Azurite and maildev, the real app in-process with a Graph
/// stand-in for Meta, a markup-named lead dispatched to the rep, then every request of <see cref="HostileCases"/>
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
            new Dictionary<string, string?> { ["Meta:AccessToken"] = "page-token", ["Meta:GraphBaseUrl"] = graph.BaseUrl + "/v21.0" }).ConfigureAwait(false);

        var leadId = await PrepareLeadAsync(app.Client, tag, timeout.Token).ConfigureAwait(false);
        if (leadId is null)
        {
            error.WriteLine("the prepared lead was not dispatched within 30 s");
            return 1;
        }
        var signer = new ActionLinkSigner(signingKey);
        string Link(string id, string action) =>
            $"/api/rep/leads/{id}/{action}?t=" + signer.Sign(new ActionLinkClaims(LeadId.Parse(id), repEmail,
                WireNames.TryParse<RepAction>(action, out var a) ? a : RepAction.Accept, TimeProvider.System.GetUtcNow().AddHours(1), ActionLinkSigner.NewNonce()));
        var target = new HostileTarget(leadId, Link, tag);
        var requests = shortRun ? HostileCases.Short(target) : HostileCases.All(target);

        output.WriteLine($"sending {requests.Count} hostile requests…");
        var clock = Stopwatch.StartNew();
        var probe = new HostileProbe(app.Client, LoadAppInstance.AdminKey, storage);
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

    /// <summary>A lead whose name and company are markup, dispatched to the rep: every rep page of the run renders it.</summary>
    private static async Task<string?> PrepareLeadAsync(HttpClient client, string tag, CancellationToken cancellationToken)
    {
        using var posted = await client.PostAsJsonAsync("/api/intake/form", new
        {
            name = HostileCases.MarkupPayloads[0], company = "\">" + HostileCases.MarkupPayloads[1], email = $"xss.{tag}@fonderie.example",
            phone = "+33 6 12 34 56 78", country = "FR", message = "Pouvez-vous nous faire une proposition chiffrée pour 200 pièces ?",
        }, cancellationToken).ConfigureAwait(false);
        if (posted.StatusCode != HttpStatusCode.Accepted) return null;
        var id = (await posted.Content.ReadFromJsonAsync<JsonElement>(cancellationToken).ConfigureAwait(false)).GetProperty("id").GetString()!;
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(30);
        while (TimeProvider.System.GetUtcNow() < deadline)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/leads/{id}");
            request.Headers.Add("x-functions-key", LoadAppInstance.AdminKey);
            using var response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var lead = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken).ConfigureAwait(false);
            if (lead.TryGetProperty("repNotifiedAt", out _)) return id;
            await Task.Delay(200, cancellationToken).ConfigureAwait(false);
        }
        return null;
    }
}
