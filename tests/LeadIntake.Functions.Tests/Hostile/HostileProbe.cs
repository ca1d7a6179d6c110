using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text;
using Azure.Data.Tables;
using LeadIntake.Core.Dispatch.Links;
using LeadIntake.Core.Leads;
using MimeKit;

namespace LeadIntake.Functions.Tests.Hostile;

/// <summary>The answer to one hostile request, and whether a refused request left something stored anyway.</summary>
public sealed record HostileOutcome(HostileRequest Request, int Status, string? MediaType, string Excerpt, bool Junk, bool RawMarkup);

/// <summary>What a hostile run found. A run passes with no 5xx, no junk, no control character stored and no injection.</summary>
public sealed record HostileReport(
    IReadOnlyList<HostileOutcome> Outcomes, IReadOnlyList<string> ControlCharLeads, IReadOnlyDictionary<string, int> LeadStatuses,
    IReadOnlyList<string> HeaderInjections, IReadOnlyList<string> MarkupInjections, int MailsScanned)
{
    public int LeadsScanned => LeadStatuses.Values.Sum();

    /// <summary>5xx answers, and requests that got no answer at all (status 0: connection closed).</summary>
    public IReadOnlyList<HostileOutcome> ServerErrors => Outcomes.Where(o => o.Status is >= 500 or 0).ToList();

    public IReadOnlyList<HostileOutcome> Junk => Outcomes.Where(o => o.Junk).ToList();

    public IReadOnlyList<HostileOutcome> RawMarkupPages => Outcomes.Where(o => o.RawMarkup).ToList();

    public void Print(TextWriter output)
    {
        output.WriteLine($"hostile: {Outcomes.Count} requests over {Outcomes.Select(o => o.Request.Endpoint).Distinct().Count()} endpoints");
        foreach (var group in Outcomes.GroupBy(o => o.Status == 0 ? "no answer" : $"{o.Status / 100}xx").OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"  {group.Key}: {group.Count()}");
        }
        output.WriteLine("  by status: " + string.Join(", ", Outcomes.GroupBy(o => o.Status).OrderBy(g => g.Key).Select(g => $"{g.Key.ToString(CultureInfo.InvariantCulture)}×{g.Count()}")));
        output.WriteLine($"5xx or no answer: {ServerErrors.Count}");
        foreach (var o in ServerErrors) output.WriteLine($"  {o.Status} {o.Request} → {o.Excerpt}");
        output.WriteLine($"junk stored by refused requests: {Junk.Count}");
        foreach (var o in Junk) output.WriteLine($"  {o.Status} {o.Request}");
        output.WriteLine($"leads stored: {LeadsScanned} (" + string.Join(", ", LeadStatuses.OrderByDescending(p => p.Value).Select(p => $"{p.Key} {p.Value}")) + ")");
        output.WriteLine($"control characters stored: {ControlCharLeads.Count} of {LeadsScanned} leads");
        foreach (var where in ControlCharLeads) output.WriteLine($"  lead {where}");
        output.WriteLine($"markup injected into pages: {RawMarkupPages.Count}");
        foreach (var o in RawMarkupPages) output.WriteLine($"  {o.Status} {o.Request}");
        output.WriteLine($"mails scanned: {MailsScanned}; header injections: {HeaderInjections.Count}; markup injections: {MarkupInjections.Count}");
        foreach (var m in HeaderInjections.Concat(MarkupInjections)) output.WriteLine($"  {m}");
    }
}

/// <summary>
/// Sends hostile requests one at a time to a running app and watches its storage between them: a request answered
/// 4xx must leave the lead rows, the intake keys, the used links and the sales directory as they were. Afterwards it
/// scans the stored leads for control characters and the mails for header and markup injection.
/// </summary>
public sealed class HostileProbe(HttpClient client, string adminKey, string storage)
{
    private readonly TableClient _leads = new(storage, "Leads");
    private readonly TableClient _intakeKeys = new(storage, "IntakeKeys");
    private readonly TableClient _usedLinks = new(storage, "UsedLinks");
    private readonly TableClient _teams = new(storage, "Teams");

    /// <summary>
    /// Leads whose name and company are markup or a header injection, dispatched to <paramref name="repEmail"/>: the
    /// rep mails must stay single-line and escaped, and every rep page of the run renders the first one. Returns the
    /// target (first lead, links signed with <paramref name="signingKey"/>), or null when a lead wasn't dispatched in 30 s.
    /// </summary>
    public async Task<HostileTarget?> PrepareAsync(byte[] signingKey, string repEmail, string tag, CancellationToken cancellationToken)
    {
        string[] names = [HostileCases.MarkupPayloads[0], "Eve\r\nBcc: victim@evil.example", "=?utf-8?q?Eve=0D=0ABcc:_victim@evil.example?="];
        var ids = new List<string>();
        for (int i = 0; i < names.Length; i++)
        {
            using var posted = await client.PostAsJsonAsync("/api/intake/form", new
            {
                name = names[i], company = "\">" + HostileCases.MarkupPayloads[1], email = $"lead{i}.{tag}@fonderie.example",
                phone = $"+33 6 12 34 56 7{i}", country = "FR", message = "Pouvez-vous nous faire une proposition chiffrée pour 200 pièces ?",
            }, cancellationToken).ConfigureAwait(false);
            if (!posted.IsSuccessStatusCode) return null;
            ids.Add((await posted.Content.ReadFromJsonAsync<JsonElement>(cancellationToken).ConfigureAwait(false)).GetProperty("id").GetString()!);
        }
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(30);
        foreach (var id in ids)
        {
            while (!await IsNotifiedAsync(id, cancellationToken).ConfigureAwait(false))
            {
                if (TimeProvider.System.GetUtcNow() > deadline) return null;
                await Task.Delay(200, cancellationToken).ConfigureAwait(false);
            }
        }
        var signer = new ActionLinkSigner(signingKey);
        string Link(string id, string action) =>
            $"/api/rep/leads/{id}/{action}?t=" + signer.Sign(new ActionLinkClaims(LeadId.Parse(id), repEmail,
                WireNames.TryParse<RepAction>(action, out var a) ? a : RepAction.Accept, TimeProvider.System.GetUtcNow().AddHours(1), ActionLinkSigner.NewNonce()));
        return new HostileTarget(ids[0], Link, tag);
    }

    private async Task<bool> IsNotifiedAsync(string id, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/leads/{id}");
        request.Headers.Add("x-functions-key", adminKey);
        using var response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return response.IsSuccessStatusCode && (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken).ConfigureAwait(false)).TryGetProperty("repNotifiedAt", out _);
    }

    public async Task<List<HostileOutcome>> SendAllAsync(IReadOnlyList<HostileRequest> requests, CancellationToken cancellationToken)
    {
        var outcomes = new List<HostileOutcome>(requests.Count);
        var before = await FingerprintAsync(cancellationToken).ConfigureAwait(false);
        foreach (var request in requests)
        {
            var (status, media, excerpt, rawMarkup) = await SendAsync(request, cancellationToken).ConfigureAwait(false);
            var after = await FingerprintAsync(cancellationToken).ConfigureAwait(false);
            outcomes.Add(new HostileOutcome(request, status, media, excerpt, status is >= 400 and < 500 && after != before, rawMarkup));
            before = after;
        }
        return outcomes;
    }

    public async Task<HostileReport> ReportAsync(List<HostileOutcome> outcomes, int? mailWebPort, string tag, CancellationToken cancellationToken)
    {
        var (controlLeads, statuses) = await ScanLeadsAsync(cancellationToken).ConfigureAwait(false);
        var (headers, markup, mails) = mailWebPort is { } port ? await ScanMailsAsync(port, tag, cancellationToken).ConfigureAwait(false) : ([], [], 0);
        return new HostileReport(outcomes, controlLeads, statuses, headers, markup, mails);
    }

    /// <summary>Waits until no lead is left in <c>captured</c> or <c>mql</c> (the pipeline has caught up), or the timeout; returns how many are left.</summary>
    public async Task<int> WaitForPipelineAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = TimeProvider.System.GetUtcNow() + timeout;
        while (true)
        {
            int pending = await CountAsync(_leads, "Kind eq 'lead' and (Status eq 'captured' or Status eq 'mql')", cancellationToken).ConfigureAwait(false);
            if (pending == 0 || TimeProvider.System.GetUtcNow() > deadline) return pending;
            await Task.Delay(250, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<(int Status, string? Media, string Excerpt, bool RawMarkup)> SendAsync(HostileRequest request, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(request.Method, request.Path);
        if (request.Body is not null)
        {
            message.Content = new ByteArrayContent(request.Body);
            if (request.ContentType is not null) message.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
            // As a well-behaved client of a large upload does: the server can refuse (413, 403) before the body is sent,
            // instead of closing the connection under a client still writing.
            if (request.Body.Length > 64 * 1024) message.Headers.ExpectContinue = true;
        }
        if (request.Admin) message.Headers.Add("x-functions-key", adminKey);
        foreach (var (name, value) in request.Headers) message.Headers.TryAddWithoutValidation(name, value);
        try
        {
            using var response = await client.SendAsync(message, cancellationToken).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var media = response.Content.Headers.ContentType?.MediaType;
            bool rendered = media is "text/html" || (media is "text/plain" && !response.Headers.Contains("X-Content-Type-Options"));
            bool raw = rendered && HostileCases.MarkupPayloads.Any(p => text.Contains(p, StringComparison.OrdinalIgnoreCase));
            return ((int)response.StatusCode, media, text.Length > 300 ? text[..300] : text, raw);
        }
        catch (HttpRequestException e)
        {
            return (0, null, e.Message, false);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            return (0, null, "no answer within the client's timeout: " + e.Message, false);
        }
    }

    private async Task<(int Leads, int Keys, int Links, string? Directory)> FingerprintAsync(CancellationToken cancellationToken)
    {
        var leads = CountAsync(_leads, "Kind eq 'lead'", cancellationToken);
        var keys = CountAsync(_intakeKeys, null, cancellationToken);
        var links = CountAsync(_usedLinks, null, cancellationToken);
        var directory = _teams.GetEntityIfExistsAsync<TableEntity>("directory", "current", select: ["PartitionKey"], cancellationToken: cancellationToken);
        await Task.WhenAll(leads, keys, links, directory).ConfigureAwait(false);
        var entity = (await directory.ConfigureAwait(false)) is { HasValue: true } d ? d.Value : null;
        return (await leads.ConfigureAwait(false), await keys.ConfigureAwait(false), await links.ConfigureAwait(false), entity?.ETag.ToString());
    }

    private static async Task<int> CountAsync(TableClient table, string? filter, CancellationToken cancellationToken)
    {
        int n = 0;
        try
        {
            await foreach (var _ in table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false)) n++;
        }
        catch (Azure.RequestFailedException e) when (e.Status == 404)
        {
            // The table doesn't exist yet.
        }
        return n;
    }

    /// <summary>Every string of every stored lead: a control character other than a line feed or a tab is a failure.</summary>
    private async Task<(List<string> Leads, Dictionary<string, int> Statuses)> ScanLeadsAsync(CancellationToken cancellationToken)
    {
        var found = new List<string>();
        var statuses = new Dictionary<string, int>(StringComparer.Ordinal);
        await foreach (var entity in _leads.QueryAsync<TableEntity>("Kind eq 'lead'", cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var status = entity.GetString("Status") ?? "?";
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            int chunks = entity.GetInt32("DataChunks") ?? 0;
            var json = string.Concat(Enumerable.Range(0, chunks).Select(i => entity.GetString($"Data{i}")));
            using var document = JsonDocument.Parse(json);
            if (ControlPath(document.RootElement, "$") is { } path) found.Add($"{entity.RowKey} at {path}");
        }
        return (found, statuses);
    }

    /// <summary>The JSON path of the first string (or property name) holding a control character other than a line feed or a tab.</summary>
    private static string? ControlPath(JsonElement e, string path)
    {
        static bool Bad(string text) => text.Any(c => char.IsControl(c) && c is not '\n' and not '\t');
        switch (e.ValueKind)
        {
            case JsonValueKind.String:
                return Bad(e.GetString()!) ? path : null;
            case JsonValueKind.Object:
                foreach (var p in e.EnumerateObject())
                {
                    if (Bad(p.Name)) return $"{path}.(name)";
                    if (ControlPath(p.Value, $"{path}.{p.Name}") is { } found) return found;
                }
                return null;
            case JsonValueKind.Array:
                int i = 0;
                foreach (var item in e.EnumerateArray())
                {
                    if (ControlPath(item, $"{path}[{i++}]") is { } found) return found;
                }
                return null;
            default:
                return null;
        }
    }

    /// <summary>
    /// The mails of this run (their source mentions <paramref name="tag"/>): after MIME decoding, the subject and every
    /// display name is one line and no Bcc header exists; the HTML part holds no hostile markup as is.
    /// </summary>
    private static async Task<(List<string> Headers, List<string> Markup, int Scanned)> ScanMailsAsync(int webPort, string tag, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{webPort.ToString(CultureInfo.InvariantCulture)}") };
        var list = await http.GetFromJsonAsync<JsonElement>("/api/email", cancellationToken).ConfigureAwait(false);
        var headers = new List<string>();
        var markup = new List<string>();
        int scanned = 0;
        foreach (var item in list.EnumerateArray())
        {
            var id = item.GetProperty("id").GetString();
            var source = await http.GetByteArrayAsync($"/api/email/{id}/source", cancellationToken).ConfigureAwait(false);
            if (!Encoding.UTF8.GetString(source).Contains(tag, StringComparison.Ordinal)) continue;
            scanned++;
            var message = await MimeMessage.LoadAsync(new MemoryStream(source), cancellationToken).ConfigureAwait(false);
            var names = message.From.Mailboxes.Concat(message.ReplyTo.Mailboxes).Concat(message.To.Mailboxes).Select(m => m.Name ?? "");
            if ((message.Subject ?? "").IndexOfAny(['\r', '\n']) >= 0) headers.Add($"mail {id}: line break in the decoded Subject");
            if (names.Any(n => n.IndexOfAny(['\r', '\n']) >= 0)) headers.Add($"mail {id}: line break in a decoded display name");
            if (message.Bcc.Count > 0 || message.Headers.Contains("Bcc")) headers.Add($"mail {id}: a Bcc header");
            if (message.HtmlBody is { } html && HostileCases.MarkupPayloads.Any(p => html.Contains(p, StringComparison.OrdinalIgnoreCase))) markup.Add($"mail {id}: hostile markup as is in the HTML part");
        }
        return (headers, markup, scanned);
    }
}
