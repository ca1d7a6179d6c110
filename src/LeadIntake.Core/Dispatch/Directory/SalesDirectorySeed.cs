using System.Globalization;
using System.Text.Json;
using LeadIntake.Core.Intake;
using LeadIntake.Core.Leads;
using LeadIntake.Core.Localization;

namespace LeadIntake.Core.Dispatch.Directory;

/// <summary>
/// Reads the sales directory seed (reps, teams, ordered rules) from JSON. The format is documented in
/// docs/dispatch.md, "Seed format". Every problem is reported with its JSON path (<c>reps[2].weight</c>), all at once,
/// so an admin fixes the file in one go.
/// </summary>
public static class SalesDirectorySeed
{
    public const int MaxWeight = 1000;
    public const int MaxEmailLength = 254;
    public const int MaxIdLength = 128;

    /// <summary>Characters a Table Storage key can't hold (control characters are already spaces: one-line values).</summary>
    private static readonly char[] KeyUnsafe = ['/', '\\', '#', '?'];

    public static ParseOutcome<RoutingSetup> Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, AllowDuplicateProperties = false });
        }
        catch (JsonException ex)
        {
            return new ParseOutcome<RoutingSetup>.Invalid([new FieldError("$", $"Not valid JSON: {ex.Message}")]);
        }
        using (document)
        {
            var errors = new List<FieldError>();
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return new ParseOutcome<RoutingSetup>.Invalid([new FieldError("$", "The seed must be a JSON object.")]);
            }
            var reader = new SeedReader(errors);
            var reps = reader.Array(root, "reps", "reps").Select((e, i) => reader.Rep(e, $"reps[{i}]")).OfType<SalesRep>().ToList();
            foreach (var dup in reps.GroupBy(r => r.Email, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
            {
                errors.Add(new FieldError("reps", $"The email '{dup.Key}' appears {dup.Count()} times."));
            }
            var repEmails = reps.Select(r => r.Email).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var teams = reader.Array(root, "teams", "teams").Select((e, i) => reader.Team(e, $"teams[{i}]", repEmails)).OfType<SalesTeam>().ToList();
            foreach (var dup in teams.GroupBy(t => t.Id, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
            {
                errors.Add(new FieldError("teams", $"The team id '{dup.Key}' appears {dup.Count()} times."));
            }
            var teamIds = teams.Select(t => t.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var rules = reader.Array(root, "rules", "rules").Select((e, i) => reader.Rule(e, $"rules[{i}]", teamIds)).OfType<AssignmentRule>().ToList();
            foreach (var dup in rules.GroupBy(r => r.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
            {
                errors.Add(new FieldError("rules", $"The rule name '{dup.Key}' appears {dup.Count()} times."));
            }
            var defaultTeam = reader.String(root, "defaultTeam", "", required: true);
            if (defaultTeam is not null && !teamIds.Contains(defaultTeam))
            {
                errors.Add(new FieldError("defaultTeam", $"No team has the id '{defaultTeam}'."));
            }
            if (errors.Count > 0) return new ParseOutcome<RoutingSetup>.Invalid(errors);
            var directory = new SalesDirectory { Reps = reps, Teams = teams, DefaultTeamId = defaultTeam! };
            return new ParseOutcome<RoutingSetup>.Parsed(new RoutingSetup(directory, rules));
        }
    }

    private sealed class SeedReader(List<FieldError> errors)
    {
        public SalesRep? Rep(JsonElement e, string path)
        {
            if (!IsObject(e, path)) return null;
            int before = errors.Count;
            var email = Email(e, "email", path, required: true);
            var name = String(e, "name", path, required: true);
            var languages = LanguageCodes(e, "languages", path);
            var territory = TerritoryOf(e, "territory", path);
            var segments = Enums<Segment>(e, "segments", path);
            var weight = Int(e, "weight", path, 1, MaxWeight) ?? 1;
            var capacity = Int(e, "dailyCapacity", path, 0, 100_000);
            var active = Bool(e, "active", path) ?? true;
            var away = Time(e, "outOfOfficeUntil", path);
            if (errors.Count > before) return null;
            return new SalesRep
            {
                Email = email!, Name = name!, Languages = languages, Territory = territory, Segments = segments,
                Weight = weight, DailyCapacity = capacity, Active = active, OutOfOfficeUntil = away,
            };
        }

        public SalesTeam? Team(JsonElement e, string path, HashSet<string> repEmails)
        {
            if (!IsObject(e, path)) return null;
            int before = errors.Count;
            var id = String(e, "id", path, required: true);
            if (id is not null && (id.Length > MaxIdLength || id.IndexOfAny(KeyUnsafe) >= 0))
            {
                errors.Add(new FieldError($"{path}.id", $"Must be at most {MaxIdLength} characters, without '/', '\\', '#' or '?'."));
            }
            var name = String(e, "name", path, required: false) ?? id;
            var members = Strings(e, "members", path);
            for (int i = 0; i < members.Count; i++)
            {
                if (!repEmails.Contains(members[i])) errors.Add(new FieldError($"{path}.members[{i}]", $"No rep has the email '{members[i]}'."));
            }
            var manager = Email(e, "manager", path, required: true);
            var fallback = Email(e, "fallbackOwner", path, required: false) ?? manager;
            var zone = TimeZoneOf(e, "timeZone", path);
            var language = String(e, "language", path, required: false)?.ToLowerInvariant();
            if (language is not null && !RepTexts.Languages.Contains(language))
            {
                errors.Add(new FieldError($"{path}.language", $"Must be one of: {string.Join(", ", RepTexts.Languages)}."));
            }
            var sla = Sla(e, "sla", path);
            if (errors.Count > before) return null;
            return new SalesTeam
            {
                Id = id!, Name = name!, Members = members, ManagerEmail = manager!, FallbackOwner = fallback!,
                TimeZone = zone, Language = language, Sla = sla,
            };
        }

        public AssignmentRule? Rule(JsonElement e, string path, HashSet<string> teamIds)
        {
            if (!IsObject(e, path)) return null;
            int before = errors.Count;
            var name = String(e, "name", path, required: true);
            var team = String(e, "team", path, required: true);
            if (team is not null && !teamIds.Contains(team)) errors.Add(new FieldError($"{path}.team", $"No team has the id '{team}'."));
            var rule = new AssignmentRule
            {
                Name = name ?? "",
                TeamId = team ?? "",
                Territory = TerritoryOf(e, "territory", path),
                Languages = LanguageCodes(e, "languages", path),
                Segments = Enums<Segment>(e, "segments", path),
                Channels = Enums<Channel>(e, "channels", path),
                Keywords = Strings(e, "keywords", path),
            };
            return errors.Count > before ? null : rule;
        }

        public IEnumerable<JsonElement> Array(JsonElement parent, string property, string path)
        {
            if (!parent.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null) return [];
            if (value.ValueKind == JsonValueKind.Array) return value.EnumerateArray().ToList();
            errors.Add(new FieldError(path, "Must be an array."));
            return [];
        }

        public string? String(JsonElement parent, string property, string path, bool required)
        {
            var full = Join(path, property);
            if (!parent.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                if (required) errors.Add(new FieldError(full, "Required."));
                return null;
            }
            if (value.ValueKind != JsonValueKind.String)
            {
                errors.Add(new FieldError(full, "Must be a string."));
                return null;
            }
            // Names and ids end up in mail subjects and explanations: one line only.
            var text = TextSanitizer.SingleLine(value.GetString());
            if (text is null && required) errors.Add(new FieldError(full, "Required."));
            return text;
        }

        private string? Email(JsonElement parent, string property, string path, bool required)
        {
            var text = String(parent, property, path, required);
            // A rep's email keys their row, rotation and links: '/', '\\', '#' and '?' are legal in a quoted local part
            // in theory, never in a rep's mailbox in practice, and a storage key can't hold them.
            if (text is not null && (EmailAt(text) is < 1 || text.Length > MaxEmailLength || text.Contains(' ', StringComparison.Ordinal) || text.IndexOfAny(KeyUnsafe) >= 0))
            {
                errors.Add(new FieldError(Join(path, property), "Must be an email address (at most 254 characters, without '/', '\\', '#' or '?')."));
                return null;
            }
            return text;
        }

        private static int EmailAt(string text)
        {
            int at = text.LastIndexOf('@');
            return at > 0 && at < text.Length - 1 ? at : -1;
        }

        private List<string> Strings(JsonElement parent, string property, string path)
        {
            var full = Join(path, property);
            var list = new List<string>();
            int i = 0;
            foreach (var item in Array(parent, property, full))
            {
                if (item.ValueKind == JsonValueKind.String && TextSanitizer.SingleLine(item.GetString()) is { } text) list.Add(text);
                else errors.Add(new FieldError($"{full}[{i}]", "Must be a non-empty string."));
                i++;
            }
            return list;
        }

        private List<string> LanguageCodes(JsonElement parent, string property, string path)
        {
            var codes = Strings(parent, property, path);
            for (int i = 0; i < codes.Count; i++)
            {
                if (codes[i].Length != 2 || !codes[i].All(char.IsAsciiLetter)) errors.Add(new FieldError($"{Join(path, property)}[{i}]", "Must be an ISO 639-1 code such as 'fr'."));
            }
            return codes.Select(c => c.ToLowerInvariant()).ToList();
        }

        private List<TEnum> Enums<TEnum>(JsonElement parent, string property, string path) where TEnum : struct, Enum
        {
            var list = new List<TEnum>();
            var words = Strings(parent, property, path);
            for (int i = 0; i < words.Count; i++)
            {
                if (WireNames.TryParse<TEnum>(words[i], out var value)) list.Add(value);
                else errors.Add(new FieldError($"{Join(path, property)}[{i}]", $"Must be one of: {string.Join(", ", WireNames.All<TEnum>())}."));
            }
            return list;
        }

        private Territory TerritoryOf(JsonElement parent, string property, string path)
        {
            var full = Join(path, property);
            if (!parent.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null) return Territory.Anywhere;
            if (!IsObject(value, full)) return Territory.Anywhere;
            var countries = Strings(value, "countries", full);
            for (int i = 0; i < countries.Count; i++)
            {
                if (countries[i].Length != 2 || !countries[i].All(char.IsAsciiLetter)) errors.Add(new FieldError($"{full}.countries[{i}]", "Must be an ISO 3166-1 alpha-2 code such as 'FR'."));
            }
            return new Territory
            {
                Countries = countries.Select(c => c.ToUpperInvariant()).ToList(),
                Regions = Strings(value, "regions", full),
                PostcodePrefixes = Strings(value, "postcodePrefixes", full).Select(p => p.Replace(" ", "", StringComparison.Ordinal)).ToList(),
            };
        }

        private TeamSla Sla(JsonElement parent, string property, string path)
        {
            var full = Join(path, property);
            if (!parent.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null) return TeamSla.Default;
            if (!IsObject(value, full)) return TeamSla.Default;
            var accept = Int(value, "acceptWithinMinutes", full, 1, 7 * 24 * 60);
            var reassign = Int(value, "reassignAfterMinutes", full, 1, 7 * 24 * 60);
            var max = Int(value, "maxReassignments", full, 0, 100);
            var sla = new TeamSla
            {
                AcceptWithin = accept is { } a ? TimeSpan.FromMinutes(a) : TeamSla.Default.AcceptWithin,
                ReassignAfter = reassign is { } r ? TimeSpan.FromMinutes(r) : TeamSla.Default.ReassignAfter,
                MaxReassignments = max ?? TeamSla.Default.MaxReassignments,
            };
            if (sla.ReassignAfter <= sla.AcceptWithin)
            {
                errors.Add(new FieldError($"{full}.reassignAfterMinutes", "Must be longer than acceptWithinMinutes: the rep is reminded first."));
            }
            return sla;
        }

        private TimeZoneInfo TimeZoneOf(JsonElement parent, string property, string path)
        {
            var id = String(parent, property, path, required: false);
            if (id is null) return TimeZoneInfo.Utc;
            if (TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone)) return zone;
            errors.Add(new FieldError(Join(path, property), $"Unknown time zone '{id}': use an IANA id such as 'Europe/Paris'."));
            return TimeZoneInfo.Utc;
        }

        private int? Int(JsonElement parent, string property, string path, int min, int max)
        {
            if (!parent.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null) return null;
            if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) && n >= min && n <= max) return n;
            errors.Add(new FieldError(Join(path, property), $"Must be a whole number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}."));
            return null;
        }

        private bool? Bool(JsonElement parent, string property, string path)
        {
            if (!parent.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null) return null;
            if (value.ValueKind is JsonValueKind.True or JsonValueKind.False) return value.GetBoolean();
            errors.Add(new FieldError(Join(path, property), "Must be true or false."));
            return null;
        }

        private DateTimeOffset? Time(JsonElement parent, string property, string path)
        {
            var text = String(parent, property, path, required: false);
            if (text is null) return null;
            // An offset is required: "back on the 20th" means the rep's midnight, not the server's.
            if (DateTimeOffset.TryParseExact(text, ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"],
                    CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) && (text.EndsWith('Z') || text.Contains('+', StringComparison.Ordinal) || text.LastIndexOf('-') > 9))
            {
                return time;
            }
            errors.Add(new FieldError(Join(path, property), "Must be an ISO 8601 time with an offset, such as 2025-08-20T09:00:00+02:00."));
            return null;
        }

        private bool IsObject(JsonElement e, string path)
        {
            if (e.ValueKind == JsonValueKind.Object) return true;
            errors.Add(new FieldError(path, "Must be an object."));
            return false;
        }

        private static string Join(string path, string property) => path.Length == 0 ? property : $"{path}.{property}";
    }
}
