using BenchmarkDotNet.Attributes;
using LeadIntake.Core.Leads;
using LeadIntake.Core.Screening;

namespace LeadIntake.Benchmarks.Screening;

/// <summary>
/// Screening one lead end to end (rules, text model, combined decision with explanation, normalisation, intent):
/// target median ≤ 100 µs. Typical leads of each
/// channel, built once; rules and lists are compiled in setup as in the app.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class ScreenLeadBenchmarks
{
    private static readonly DateTimeOffset Now = new(2026, 1, 15, 9, 0, 0, TimeSpan.Zero);
    private Lead _formLead = null!;
    private Lead _emailLead = null!;
    private Lead _callLead = null!;
    private ScreeningContext _context = null!;

    [GlobalSetup]
    public void Setup()
    {
        _context = ScreeningContext.Default;
        _ = _context.Rules.Version;
        _ = _context.DisposableDomains.Count;
        _formLead = Capture(new CapturedLead
        {
            Channel = Channel.Form,
            Provider = "web",
            Contact = new Contact { FirstName = "claire", LastName = "DUPONT", Email = " Claire.Dupont@Acier-Lorraine.Example ", Phone = "03 87 55 12 40", Country = "FR" },
            Message = "Bonjour, nous avons 18 compresseurs et 6 ponts roulants sur deux sites. Pouvez-vous nous envoyer une proposition " +
                      "pour la surveillance vibratoire, avec le prix de l'abonnement ? Décision prévue avant l'été.",
            Signals = AntiBotSignals.None with { TimeToSubmit = TimeSpan.FromSeconds(52) },
        });
        _emailLead = Capture(new CapturedLead
        {
            Channel = Channel.Email,
            Provider = "mime",
            Contact = new Contact { FullName = "Accounts Team", Email = "accounts@harbour-foods.example" },
            Subject = "Invoice query",
            Message = "Hello,\nThe last invoice lists 14 gateways but our contract covers 12. Could you check and send a corrected invoice?\nThanks",
            Signals = AntiBotSignals.None with { ProviderSpamScore = 0.8 },
        });
        _callLead = Capture(new CapturedLead
        {
            Channel = Channel.Call,
            Provider = "generic",
            Contact = new Contact { Phone = "+447700900123" },
            Message = "Hi, I'm calling about the maintenance engineer job advert, I sent my CV last week and wanted to check it arrived.",
        });
    }

    [Benchmark(Baseline = true)]
    public ScreeningOutcome ScreenFormLead() => LeadScreener.Screen(_formLead, _context, Now);

    [Benchmark]
    public ScreeningOutcome ScreenEmailLead() => LeadScreener.Screen(_emailLead, _context, Now);

    [Benchmark]
    public ScreeningOutcome ScreenCallLead() => LeadScreener.Screen(_callLead, _context, Now);

    private static Lead Capture(CapturedLead captured) => Lead.Capture(captured, LeadId.New(Now), Now).Lead;
}
