namespace LeadIntake.Core.Tests.Intake.Email;

/// <summary>Realistic inbound messages written from the providers' documented fields (docs/providers.md).</summary>
internal static class EmailFixtures
{
    public static KeyValuePair<string, string?> F(string name, string? value) => new(name, value);

    public const string QuoteRequestMime =
        "Return-Path: <bruno.lambert@papeteries-lambert.example>\r\n" +
        "From: Bruno Lambert <bruno.lambert@papeteries-lambert.example>\r\n" +
        "To: contact@capteo.example\r\n" +
        "Subject: =?UTF-8?Q?Demande_de_tarif_capteurs?=\r\n" +
        "Message-ID: <CAF1234.5678@mail.papeteries-lambert.example>\r\n" +
        "Date: Thu, 01 Jan 2026 10:00:00 +0100\r\n" +
        "MIME-Version: 1.0\r\n" +
        "Content-Type: multipart/mixed; boundary=\"b1\"\r\n" +
        "\r\n" +
        "--b1\r\n" +
        "Content-Type: text/plain; charset=utf-8\r\n" +
        "Content-Transfer-Encoding: 8bit\r\n" +
        "\r\n" +
        "Bonjour,\r\n\r\nNous souhaiterions recevoir vos tarifs pour une cinquantaine de capteurs de température.\r\n\r\n" +
        "Bien cordialement,\r\nBruno Lambert\r\nResponsable achats\r\nPapeteries Lambert\r\nTél. 02 43 11 22 33\r\n\r\n" +
        "Le mer. 31 déc. 2025 à 09:12, Capteo <contact@capteo.example> a écrit :\r\n> Merci pour votre visite sur notre stand.\r\n" +
        "--b1\r\n" +
        "Content-Type: application/pdf; name=\"cahier-des-charges.pdf\"\r\n" +
        "Content-Disposition: attachment; filename=\"cahier-des-charges.pdf\"\r\n" +
        "Content-Transfer-Encoding: base64\r\n" +
        "\r\n" +
        "JVBERi0xLjQKJcOkw7zDtsOfCjIgMCBvYmoKPDwvTGVuZ3RoIDMgMCBSL0ZpbHRlci9GbGF0ZURlY29kZT4+\r\n" +
        "--b1--\r\n";

    public static string OutOfOfficeMime(string extraHeader, string subject, string from = "Claire Petit <claire.petit@acme-industrie.example>") =>
        $"From: {from}\r\n" +
        "To: contact@capteo.example\r\n" +
        $"Subject: {subject}\r\n" +
        "Message-ID: <ooo-1@acme-industrie.example>\r\n" +
        (extraHeader.Length > 0 ? extraHeader + "\r\n" : string.Empty) +
        (extraHeader.StartsWith("Content-Type", StringComparison.Ordinal) ? string.Empty : "Content-Type: text/plain; charset=utf-8\r\n") +
        "\r\n" +
        "Je suis absente jusqu'au 5 janvier. Pour toute urgence, contactez le 01 84 88 00 00.\r\n";
}
