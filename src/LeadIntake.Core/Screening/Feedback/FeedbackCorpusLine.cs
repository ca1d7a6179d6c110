using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using LeadIntake.Core.Leads;

namespace LeadIntake.Core.Screening.Feedback;

/// <summary>
/// Writes a feedback example as one line of the labeled corpus format (docs/screening.md, "The review band and the feedback loop"):
/// <c>{"id","channel","lang","label","source":"feedback","fields":{…}}</c> with the channel's raw field names, so the
/// trainer reads it like any corpus record. Contacts carry no address: an email is <c>x@{domain}</c> (the form and
/// email parsers need one), a call has no number. Pure.
/// </summary>
public static class FeedbackCorpusLine
{
    /// <summary>Stands in for the local part of an email address, which is never stored.</summary>
    public const string LocalPart = "x";

    private static readonly JsonWriterOptions Options = new()
    {
        // Accented text stays readable; JSON-breaking characters are still escaped.
        Encoder = JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    public static string Write(FeedbackExample example)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteString("id", $"feedback-{example.LeadId.Value}");
            json.WriteString("channel", CorpusChannel(example.Channel));
            if (example.Language is { } lang) json.WriteString("lang", lang);
            else json.WriteNull("lang");
            json.WriteString("label", WireNames.Of(example.Label));
            json.WriteString("source", "feedback");
            json.WriteString("correction", WireNames.Of(example.Source));
            json.WriteString("correctedAt", example.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            json.WriteStartObject("fields");
            var email = example.EmailDomain is { } domain ? $"{LocalPart}@{domain}" : null;
            switch (example.Channel)
            {
                case Channel.Call:
                    Field(json, "callerName", example.FullName ?? Join(example.FirstName, example.LastName));
                    Field(json, "transcript", example.Message);
                    break;
                case Channel.Email:
                    var name = example.FullName ?? Join(example.FirstName, example.LastName);
                    Field(json, "from", email is null ? null : name is null ? email : $"\"{name.Replace("\"", "'", StringComparison.Ordinal)}\" <{email}>");
                    Field(json, "subject", example.Subject);
                    Field(json, "text", example.Message);
                    break;
                default:
                    Field(json, "firstName", example.FirstName ?? example.FullName);
                    Field(json, "lastName", example.LastName);
                    Field(json, "email", email);
                    Field(json, "company", example.Company);
                    Field(json, "subject", example.Subject);
                    Field(json, "message", example.Message);
                    break;
            }
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The corpus knows form, email and call; a social lead form is a form.</summary>
    public static string CorpusChannel(Channel channel) => channel switch
    {
        Channel.Email => "email",
        Channel.Call => "call",
        _ => "form",
    };

    private static string? Join(string? first, string? last) =>
        (first, last) switch { (null, null) => null, (var f, null) => f, (null, var l) => l, var (f, l) => $"{f} {l}" };

    private static void Field(Utf8JsonWriter json, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value)) json.WriteString(name, value);
    }
}
