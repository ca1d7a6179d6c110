using System.Globalization;

namespace LeadIntake.Benchmarks;

/// <summary>
/// Genuine commercial web-form leads, French and English, from a few templates: each with a unique email and phone
/// (so no lead is a known contact's touch or a contact burst) and a human time-to-submit (no "too fast" signal).
/// </summary>
internal static class LoadLeadForms
{
    private sealed record Template(string Country, string Subject, string Message);

    private static readonly Template[] Templates =
    [
        new("FR", "Demande de devis", "Bonjour, nous équipons notre nouveau site de production à {city} et souhaitons un devis pour {n} capteurs avec l'abonnement à la plateforme. Pouvez-vous nous faire une proposition chiffrée ? Merci."),
        new("FR", "Tarifs et démonstration", "Bonjour, nous étudions plusieurs solutions pour surveiller nos lignes ({n} machines). Quels sont vos tarifs et serait-il possible d'organiser une démonstration la semaine prochaine ?"),
        new("FR", "Projet pilote", "Bonjour, je suis responsable maintenance chez {company}. Nous aimerions lancer un projet pilote sur {n} équipements avant un déploiement sur nos trois usines. Pouvez-vous me rappeler pour en parler ?"),
        new("FR", "Appel d'offres", "Madame, Monsieur, dans le cadre d'un appel d'offres pour la modernisation de notre parc ({n} postes), nous souhaiterions recevoir votre offre de prix et vos délais de livraison."),
        new("EN", "Request for quotation", "Hello, we are expanding to a second site near {city} and are looking for a quote for {n} units including the monthly subscription. Could a sales rep contact me this week?"),
        new("EN", "Pricing and demo", "Hi, we are evaluating your platform to monitor {n} machines across our plants. Could you send your price list and book a demo with our operations team?"),
        new("EN", "Reseller enquiry", "Good morning, {company} is an authorised distributor of industrial equipment. We would like to resell your solution to our customers and need pricing for an initial order of {n} licences."),
        new("EN", "Budget for next quarter", "Hello, we have budget approved for a monitoring project next quarter ({n} assets). What would it cost, and what is your lead time? Happy to set up a meeting."),
    ];

    private static readonly (string First, string Last)[] NamesFr =
        [("Sophie", "Garnier"), ("Julien", "Moreau"), ("Claire", "Lefèvre"), ("Thomas", "Dubois"), ("Élodie", "Marchand"), ("Nicolas", "Perrin")];
    private static readonly (string First, string Last)[] NamesEn =
        [("Emma", "Walker"), ("James", "Hughes"), ("Olivia", "Bennett"), ("Daniel", "Foster"), ("Grace", "Mitchell"), ("Henry", "Clarke")];
    private static readonly (string Company, string Domain, string City)[] CompaniesFr =
        [("Fonderie des Vosges", "fonderie-vosges.example", "Épinal"), ("Plasturgie Rhône", "plasturgie-rhone.example", "Lyon"), ("Mécanique de l'Ouest", "meca-ouest.example", "Nantes"), ("Agroalim Nord", "agroalim-nord.example", "Lille")];
    private static readonly (string Company, string Domain, string City)[] CompaniesEn =
        [("Midlands Castings", "midlands-castings.example", "Birmingham"), ("Northern Packaging", "northern-packaging.example", "Leeds"), ("Severn Engineering", "severn-eng.example", "Bristol"), ("Clyde Food Works", "clydefood.example", "Glasgow")];

    /// <summary>The form body of lead number <paramref name="index"/> of run <paramref name="run"/> (unique email and phone per run).</summary>
    public static Dictionary<string, object> Create(string run, int index)
    {
        var template = Templates[index % Templates.Length];
        bool french = template.Country == "FR";
        var (first, last) = (french ? NamesFr : NamesEn)[(index / Templates.Length) % NamesFr.Length];
        var (company, domain, city) = (french ? CompaniesFr : CompaniesEn)[(index / 3) % CompaniesFr.Length];
        int quantity = 5 + (index * 7 % 200);
        var message = template.Message
            .Replace("{city}", city, StringComparison.Ordinal)
            .Replace("{company}", company, StringComparison.Ordinal)
            .Replace("{n}", quantity.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        // Unique per lead: FR mobile 06 xx xx xx xx, UK mobile 079xx xxxxxx (both valid ranges for libphonenumber).
        var digits = (index % 100_000_000).ToString("D8", CultureInfo.InvariantCulture);
        var phone = french
            ? $"06 {digits[..2]} {digits[2..4]} {digits[4..6]} {digits[6..]}"
            : $"+44 79{digits[..2]} {digits[2..]}";
        return new Dictionary<string, object>
        {
            ["firstName"] = first,
            ["lastName"] = last,
            ["email"] = $"{Ascii(first)}.{Ascii(last)}.{run}-{index}@{domain}",
            ["phone"] = phone,
            ["company"] = company,
            ["jobTitle"] = french ? "Responsable maintenance" : "Operations manager",
            ["country"] = template.Country,
            ["subject"] = template.Subject,
            ["message"] = message,
            ["consent"] = true,
            ["utm_source"] = index % 2 == 0 ? "google" : "linkedin",
            ["utm_medium"] = "cpc",
            ["page"] = french ? "/fr/contact" : "/en/contact",
            ["elapsedMs"] = 25_000 + (int)((long)index * 7919 % 90_000),
        };
    }

    private static string Ascii(string name) =>
        new(name.Normalize(System.Text.NormalizationForm.FormD).Where(c => c < 128 && char.IsLetter(c)).Select(char.ToLowerInvariant).ToArray());
}
