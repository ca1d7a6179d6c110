using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using LeadIntake.Core.Intake;
using LeadIntake.Core.Intake.Calls;
using LeadIntake.Core.Intake.Email;
using LeadIntake.Core.Leads;

namespace LeadIntake.Benchmarks.Screening;

/// <summary>
/// Builds the <see cref="CapturedLead"/> a corpus record would have become at intake. Forms go through the real
/// <see cref="FormLeadParser"/>, email records through <see cref="SendGridInboundParser"/> (fields from, to, subject,
/// text, spam_score) and call records through <see cref="GenericCallParser"/> then <see cref="CallLeadMerge"/>: each
/// record's fields are mapped exactly as the matching intake endpoint would map them.
/// </summary>
public static class CorpusRecordMapper
{
    /// <summary>The region the call endpoint reads national numbers with (<c>Screening__DefaultPhoneRegion</c>'s default).</summary>
    public const string DefaultPhoneRegion = "FR";

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
            ParseOutcome<CapturedLead>.Parsed parsed => parsed.Value with { ProviderEventId = record.Id },
            ParseOutcome<CapturedLead>.Invalid invalid => throw new FormatException(
                $"Record {record.Id}: the form parser refused it ({string.Join("; ", invalid.Errors.Select(e => $"{e.Field}: {e.Message}"))})."),
            _ => throw new InvalidOperationException("Unknown form parse outcome."),
        };
    }

    /// <summary>An email record as SendGrid Inbound Parse would post it: from, to, subject, text, spam_score.</summary>
    private static CapturedLead MapEmail(CorpusRecord record)
    {
        var fields = new List<KeyValuePair<string, string?>>();
        foreach (var (source, target) in (ReadOnlySpan<(string, string)>)[("from", "from"), ("to", "to"), ("subject", "subject"), ("text", "text"), ("spamScore", "spam_score")])
        {
            if (Field(record, source) is { } value) fields.Add(new(target, value));
        }
        return SendGridInboundParser.Parse(fields, files: null, EmailCaptureRules.Default) switch
        {
            ParseOutcome<CapturedLead>.Parsed parsed => parsed.Value with { ProviderEventId = record.Id },
            ParseOutcome<CapturedLead>.Invalid invalid => throw Refused(record, "SendGrid inbound", invalid.Errors),
            ParseOutcome<CapturedLead>.Ignored ignored => throw new FormatException($"Record {record.Id}: the SendGrid inbound parser ignored it ({ignored.Reason})."),
            _ => throw new InvalidOperationException("Unknown email parse outcome."),
        };
    }

    /// <summary>A call record as the generic call webhook would receive it (docs/intake-formats.md, "Generic call JSON").</summary>
    private static CapturedLead MapCall(CorpusRecord record)
    {
        var call = new JsonObject { ["callId"] = record.Id };
        foreach (var name in (string[])["from", "to", "callerName", "durationSec", "status", "transcript"])
        {
            if (record.Fields.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null) call[name] = JsonNode.Parse(value.GetRawText());
        }
        using var document = JsonDocument.Parse(call.ToJsonString());
        return GenericCallParser.Parse(document.RootElement, DefaultPhoneRegion) switch
        {
            ParseOutcome<CallEvent>.Parsed parsed => CallLeadMerge.Merge(null, parsed.Value) with { ProviderEventId = record.Id },
            ParseOutcome<CallEvent>.Invalid invalid => throw Refused(record, "generic call", invalid.Errors),
            ParseOutcome<CallEvent>.Ignored ignored => throw new FormatException($"Record {record.Id}: the generic call parser ignored it ({ignored.Reason})."),
            _ => throw new InvalidOperationException("Unknown call parse outcome."),
        };
    }

    private static FormatException Refused(CorpusRecord record, string parser, IReadOnlyList<FieldError> errors) =>
        new($"Record {record.Id}: the {parser} parser refused it ({string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}"))}).");

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
