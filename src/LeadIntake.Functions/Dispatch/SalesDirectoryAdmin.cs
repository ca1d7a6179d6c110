using System.Text.Json;
using System.Text.Json.Nodes;
using LeadIntake.Core.Dispatch;
using LeadIntake.Core.Intake;
using LeadIntake.Functions.Hosting;
using LeadIntake.Functions.Storage;

namespace LeadIntake.Functions.Dispatch;

/// <summary>
/// The admin side of the sales directory (<c>sales/…</c> endpoints). Bodies use the seed format's objects
/// (docs/dispatch.md, "Seed format"); every change is validated by parsing the whole directory it would produce, and
/// errors name the JSON path in the posted body (<c>weight</c>, <c>members[1]</c>, <c>rules[0].team</c>). A change
/// applies to the next lead (this instance's cache is cleared; others reload within <c>Dispatch:DirectoryCacheFor</c>).
/// </summary>
public sealed class SalesDirectoryAdmin(TableSalesDirectory tables, SalesDirectoryReader reader)
{
    public async Task<IResult> ListAsync(string collection, CancellationToken cancellationToken)
    {
        var seed = await tables.ReadSeedAsync(cancellationToken).ConfigureAwait(false);
        var result = new JsonObject { [collection] = seed[collection]?.DeepClone() };
        if (collection == "teams") result["defaultTeam"] = seed["defaultTeam"]?.DeepClone();
        return Json(result);
    }

    public async Task<IResult> UpsertRepAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (await ReadObjectAsync(request, cancellationToken).ConfigureAwait(false) is not { } body) return Malformed();
        var email = (body["email"] as JsonValue)?.TryGetValue<string>(out var e) == true ? e : null;
        var seed = await tables.ReadSeedAsync(cancellationToken).ConfigureAwait(false);
        seed["reps"] = Replace(seed["reps"], body, "email", email);
        if (Errors(seed, "reps[0]", KeyError(email, "email")) is { Count: > 0 } errors) return Problems.Fields(StatusCodes.Status422UnprocessableEntity, "The rep is invalid.", errors);
        await tables.UpsertRepAsync(email!, body, cancellationToken).ConfigureAwait(false);
        reader.Invalidate();
        return Json(body);
    }

    public async Task<IResult> DeactivateRepAsync(string email, CancellationToken cancellationToken)
    {
        var seed = await tables.ReadSeedAsync(cancellationToken).ConfigureAwait(false);
        var rep = (seed["reps"] as JsonArray ?? []).OfType<JsonObject>()
            .FirstOrDefault(r => string.Equals(r["email"]?.GetValue<string>(), email, StringComparison.OrdinalIgnoreCase));
        if (rep is null) return Problems.NotFound("email", "No rep has this email.");
        rep = (JsonObject)rep.DeepClone();
        rep["active"] = false;
        await tables.UpsertRepAsync(email, rep, cancellationToken).ConfigureAwait(false);
        reader.Invalidate();
        return Json(rep);
    }

    public async Task<IResult> UpsertTeamAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (await ReadObjectAsync(request, cancellationToken).ConfigureAwait(false) is not { } body) return Malformed();
        var id = (body["id"] as JsonValue)?.TryGetValue<string>(out var i) == true ? i : null;
        var seed = await tables.ReadSeedAsync(cancellationToken).ConfigureAwait(false);
        seed["teams"] = Replace(seed["teams"], body, "id", id);
        if (Errors(seed, "teams[0]", KeyError(id, "id")) is { Count: > 0 } errors) return Problems.Fields(StatusCodes.Status422UnprocessableEntity, "The team is invalid.", errors);
        await tables.UpsertTeamAsync(id!, body, cancellationToken).ConfigureAwait(false);
        reader.Invalidate();
        return Json(body);
    }

    /// <summary>Body: <c>{"defaultTeam": "general", "rules": [...]}</c> (ordered, replaces all rules), or just the rules array.</summary>
    public async Task<IResult> UpsertRulesAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        JsonNode? body;
        try
        {
            body = await JsonNode.ParseAsync(request.Body, documentOptions: SeedJson, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            return Malformed();
        }
        var seed = await tables.ReadSeedAsync(cancellationToken).ConfigureAwait(false);
        if (body is JsonArray array) body = new JsonObject { ["defaultTeam"] = seed["defaultTeam"]?.DeepClone(), ["rules"] = array.DeepClone() };
        if (body is not JsonObject rules) return Malformed();
        seed["defaultTeam"] = rules["defaultTeam"]?.DeepClone();
        seed["rules"] = rules["rules"]?.DeepClone() ?? new JsonArray();
        var errors = Parse(seed).Where(e => e.Field == "defaultTeam" || e.Field.StartsWith("rules", StringComparison.Ordinal)).ToList();
        if (errors.Count > 0) return Problems.Fields(StatusCodes.Status422UnprocessableEntity, "The rules are invalid.", errors);
        await tables.UpsertRulesAsync(seed["defaultTeam"]?.GetValue<string>(), (JsonArray)seed["rules"]!, cancellationToken).ConfigureAwait(false);
        reader.Invalidate();
        return Json(rules);
    }

    public async Task<IResult> SeedAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var text = new StreamReader(request.Body);
        var (outcome, errors) = await ApplySeedAsync(await text.ReadToEndAsync(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        if (outcome is null) return errors is [{ Field: "$" }] ? Problems.Fields(StatusCodes.Status400BadRequest, "The seed can't be read.", errors) : Problems.Fields(StatusCodes.Status422UnprocessableEntity, "The seed is invalid.", errors);
        return TypedResults.Ok(new { reps = outcome.Directory.Reps.Count, teams = outcome.Directory.Teams.Count, rules = outcome.Rules.Count, defaultTeam = outcome.Directory.DefaultTeamId });
    }

    /// <summary>Validates and stores a whole seed (also used for <c>Dispatch:SeedFile</c> at start).</summary>
    public async Task<(SalesDirectoryParseOutcome.Parsed? Parsed, IReadOnlyList<FieldError> Errors)> ApplySeedAsync(string json, CancellationToken cancellationToken)
    {
        var outcome = SalesDirectorySeed.Parse(json);
        if (outcome is SalesDirectoryParseOutcome.Invalid invalid) return (null, invalid.Errors);
        var parsed = (SalesDirectoryParseOutcome.Parsed)outcome;
        var keyErrors = parsed.Directory.Teams.Select((t, i) => KeyError(t.Id, $"teams[{i}].id")).OfType<FieldError>().ToList();
        if (keyErrors.Count > 0) return (null, keyErrors);
        var seed = (JsonObject)JsonNode.Parse(json, documentOptions: SeedJson)!;
        await tables.ReplaceAsync(seed, cancellationToken).ConfigureAwait(false);
        reader.Invalidate();
        return (parsed, []);
    }

    private static readonly JsonDocumentOptions SeedJson = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    private static async Task<JsonObject?> ReadObjectAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await JsonNode.ParseAsync(request.Body, documentOptions: SeedJson, cancellationToken: cancellationToken).ConfigureAwait(false) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static IResult Malformed() => Problems.Malformed("$", "The body must be a JSON object in the seed format (docs/dispatch.md).");

    private static IResult Json(JsonNode node) => Results.Content(node.ToJsonString(), "application/json");

    /// <summary>The item first, then the others without the one it replaces.</summary>
    private static JsonArray Replace(JsonNode? items, JsonObject item, string key, string? value)
    {
        var others = (items as JsonArray ?? []).OfType<JsonObject>()
            .Where(o => !string.Equals(o[key]?.GetValue<string>(), value, StringComparison.OrdinalIgnoreCase))
            .Select(o => o.DeepClone());
        return [item.DeepClone(), .. others];
    }

    /// <summary>The errors of the item at <paramref name="path"/>, with paths relative to the posted item.</summary>
    private static List<FieldError> Errors(JsonObject seed, string path, FieldError? keyError)
    {
        var errors = Parse(seed)
            .Where(e => e.Field == path || e.Field.StartsWith(path + ".", StringComparison.Ordinal))
            .Select(e => e with { Field = e.Field == path ? "$" : e.Field[(path.Length + 1)..] })
            .ToList();
        if (keyError is not null && errors.All(e => e.Field != keyError.Field)) errors.Add(keyError);
        return errors;
    }

    private static IReadOnlyList<FieldError> Parse(JsonObject seed) =>
        SalesDirectorySeed.Parse(seed.ToJsonString()) is SalesDirectoryParseOutcome.Invalid invalid ? invalid.Errors : [];

    // Keys become RowKeys, which can't hold '/', '\\', '#', '?' or control characters (Table service data model).
    private static FieldError? KeyError(string? key, string field) =>
        key is not null && (key.IndexOfAny(['/', '\\', '#', '?']) >= 0 || key.Any(char.IsControl))
            ? new FieldError(field, "Must not contain '/', '\\', '#', '?' or control characters.") : null;
}
