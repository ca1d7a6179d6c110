using System.Text.Json.Nodes;
using System.Text.Json;
using LeadIntake.Core.Dispatch.Directory;
using LeadIntake.Core.Intake;
using LeadIntake.Functions.Hosting;
using LeadIntake.Functions.Intake;
using LeadIntake.Functions.Storage;

namespace LeadIntake.Functions.Dispatch;

/// <summary>
/// The admin side of the sales directory (<c>sales/…</c> endpoints). Bodies use the seed format's objects
/// (docs/dispatch.md, "Seed format"); every change is validated by parsing the whole directory it would produce, and
/// errors name the JSON path in the posted body (<c>weight</c>, <c>members[1]</c>, <c>rules[0].team</c>). The whole
/// directory is one stored document (<see cref="TableSalesDirectory"/>): a seed replaces it in one write, an item
/// change is written with the ETag it was read with (changed meanwhile → read, apply and validate again). A change
/// applies to the next lead (this instance's cache is cleared; others reload within <c>Dispatch:DirectoryCacheFor</c>).
/// </summary>
internal sealed class SalesDirectoryAdmin(TableSalesDirectory tables, SalesDirectoryReader reader)
{
    /// <summary>One rep, team or rule list.</summary>
    public const int MaxItemBytes = 256 * 1024;
    /// <summary>A whole seed (its stored, compressed form has its own limit: <see cref="TableSalesDirectory.MaxStoredBytes"/>).</summary>
    public const int MaxSeedBytes = 8 * 1024 * 1024;
    private const int MaxAttempts = 5;

    public async Task<ContentHttpResult> ListAsync(string collection, CancellationToken cancellationToken)
    {
        var seed = await tables.ReadSeedAsync(cancellationToken).ConfigureAwait(false);
        var result = new JsonObject { [collection] = seed[collection]?.DeepClone() };
        if (collection == "teams") result["defaultTeam"] = seed["defaultTeam"]?.DeepClone();
        return Json(result);
    }

    public async Task<Results<ContentHttpResult, ProblemHttpResult>> UpsertRepAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!(await ReadObjectAsync(request, cancellationToken).ConfigureAwait(false)).TryValue(out var body, out var unreadable)) return unreadable;
        var email = (body["email"] as JsonValue)?.TryGetValue<string>(out var e) == true ? e : null;
        return await ChangeAsync(seed =>
        {
            seed["reps"] = Replace(seed["reps"], body, "email", email);
            return Errors(seed, "reps[0]") is { Count: > 0 } errors ? Problems.Fields(StatusCodes.Status422UnprocessableEntity, "The rep is invalid.", errors) : null;
        }, body, cancellationToken).ConfigureAwait(false);
    }

    public async Task<Results<ContentHttpResult, ProblemHttpResult>> DeactivateRepAsync(string email, CancellationToken cancellationToken)
    {
        JsonObject? rep = null;
        return await ChangeAsync(seed =>
        {
            var reps = seed["reps"] as JsonArray ?? [];
            var index = reps.ToList().FindIndex(r => r is JsonObject o && string.Equals(StringOf(o, "email"), email, StringComparison.OrdinalIgnoreCase));
            if (index < 0) return Problems.NotFound("email", "No rep has this email.");
            rep = (JsonObject)reps[index]!.DeepClone();
            rep["active"] = false;
            reps[index] = rep.DeepClone();
            return null;
        }, () => rep!, cancellationToken).ConfigureAwait(false);
    }

    public async Task<Results<ContentHttpResult, ProblemHttpResult>> UpsertTeamAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!(await ReadObjectAsync(request, cancellationToken).ConfigureAwait(false)).TryValue(out var body, out var unreadable)) return unreadable;
        var id = (body["id"] as JsonValue)?.TryGetValue<string>(out var i) == true ? i : null;
        return await ChangeAsync(seed =>
        {
            seed["teams"] = Replace(seed["teams"], body, "id", id);
            return Errors(seed, "teams[0]") is { Count: > 0 } errors ? Problems.Fields(StatusCodes.Status422UnprocessableEntity, "The team is invalid.", errors) : null;
        }, body, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Body: <c>{"defaultTeam": "general", "rules": [...]}</c> (ordered, replaces all rules), or just the rules array.</summary>
    public async Task<Results<ContentHttpResult, ProblemHttpResult>> UpsertRulesAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!(await ReadNodeAsync(request, MaxItemBytes, cancellationToken).ConfigureAwait(false)).TryValue(out var body, out var unreadable)) return unreadable;
        if (body is not (JsonArray or JsonObject)) return Malformed();
        JsonObject? rules = null;
        return await ChangeAsync(seed =>
        {
            rules = body is JsonArray array
                ? new JsonObject { ["defaultTeam"] = seed["defaultTeam"]?.DeepClone(), ["rules"] = array.DeepClone() }
                : (JsonObject)body.DeepClone();
            seed["defaultTeam"] = rules["defaultTeam"]?.DeepClone();
            seed["rules"] = rules["rules"]?.DeepClone() ?? new JsonArray();
            var errors = Parse(seed).Where(e => e.Field == "defaultTeam" || e.Field.StartsWith("rules", StringComparison.Ordinal)).ToList();
            return errors.Count > 0 ? Problems.Fields(StatusCodes.Status422UnprocessableEntity, "The rules are invalid.", errors) : null;
        }, () => rules!, cancellationToken).ConfigureAwait(false);
    }

    public async Task<Results<Ok<Seeded>, ProblemHttpResult>> SeedAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!(await RequestBody.ReadUtf8Async(request, MaxSeedBytes, cancellationToken).ConfigureAwait(false)).TryValue(out var body, out var unreadable)) return unreadable;
        var (outcome, errors) = await ApplySeedAsync(System.Text.Encoding.UTF8.GetString(body), cancellationToken).ConfigureAwait(false);
        if (outcome is null)
        {
            return errors switch
            {
                [{ Field: "$" }] => Problems.Fields(StatusCodes.Status400BadRequest, "The seed can't be read.", errors),
                [{ Field: "body" }] => Problems.Fields(StatusCodes.Status413PayloadTooLarge, "The seed is too large.", errors),
                _ => Problems.Fields(StatusCodes.Status422UnprocessableEntity, "The seed is invalid.", errors),
            };
        }
        return TypedResults.Ok(new Seeded(outcome.Directory.Reps.Count, outcome.Directory.Teams.Count, outcome.Rules.Count, outcome.Directory.DefaultTeamId));
    }

    /// <summary>
    /// Validates a whole seed, then stores it in one write (also used for <c>Dispatch:SeedFile</c> at start). Nothing
    /// is written unless all of it is valid, and a failed write leaves the previous directory as it was.
    /// </summary>
    public async Task<(RoutingSetup? Setup, IReadOnlyList<FieldError> Errors)> ApplySeedAsync(string json, CancellationToken cancellationToken)
    {
        var outcome = SalesDirectorySeed.Parse(json);
        if (outcome is not ParseOutcome<RoutingSetup>.Parsed parsed) return (null, outcome is ParseOutcome<RoutingSetup>.Invalid invalid ? invalid.Errors : [new FieldError("body", "The seed holds no sales directory.")]);
        var seed = (JsonObject)JsonNode.Parse(json, documentOptions: SeedJson)!;
        if (await tables.ReplaceAsync(seed, cancellationToken).ConfigureAwait(false) == DirectoryWriteOutcome.TooLarge)
        {
            return (null, [new FieldError("body", $"The directory is over {TableSalesDirectory.MaxStoredBytes} bytes once compressed.")]);
        }
        reader.Invalidate();
        return (parsed.Value, []);
    }

    // A repeated property is refused while parsing (400), not found later as an exception when the object is read.
    private static readonly JsonDocumentOptions SeedJson = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, AllowDuplicateProperties = false };

    /// <summary>
    /// Reads the directory, applies <paramref name="change"/> (which edits the seed in place, or returns the problem
    /// that stops it) and writes it back with the ETag it was read with; a concurrent change makes it start over.
    /// </summary>
    private Task<Results<ContentHttpResult, ProblemHttpResult>> ChangeAsync(Func<JsonObject, ProblemHttpResult?> change, JsonNode answer, CancellationToken cancellationToken) =>
        ChangeAsync(change, () => answer, cancellationToken);

    private async Task<Results<ContentHttpResult, ProblemHttpResult>> ChangeAsync(Func<JsonObject, ProblemHttpResult?> change, Func<JsonNode> answer, CancellationToken cancellationToken)
    {
        for (int attempt = 1; ; attempt++)
        {
            var stored = await tables.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (change(stored.Seed) is { } problem) return problem;
            switch (await tables.TryWriteAsync(stored.Seed, stored.ETag, cancellationToken).ConfigureAwait(false))
            {
                case DirectoryWriteOutcome.Written:
                    reader.Invalidate();
                    return Json(answer());
                case DirectoryWriteOutcome.TooLarge:
                    return Problems.Field(StatusCodes.Status413PayloadTooLarge, "The directory would be too large.", "body",
                        $"The directory is over {TableSalesDirectory.MaxStoredBytes} bytes once compressed.");
                case DirectoryWriteOutcome.ChangedConcurrently when attempt >= MaxAttempts:
                    return Problems.Field(StatusCodes.Status409Conflict, "The directory is being changed by someone else.", "body", "Try again in a moment.");
            }
        }
    }

    private static async Task<ReadOutcome<JsonObject>> ReadObjectAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!(await ReadNodeAsync(request, MaxItemBytes, cancellationToken).ConfigureAwait(false)).TryValue(out var node, out var problem)) return problem;
        return node is JsonObject body ? body : Malformed();
    }

    /// <summary>The body as JSON; its value is null for a body of <c>null</c>.</summary>
    private static async Task<ReadOutcome<JsonNode?>> ReadNodeAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (!(await RequestBody.ReadUtf8Async(request, maxBytes, cancellationToken).ConfigureAwait(false)).TryValue(out var bytes, out var unreadable)) return unreadable;
        try
        {
            return new ReadOutcome<JsonNode?>.Read(JsonNode.Parse(bytes, documentOptions: SeedJson));
        }
        catch (JsonException)
        {
            return Malformed();
        }
    }

    private static ProblemHttpResult Malformed() => Problems.Malformed("$", "The body must be a JSON object in the seed format (docs/dispatch.md).");

    private static ContentHttpResult Json(JsonNode node) => TypedResults.Content(node.ToJsonString(), "application/json");

    private static string? StringOf(JsonObject item, string key) => (item[key] as JsonValue)?.TryGetValue<string>(out var v) == true ? v : null;

    /// <summary>The item first, then the others without the one it replaces.</summary>
    private static JsonArray Replace(JsonNode? items, JsonObject item, string key, string? value)
    {
        var others = (items as JsonArray ?? []).OfType<JsonObject>()
            .Where(o => !string.Equals(StringOf(o, key), value, StringComparison.OrdinalIgnoreCase))
            .Select(o => o.DeepClone());
        return [item.DeepClone(), .. others];
    }

    /// <summary>The errors of the item at <paramref name="path"/>, with paths relative to the posted item.</summary>
    private static List<FieldError> Errors(JsonObject seed, string path) =>
        Parse(seed)
            .Where(e => e.Field == path || e.Field.StartsWith(path + ".", StringComparison.Ordinal))
            .Select(e => e with { Field = e.Field == path ? "$" : e.Field[(path.Length + 1)..] })
            .ToList();

    private static IReadOnlyList<FieldError> Parse(JsonObject seed) =>
        SalesDirectorySeed.Parse(seed.ToJsonString()) is ParseOutcome<RoutingSetup>.Invalid invalid ? invalid.Errors : [];

    /// <summary><c>{reps, teams, rules, defaultTeam}</c>: what the stored seed holds.</summary>
    internal sealed record Seeded(int Reps, int Teams, int Rules, string? DefaultTeam);
}
