using System.Globalization;
using System.Text.Json;
using LeadIntake.Core.Intake;
using LeadIntake.Core.Leads;

namespace LeadIntake.Benchmarks.Screening;

/// <summary>
/// Builds the <see cref="CapturedLead"/> a corpus record would have become at intake. Forms go through the real
/// <see cref="FormLeadParser"/>; email and call records are mapped here the way their intake endpoints will
/// (provider "mime" and "generic") until those parsers exist and replace this mapping.
/// </summary>
public static class CorpusRecordMapper
{
    public static CapturedLead Map(CorpusRecord record, DateTimeOffset now) => record.Channel switch
    {
        "form" => MapForm(record, now),
        "email" => MapEmail(record),
        "call" => MapCall(record),
        _ => throw new FormatException($"Record {record.Id}: unknown channel '{record.Channel}'."),
    };

    private static CapturedLead MapForm(CorpusRecord record, DateTimeOffset now)
    {
        var fields = record.Fields.EnumerateObject().Select(p => new KeyValuePair<string, string?>(p.Name, Text(p.Value))).ToList();
        return FormLeadParser.Parse(fields, FormParseRules.Default, AntiBotSignals.None, now) switch
        {
            FormParseOutcome.Parsed parsed => parsed.Lead with { ProviderEventId = record.Id },
            FormParseOutcome.Invalid invalid => throw new FormatException(
                $"Record {record.Id}: the form parser refused it ({string.Join("; ", invalid.Errors.Select(e => $"{e.Field}: {e.Message}"))})."),
            _ => throw new InvalidOperationException("Unknown form parse outcome."),
        };
    }

    private static CapturedLead MapEmail(CorpusRecord record)
    {
        var (name, address) = ParseMailbox(Field(record, "from"));
        double? spamScore = record.Fields.TryGetProperty("spamScore", out var score) && score.ValueKind == JsonValueKind.Number
            ? score.GetDouble()
            : null;
        return new CapturedLead
        {
            Channel = Channel.Email,
            Provider = "mime",
            ProviderEventId = record.Id,
            Contact = new Contact { FullName = TextSanitizer.SingleLine(name), Email = TextSanitizer.SingleLine(address) },
            Subject = TextSanitizer.SingleLine(Field(record, "subject")),
            Message = TextSanitizer.MultiLine(Field(record, "text")),
            Signals = AntiBotSignals.None with { ProviderSpamScore = spamScore },
        };
    }

    private static CapturedLead MapCall(CorpusRecord record)
    {
        var extra = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in (string[])["to", "durationSec", "status"])
        {
            if (Field(record, key) is { Length: > 0 } value) extra[key] = value;
        }
        return new CapturedLead
        {
            Channel = Channel.Call,
            Provider = "generic",
            ProviderEventId = record.Id,
            Contact = new Contact { FullName = TextSanitizer.SingleLine(Field(record, "callerName")), Phone = TextSanitizer.SingleLine(Field(record, "from")) },
            Message = TextSanitizer.MultiLine(Field(record, "transcript")),
            ExtraFields = extra,
        };
    }

    /// <summary>
    /// "Name &lt;addr&gt;", "\"Name\" &lt;addr&gt;", "addr (Name)" or a bare address → (display name, address).
    /// </summary>
    public static (string? Name, string? Address) ParseMailbox(string? from)
    {
        if (string.IsNullOrWhiteSpace(from)) return (null, null);
        var text = from.Trim();
        int open = text.LastIndexOf('<');
        int close = text.LastIndexOf('>');
        if (open >= 0 && close > open)
        {
            var name = text[..open].Trim().Trim('"', '\'').Trim();
            return (name.Length == 0 ? null : name, text[(open + 1)..close].Trim());
        }
        int paren = text.IndexOf('(');
        if (paren > 0 && text.EndsWith(')'))
        {
            var name = text[(paren + 1)..^1].Trim();
            return (name.Length == 0 ? null : name, text[..paren].Trim());
        }
        return (null, text);
    }

    private static string? Field(CorpusRecord record, string name) =>
        record.Fields.TryGetProperty(name, out var value) ? Text(value) : null;

    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => value.GetRawText(),
    };
}
