namespace LeadIntake.Core.Privacy;

/// <summary>The lawful bases of GDPR Art. 6(1) a lead-capture tool can rely on (wire names: <c>consent</c>, <c>contract</c>…).</summary>
public enum LawfulBasis
{
    /// <summary>Art. 6(1)(a): the person agreed, specifically, to this purpose; withdrawable at any time.</summary>
    Consent,
    /// <summary>Art. 6(1)(b): steps taken at the person's request before a contract (answering the request).</summary>
    Contract,
    /// <summary>Art. 6(1)(c): a legal obligation of the controller.</summary>
    LegalObligation,
    /// <summary>Art. 6(1)(f): the controller's legitimate interest, balanced against the person's, who may object.</summary>
    LegitimateInterest,
}

/// <summary>The GDPR article of each basis, as the record of processing prints it.</summary>
public static class LawfulBases
{
    public static string Article(LawfulBasis basis) => basis switch
    {
        LawfulBasis.Consent => "Art. 6(1)(a)",
        LawfulBasis.Contract => "Art. 6(1)(b)",
        LawfulBasis.LegalObligation => "Art. 6(1)(c)",
        LawfulBasis.LegitimateInterest => "Art. 6(1)(f)",
        _ => throw new ArgumentOutOfRangeException(nameof(basis), basis, null),
    };
}
