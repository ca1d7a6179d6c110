using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace LeadIntake.Functions.Tests.Hostile;

/// <summary>One hostile request: which endpoint, which mutation, and the request itself.</summary>
public sealed record HostileRequest(string Endpoint, string Mutation, HttpMethod Method, string Path, string? ContentType, byte[]? Body, bool Admin)
{
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    public override string ToString() => $"{Endpoint} · {Mutation}";
}

/// <summary>What the cases need from a running app: a real lead and a way to sign rep links for it.</summary>
/// <param name="LeadId">A stored lead, assigned to the rep the links are signed for.</param>
/// <param name="RepLink">Signs a fresh link: (lead id, action) → path and query of the rep page.</param>
public sealed record HostileTarget(string LeadId, Func<string, string, string> RepLink, string Tag);

/// <summary>
/// The hostile-input table: every endpoint × payload mutations. Field mutations put each hostile value into each
/// string field of a valid body (so the rest of the body is fine and the value goes as deep as the endpoint lets it),
/// body mutations break the body itself (encoding, framing, size, depth), route mutations break ids and names.
/// The short set (CI) and the full set (benchmarks verb) come from the same table; the short set keeps every body and
/// route mutation and a rotating share of the field mutations.
/// </summary>
public static class HostileCases
{
    /// <summary>Values a hostile client puts in string fields. The key name says what each one tries.</summary>
    public static IReadOnlyList<(string Name, JsonNode? Value)> FieldValues { get; } =
    [
        ("hash", "pbx#1"),
        ("slash", "a/b"),
        ("backslash", "a\\b"),
        ("question", "who?"),
        ("percent", "100%25"),
        ("nul", "a\u0000b"),
        ("c0 control", "x\u0001\u001Fy"),
        ("c1 control", "x\u007F\u0085\u009Fy"),
        ("crlf header", "Eve\r\nBcc: victim@evil.example"),
        ("encoded word", "=?utf-8?q?Eve=0D=0ABcc:_victim@evil.example?="),
        ("script", "<script>alert(1)</script>"),
        ("img onerror", "\"><img src=x onerror=alert(1)>"),
        ("lone surrogate", "x\uD800y"),
        ("bidi override", "\u202Egpj.exe"),
        ("huge string", new string('x', 100_000)),
        ("empty", ""),
        ("number", 12345),
        ("huge number", JsonNode.Parse("1e400")),
        ("negative", -1),
        ("boolean", true),
        ("array", new JsonArray("a", "b")),
        ("object", new JsonObject { ["$ne"] = "" }),
        ("null", null),
    ];

    /// <summary>XSS payloads: wherever they are rendered (rep pages, mails) they must appear encoded, never as is.</summary>
    public static IReadOnlyList<string> MarkupPayloads { get; } = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>"];

    /// <summary>
    /// What a Graph stand-in answers for any lead id (Meta notifications carry ids only; the lead is fetched): a valid
    /// lead, so the run reaches storage for the notifications whose ids survive the mutations.
    /// </summary>
    public static string GraphLead(string leadgenId, string tag) => new JsonObject
    {
        ["id"] = leadgenId, ["created_time"] = "2026-01-01T10:00:00+0000", ["ad_id"] = "120210000000000001", ["form_id"] = "998877665544332",
        ["field_data"] = new JsonArray(
            new JsonObject { ["name"] = "full_name", ["values"] = new JsonArray(MarkupPayloads[0]) },
            new JsonObject { ["name"] = "email", ["values"] = new JsonArray($"meta.{tag}@example.org") }),
    }.ToJsonString();

    public static IReadOnlyList<HostileRequest> All(HostileTarget target) => Build(target).ToList();

    /// <summary>Every body and route mutation, and one in <paramref name="fieldShare"/> of the field mutations (rotating over values).</summary>
    public static IReadOnlyList<HostileRequest> Short(HostileTarget target, int fieldShare = 8)
    {
        int n = 0;
        return Build(target).Where(r => !r.Mutation.StartsWith("field ", StringComparison.Ordinal) || n++ % fieldShare == 0).ToList();
    }

    private static IEnumerable<HostileRequest> Build(HostileTarget t)
    {
        var tag = t.Tag;
        string Unique(string s) => $"{s}-{tag}-{Guid.NewGuid():N}"[..Math.Min(60, s.Length + 42)];

        // Intake: forms.
        var form = new JsonObject
        {
            ["name"] = "Jeanne Dupont", ["email"] = $"jeanne.{tag}@fonderie.example", ["phone"] = "+33 6 12 34 56 78",
            ["company"] = "Fonderie des Vosges", ["country"] = "FR", ["message"] = "Pouvez-vous me rappeler ?",
        };
        foreach (var r in JsonFields("form", "/api/intake/form", form, ["name", "email", "company", "message", "phone", "country", "utm_source", "elapsedMs"], false)) yield return r;
        foreach (var r in Bodies("form", HttpMethod.Post, "/api/intake/form", false, json: true, form: true)) yield return r;
        // Headers the form reads (idempotency, CORS, client signals). HttpClient sends printable ASCII only in a header value.
        foreach (var header in new[] { "Idempotency-Key", "Origin", "Referer", "User-Agent", "X-Forwarded-For", "Accept-Language" })
        {
            foreach (var (name, value) in TextValues().Where(v => v.Value.All(c => c is >= ' ' and <= '~')).Append(("long", new string('k', 8000))))
            {
                var body = form.DeepClone();
                body["email"] = $"h{Guid.NewGuid():N}.{tag}@fonderie.example";
                yield return new("form", $"header {header} {name}", HttpMethod.Post, "/api/intake/form", "application/json", Encoding.UTF8.GetBytes(body.ToJsonString()), false)
                {
                    Headers = new Dictionary<string, string> { [header] = value },
                };
            }
        }

        // Intake: email providers.
        var postmark = new JsonObject
        {
            ["FromName"] = "Jeanne Dupont", ["From"] = "jeanne.dupont@example.org", ["To"] = "leads@inbound.example.com",
            ["Subject"] = "Demande de devis", ["MessageID"] = Unique("pm"), ["TextBody"] = "Bonjour, rappelez-moi au 06 12 34 56 78.",
        };
        foreach (var r in JsonFields("email/postmark", "/api/intake/email/postmark", postmark, ["FromName", "From", "Subject", "MessageID", "TextBody", "HtmlBody", "Headers"], false)) yield return r;
        foreach (var r in Bodies("email/postmark", HttpMethod.Post, "/api/intake/email/postmark", false, json: true, form: false)) yield return r;

        var mailgun = new Dictionary<string, string>
        {
            ["recipient"] = "leads@mg.example.com", ["sender"] = "jeanne.dupont@example.org", ["from"] = "Jeanne Dupont <jeanne.dupont@example.org>",
            ["subject"] = "Demande de devis", ["body-plain"] = "Bonjour, rappelez-moi au +33 6 12 34 56 78",
            ["message-headers"] = "[[\"Subject\", \"Demande de devis\"]]", ["timestamp"] = "1767225600", ["token"] = "t0k3n", ["signature"] = new string('0', 64),
        };
        foreach (var r in FormFields("email/mailgun", "/api/intake/email/mailgun", mailgun, ["sender", "from", "subject", "body-plain", "message-headers", "Message-Id"])) yield return r;
        foreach (var r in Bodies("email/mailgun", HttpMethod.Post, "/api/intake/email/mailgun", false, json: false, form: true)) yield return r;

        var sendgrid = new Dictionary<string, string>
        {
            ["from"] = "Jeanne Dupont <jeanne.dupont@example.org>", ["to"] = "leads@parse.example.com", ["subject"] = "Demande de devis",
            ["headers"] = $"Message-ID: <{Unique("sg")}@example.org>\r\nSubject: Demande de devis\r\n", ["text"] = "Bonjour, rappelez-moi.",
        };
        foreach (var r in MultipartFields("email/sendgrid", "/api/intake/email/sendgrid", sendgrid, ["from", "subject", "headers", "text", "envelope", "charsets"])) yield return r;
        foreach (var r in Bodies("email/sendgrid", HttpMethod.Post, "/api/intake/email/sendgrid", false, json: false, form: true)) yield return r;

        foreach (var (name, value) in TextValues())
        {
            var mime = $"From: {value} <jeanne.dupont@example.org>\r\nTo: leads@parse.example.com\r\nSubject: {value}\r\nMessage-ID: <{Unique("mime")}@example.org>\r\n\r\nBonjour {value}\r\n";
            yield return new("email/mime", $"field From+Subject {name}", HttpMethod.Post, "/api/intake/email/mime", "message/rfc822", Encoding.UTF8.GetBytes(mime), false);
        }
        foreach (var r in Bodies("email/mime", HttpMethod.Post, "/api/intake/email/mime", false, json: false, form: false, raw: "message/rfc822")) yield return r;

        // Intake: calls.
        var twilio = new Dictionary<string, string>
        {
            ["CallSid"] = Unique("CA"), ["From"] = "+33612345678", ["To"] = "+33184880000", ["CallStatus"] = "completed", ["CallerName"] = "Jeanne Dupont",
        };
        foreach (var r in FormFields("call/twilio", "/api/intake/call/twilio", twilio, ["CallSid", "From", "CallerName", "CallStatus", "TranscriptionText"])) yield return r;
        foreach (var r in Bodies("call/twilio", HttpMethod.Post, "/api/intake/call/twilio", false, json: true, form: true)) yield return r;

        var aircall = JsonNode.Parse($$"""
            { "resource":"call", "event":"call.ended", "timestamp":1767225690, "token":"t",
              "data":{ "id":{{Random.Shared.NextInt64(1, long.MaxValue / 2)}}, "direction":"inbound", "status":"done", "raw_digits":"+33 6 12 34 56 78",
                "started_at":1767225600, "ended_at":1767225660, "duration":25, "voicemail":"https://voicemail.example/vm.mp3",
                "number":{"digits":"+33 1 84 88 00 00","country":"FR"},
                "contact":{"first_name":"Jeanne","last_name":"Dupont","company_name":"Fonderie des Vosges"} } }
            """)!.AsObject();
        foreach (var r in JsonFields("call/aircall", "/api/intake/call/aircall", aircall, ["event", "data.id", "data.raw_digits", "data.voicemail", "data.contact.first_name", "data.contact.company_name", "data.started_at"], false)) yield return r;
        foreach (var r in Bodies("call/aircall", HttpMethod.Post, "/api/intake/call/aircall", false, json: true, form: false)) yield return r;

        var acs = JsonNode.Parse($$$"""
            [{ "id":"{{{Guid.NewGuid()}}}", "topic":"/subscriptions/x", "subject":"/caller/4:+33612345678", "eventType":"Microsoft.Communication.IncomingCall",
               "data":{ "to":{"kind":"phoneNumber","rawId":"4:+33184880000","phoneNumber":{"value":"+33184880000"}},
                        "from":{"kind":"phoneNumber","rawId":"4:+33612345678","phoneNumber":{"value":"+33612345678"}},
                        "serverCallId":"aHR0cHM6Ly9leGFtcGxlLmludmFsaWQv", "callerDisplayName":"Jeanne", "correlationId":"{{{Guid.NewGuid()}}}" },
               "dataVersion":"1.0", "metadataVersion":"1", "eventTime":"2026-01-01T10:00:00.000Z" }]
            """)!;
        foreach (var r in JsonFields("call/acs", "/api/intake/call/acs", acs, ["0.id", "0.eventType", "0.data.callerDisplayName", "0.data.serverCallId", "0.data.from.phoneNumber.value", "0.data.validationCode"], false)) yield return r;
        foreach (var r in Bodies("call/acs", HttpMethod.Post, "/api/intake/call/acs", false, json: true, form: false)) yield return r;

        var generic = new JsonObject
        {
            ["callId"] = Unique("pbx"), ["from"] = "+33612457890", ["to"] = "+33176540000", ["callerName"] = "MARTIN PAUL",
            ["durationSec"] = 30, ["status"] = "completed", ["provider"] = "pbx", ["transcript"] = "Rappelez-moi",
        };
        foreach (var r in JsonFields("call/generic", "/api/intake/call/generic", generic, ["provider", "callId", "from", "callerName", "transcript", "durationSec", "startedAt", "voicemailUrl"], false)) yield return r;
        foreach (var r in Bodies("call/generic", HttpMethod.Post, "/api/intake/call/generic", false, json: true, form: false)) yield return r;

        // Intake: social.
        var social = new JsonObject
        {
            ["platform"] = "linkedin", ["leadId"] = Unique("urn:li:lead"), ["fullName"] = "Jeanne Dupont", ["email"] = $"jeanne.{tag}@example.org",
            ["company"] = "Fonderie", ["message"] = "Devis", ["answers"] = new JsonObject { ["budget"] = "10-50k" },
        };
        foreach (var r in JsonFields("social/generic", "/api/intake/social/generic", social, ["platform", "leadId", "fullName", "email", "message", "answers.budget", "createdAt"], false)) yield return r;
        foreach (var r in Bodies("social/generic", HttpMethod.Post, "/api/intake/social/generic", false, json: true, form: false)) yield return r;

        var meta = JsonNode.Parse("""{"object":"page","entry":[{"id":"104857600123456","time":1767225600,"changes":[{"field":"leadgen","value":{"leadgen_id":"1234567890","form_id":"998877665544332","page_id":"104857600123456","created_time":1767225599}}]}]}""")!;
        foreach (var r in JsonFields("social/meta", "/api/intake/social/meta", meta, ["object", "entry.0.changes.0.value.leadgen_id", "entry.0.changes.0.field", "entry.0.id"], false)) yield return r;
        foreach (var r in Bodies("social/meta", HttpMethod.Post, "/api/intake/social/meta", false, json: true, form: false)) yield return r;
        foreach (var (name, value) in TextValues())
        {
            yield return new("social/meta verify", $"query {name}", HttpMethod.Get,
                $"/api/intake/social/meta?hub.mode={Uri.EscapeDataString(value)}&hub.verify_token={Uri.EscapeDataString(value)}&hub.challenge={Uri.EscapeDataString(value)}", null, null, false);
        }
        foreach (var (name, segment) in RouteValues()) yield return new("intake provider", $"route {name}", HttpMethod.Post, $"/api/intake/call/{segment}", "application/json", "{}"u8.ToArray(), false);

        // Leads (admin).
        foreach (var (name, segment) in IdValues())
        {
            yield return new("leads get", $"route {name}", HttpMethod.Get, $"/api/leads/{segment}", null, null, true);
            yield return new("leads release", $"route {name}", HttpMethod.Post, $"/api/leads/{segment}/release", "application/json", "{}"u8.ToArray(), true);
        }
        // The lead list and its exports (admin key): every query parameter, and the export format segment.
        foreach (var (name, value) in TextValues().Concat([("year one", "0001-01-01"), ("year 9999", "9999-12-31"), ("year one time", "0001-01-01T00:00:00Z")]))
        {
            foreach (var parameter in new[] { "status", "from", "to", "q", "continuationToken", "rep", "utmSource", "pageSize" })
            {
                yield return new("leads list", $"query {parameter} {name}", HttpMethod.Get, $"/api/leads?{parameter}={Uri.EscapeDataString(value)}", null, null, true);
            }
        }
        foreach (var (name, segment) in RouteValues()) yield return new("leads export", $"route {name}", HttpMethod.Get, $"/api/leads/export/{segment}", null, null, true);
        foreach (var r in JsonFields("leads release", $"/api/leads/{t.LeadId}/release", new JsonObject { ["reason"] = "false positive" }, ["reason"], true)) yield return r;
        foreach (var r in Bodies("leads release", HttpMethod.Post, $"/api/leads/{t.LeadId}/release", true, json: true, form: false)) yield return r;

        // Sales directory (admin).
        var rep = new JsonObject { ["email"] = $"rep-{tag}@corp.example", ["name"] = "Alice Martin", ["languages"] = new JsonArray("fr"), ["weight"] = 1 };
        foreach (var r in JsonFields("sales reps", "/api/sales/reps", rep, ["email", "name", "languages.0", "weight", "outOfOfficeUntil", "territory.countries.0"], true)) yield return r;
        foreach (var r in Bodies("sales reps", HttpMethod.Post, "/api/sales/reps", true, json: true, form: false)) yield return r;
        var team = new JsonObject { ["id"] = "fr", ["name"] = "France", ["members"] = new JsonArray(), ["manager"] = $"boss-{tag}@corp.example", ["timeZone"] = "Europe/Paris" };
        foreach (var r in JsonFields("sales teams", "/api/sales/teams", team, ["id", "name", "members.0", "manager", "timeZone", "sla.acceptWithinMinutes"], true)) yield return r;
        foreach (var r in Bodies("sales teams", HttpMethod.Post, "/api/sales/teams", true, json: true, form: false)) yield return r;
        var rules = new JsonObject { ["defaultTeam"] = "general", ["rules"] = new JsonArray(new JsonObject { ["name"] = "France", ["team"] = "fr" }) };
        foreach (var r in JsonFields("sales rules", "/api/sales/rules", rules, ["defaultTeam", "rules.0.name", "rules.0.team", "rules.0.keywords.0"], true, HttpMethod.Put)) yield return r;
        foreach (var r in Bodies("sales rules", HttpMethod.Put, "/api/sales/rules", true, json: true, form: false)) yield return r;
        var seed = JsonNode.Parse($$"""
            { "defaultTeam": "general",
              "reps": [ { "email": "alice-{{tag}}@corp.example", "name": "Alice" }, { "email": "boss-{{tag}}@corp.example", "name": "Boss" } ],
              "teams": [ { "id": "general", "members": ["alice-{{tag}}@corp.example"], "manager": "boss-{{tag}}@corp.example" } ],
              "rules": [ { "name": "all", "team": "general" } ] }
            """)!;
        foreach (var r in JsonFields("sales seed", "/api/sales/directory/seed", seed, ["reps.0.email", "reps.1.name", "teams.0.id", "teams.0.manager", "defaultTeam", "rules.0.team"], true)) yield return r;
        foreach (var r in Bodies("sales seed", HttpMethod.Post, "/api/sales/directory/seed", true, json: true, form: false)) yield return r;
        foreach (var (name, segment) in RouteValues())
        {
            yield return new("sales deactivate", $"route {name}", HttpMethod.Post, $"/api/sales/reps/{segment}/deactivate", null, null, true);
            yield return new("poison replay", $"route {name}", HttpMethod.Post, $"/api/admin/poison/{segment}/replay", null, null, true);
        }
        foreach (var (name, value) in TextValues())
        {
            yield return new("sales reps list", $"query {name}", HttpMethod.Get, $"/api/sales/reps?filter={Uri.EscapeDataString(value)}", null, null, true);
            yield return new("sales teams list", $"query {name}", HttpMethod.Get, $"/api/sales/teams?x={Uri.EscapeDataString(value)}", null, null, true);
            yield return new("health", $"query {name}", HttpMethod.Get, $"/api/health?x={Uri.EscapeDataString(value)}", null, null, false);
            yield return new("openapi", $"query {name}", HttpMethod.Get, $"/api/openapi.json?x={Uri.EscapeDataString(value)}", null, null, false);
        }
        // Admin endpoints with a wrong key: refused before anything is read.
        yield return new("sales seed", "wrong key", HttpMethod.Post, "/api/sales/directory/seed", "application/json", Encoding.UTF8.GetBytes(seed.ToJsonString()), false) { Headers = new Dictionary<string, string> { ["x-functions-key"] = "wrong" } };
        yield return new("leads get", "no key", HttpMethod.Get, $"/api/leads/{t.LeadId}", null, null, false);

        // Rep pages: routes, tokens, and forms posted with a valid link.
        foreach (var (name, segment) in IdValues())
        {
            yield return new("rep page", $"route id {name}", HttpMethod.Get, $"/api/rep/leads/{segment}/accept?t=x", null, null, false);
            yield return new("rep page", $"post route id {name}", HttpMethod.Post, $"/api/rep/leads/{segment}/accept?t=x", "application/x-www-form-urlencoded", "a=b"u8.ToArray(), false);
        }
        foreach (var (name, value) in TextValues())
        {
            yield return new("rep page", $"token {name}", HttpMethod.Get, $"/api/rep/leads/{t.LeadId}/accept?t={Uri.EscapeDataString(value)}", null, null, false);
            yield return new("rep page", $"action {name}", HttpMethod.Get, $"/api/rep/leads/{t.LeadId}/{Uri.EscapeDataString(value)}?t=x", null, null, false);
        }
        foreach (var action in new[] { "qualify", "disqualify", "lost" })
        {
            var fields = new Dictionary<string, string> { ["budget_amount"] = "25000", ["currency"] = "EUR", ["need"] = "Castings", ["reason"] = "no_budget", ["note"] = "n", ["role"] = "buyer", ["timing_date"] = "2027-01-31" };
            foreach (var r in FormFields($"rep page {action}", t.RepLink(t.LeadId, action), fields, ["budget_amount", "currency", "need", "reason", "note", "role", "timing_date", "authority"])) yield return r;
        }
        foreach (var r in Bodies("rep page", HttpMethod.Post, t.RepLink(t.LeadId, "disqualify"), false, json: false, form: true)) yield return r;
        // The forgers' version: the same broken bodies without a valid link are refused before the body is read.
        foreach (var r in Bodies("rep page forged", HttpMethod.Post, $"/api/rep/leads/{t.LeadId}/accept?t=forged", false, json: false, form: true)) yield return r;

        // Mailbox pages (review digest, routed-request mails) and the rep's lead page: the same routes, tokens and bodies.
        foreach (var (name, segment) in IdValues())
        {
            yield return new("mailbox page", $"route id {name}", HttpMethod.Get, $"/api/mailbox/leads/{segment}/release?t=x", null, null, false);
            yield return new("mailbox page", $"post route id {name}", HttpMethod.Post, $"/api/mailbox/leads/{segment}/return_to_sales?t=x", "application/x-www-form-urlencoded", "a=b"u8.ToArray(), false);
            yield return new("rep lead page", $"route id {name}", HttpMethod.Get, $"/api/rep/leads/{segment}?t=x", null, null, false);
        }
        foreach (var (name, value) in TextValues())
        {
            yield return new("mailbox page", $"token {name}", HttpMethod.Get, $"/api/mailbox/leads/{t.LeadId}/confirm_spam?t={Uri.EscapeDataString(value)}", null, null, false);
            yield return new("mailbox page", $"action {name}", HttpMethod.Get, $"/api/mailbox/leads/{t.LeadId}/{Uri.EscapeDataString(value)}?t=x", null, null, false);
            yield return new("rep lead page", $"token {name}", HttpMethod.Get, $"/api/rep/leads/{t.LeadId}?t={Uri.EscapeDataString(value)}", null, null, false);
        }
        foreach (var r in Bodies("mailbox page forged", HttpMethod.Post, $"/api/mailbox/leads/{t.LeadId}/release?t=forged", false, json: false, form: true)) yield return r;
    }

    private static IEnumerable<(string Name, string Value)> TextValues() =>
        FieldValues.Where(v => v.Value is JsonValue value && value.TryGetValue<string>(out _)).Select(v => (v.Name, v.Value!.GetValue<string>()))
            .Where(v => v.Item2.Length < 1000);

    private static IEnumerable<(string Name, string Segment)> RouteValues() =>
    [
        ("hash", "pbx%231"), ("slash", "a%2Fb"), ("backslash", "a%5Cb"), ("question", "a%3Fb"), ("nul", "a%00b"), ("c1", "a%C2%85b"),
        ("dot dot", "..%2F..%2Fetc"), ("invalid utf-8", "a%C3%28b"), ("long", new string('x', 2000)), ("script", "%3Cscript%3E"),
        ("unicode", "%E2%80%AEgpj"), ("empty-ish", "%20"),
    ];

    private static IEnumerable<(string Name, string Segment)> IdValues() =>
    [
        ("past year 9999", "7ZZZZZZZZZZZZZZZZZZZZZZZZZ"), ("top bits set", "8ZZZZZZZZZZZZZZZZZZZZZZZZZ"), ("all zero", "00000000000000000000000000"),
        ("lower case", "01m88v3ctsq0w4vr7qx3cp95qs"), ("27 chars", "01M88V3CTSQ0W4VR7QX3CP95QSX"), ("excluded letters", "01M88V3CTSQ0W4VR7QX3CP95QU"),
        ("nul", "01M88V3CTSQ0W4VR7QX3CP95Q%00"), ("slash", "01M88V3CTSQ0W4VR7QX3CP95Q%2F"), ("hash", "01M88V3CTSQ0W4VR7QX3CP95Q%23"),
        ("long", new string('0', 3000)), ("invalid utf-8", "%C3%28"),
    ];

    /// <summary>Each value into each field of a valid JSON body (paths with dots; array items by index).</summary>
    private static IEnumerable<HostileRequest> JsonFields(string endpoint, string path, JsonNode valid, IReadOnlyList<string> fields, bool admin, HttpMethod? method = null)
    {
        foreach (var field in fields)
        {
            foreach (var (name, value) in FieldValues)
            {
                var body = valid.DeepClone();
                Set(body, field, value?.DeepClone());
                yield return new(endpoint, $"field {field} {name}", method ?? HttpMethod.Post, path, "application/json", Encoding.UTF8.GetBytes(body.ToJsonString()), admin);
            }
        }
    }

    private static IEnumerable<HostileRequest> FormFields(string endpoint, string path, Dictionary<string, string> valid, IReadOnlyList<string> fields)
    {
        foreach (var field in fields)
        {
            foreach (var (name, value) in TextValues().Append(("huge string", new string('x', 100_000))))
            {
                var pairs = new Dictionary<string, string>(valid) { [field] = value };
                var body = string.Join('&', pairs.Select(p => $"{Uri.EscapeDataString(p.Key)}={EscapeLong(p.Value)}"));
                yield return new(endpoint, $"field {field} {name}", HttpMethod.Post, path, "application/x-www-form-urlencoded", Encoding.UTF8.GetBytes(body), false);
            }
        }
    }

    private static IEnumerable<HostileRequest> MultipartFields(string endpoint, string path, Dictionary<string, string> valid, IReadOnlyList<string> fields)
    {
        foreach (var field in fields)
        {
            foreach (var (name, value) in TextValues())
            {
                var pairs = new Dictionary<string, string>(valid) { [field] = value };
                yield return new(endpoint, $"field {field} {name}", HttpMethod.Post, path, "multipart/form-data; boundary=hostileBoundary", Multipart(pairs), false);
            }
        }
    }

    /// <summary>Mutations of the body as a whole: encoding, framing, size, depth, shape.</summary>
    private static IEnumerable<HostileRequest> Bodies(string endpoint, HttpMethod method, string path, bool admin, bool json, bool form, string? raw = null)
    {
        HostileRequest R(string mutation, string? contentType, byte[]? body) => new(endpoint, "body " + mutation, method, path, contentType, body, admin);
        var main = raw ?? (json ? "application/json" : "application/x-www-form-urlencoded");
        yield return R("invalid utf-8", main, [.. "{\"a\":\""u8, 0xC3, 0x28, 0xFF, .. "\"}"u8]);
        yield return R("invalid utf-8 in a name", main, [.. "name="u8, 0xC3, 0x28, .. "&email=a%40b.example"u8]);
        yield return R("empty", main, []);
        yield return R("no content type", null, "{\"a\":1}"u8.ToArray());
        yield return R("wrong content type", "image/png", [0x89, 0x50, 0x4E, 0x47]);
        yield return R("unparsable content type", "a/b/c;;;===", "x"u8.ToArray());
        yield return R("nul bytes", main, [0, 0, 0, 0]);
        yield return R("truncated", main, "{\"email\":\"a@b.exam"u8.ToArray());
        yield return R("BOM then JSON", main, [0xEF, 0xBB, 0xBF, .. "{}"u8]);
        yield return R("deep JSON", "application/json", Encoding.UTF8.GetBytes(new string('[', 5000) + new string(']', 5000)));
        yield return R("deep objects", "application/json", Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"a\":", 1000)) + "1" + new string('}', 1000)));
        yield return R("JSON string", "application/json", "\"just a string\""u8.ToArray());
        yield return R("JSON null", "application/json", "null"u8.ToArray());
        yield return R("JSON huge number", "application/json", Encoding.UTF8.GetBytes("{\"weight\":" + new string('9', 5000) + "}"));
        yield return R("duplicate keys", "application/json", "{\"email\":\"a@b.example\",\"email\":\"c@d.example\"}"u8.ToArray());
        yield return R("5 MB", main, new byte[5 * 1024 * 1024]);
        if (form || raw is not null)
        {
            yield return R("2000 fields", "application/x-www-form-urlencoded", Encoding.UTF8.GetBytes(string.Join('&', Enumerable.Range(0, 2000).Select(i => $"f{i}=v"))));
            yield return R("multipart without boundary", "multipart/form-data", "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb\r\n--x--\r\n"u8.ToArray());
            yield return R("multipart malformed", "multipart/form-data; boundary=x", "--x\r\nthis is not a header\r\n\r\n--y--"u8.ToArray());
            yield return R("multipart unterminated", "multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb"u8.ToArray());
            yield return R("multipart 2000 parts", "multipart/form-data; boundary=hostileBoundary",
                Multipart(Enumerable.Range(0, 2000).ToDictionary(i => $"f{i}", _ => "v")));
            yield return R("multipart file part", "multipart/form-data; boundary=b", "--b\r\nContent-Disposition: form-data; name=\"cv\"; filename=\"cv.exe\"\r\nContent-Type: application/octet-stream\r\n\r\nMZ\r\n--b--\r\n"u8.ToArray());
            yield return R("multipart huge boundary", "multipart/form-data; boundary=" + new string('b', 5000), "--b\r\n"u8.ToArray());
            yield return R("multipart invalid utf-8", "multipart/form-data; boundary=b", [.. "--b\r\nContent-Disposition: form-data; name=\"need\"\r\n\r\n"u8, 0xC3, 0x28, .. "\r\n--b--\r\n"u8]);
        }
    }

    private static byte[] Multipart(IReadOnlyDictionary<string, string> fields)
    {
        var text = new StringBuilder();
        foreach (var (name, value) in fields)
        {
            text.Append(CultureInfo.InvariantCulture, $"--hostileBoundary\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n");
        }
        text.Append("--hostileBoundary--\r\n");
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    // Uri.EscapeDataString refuses strings over 65,520 characters.
    private static string EscapeLong(string value) => value.Length > 60_000 ? string.Concat(value.Chunk(30_000).Select(c => Uri.EscapeDataString(new string(c)))) : Uri.EscapeDataString(value);

    private static void Set(JsonNode root, string path, JsonNode? value)
    {
        var parts = path.Split('.');
        var node = root;
        for (int i = 0; i < parts.Length - 1; i++)
        {
            var next = Child(node, parts[i]);
            if (next is null)
            {
                next = int.TryParse(parts[i + 1], out _) ? new JsonArray() : new JsonObject();
                SetChild(node, parts[i], next);
            }
            node = next;
        }
        SetChild(node, parts[^1], value);
    }

    private static JsonNode? Child(JsonNode node, string part) =>
        node is JsonArray array && int.TryParse(part, out var i) ? (i < array.Count ? array[i] : null) : node[part];

    private static void SetChild(JsonNode node, string part, JsonNode? value)
    {
        if (node is JsonArray array && int.TryParse(part, out var i))
        {
            while (array.Count <= i) array.Add(null);
            array[i] = value;
        }
        else
        {
            node[part] = value;
        }
    }
}
