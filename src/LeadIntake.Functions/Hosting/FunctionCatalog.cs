using LeadIntake.Functions.Dispatch;
using LeadIntake.Functions.Intake;
using LeadIntake.Functions.Reporting;
using LeadIntake.Functions.Screening;

namespace LeadIntake.Functions.Hosting;

/// <summary>
/// Every function of the app, in one list. The standalone runtime, the custom handler and the function.json
/// generator all enumerate this list; a function that is not here does not exist.
/// </summary>
public static class FunctionCatalog
{
    public static IReadOnlyList<HttpFunctionEntry> Http { get; } =
    [
        HttpEntry<IntakeForm>(),
        HttpEntry<GetLead>(),
        HttpEntry<Health>(),
        HttpEntry<ReplayPoison>(),
        HttpEntry<Qualification.RepLeadAction>(),
        HttpEntry<Qualification.RepLeadPage>(),
        HttpEntry<ListSalesReps>(),
        HttpEntry<UpsertSalesRep>(),
        HttpEntry<DeactivateSalesRep>(),
        HttpEntry<ListSalesTeams>(),
        HttpEntry<UpsertSalesTeam>(),
        HttpEntry<UpsertAssignmentRules>(),
        HttpEntry<SeedSalesDirectory>(),
        HttpEntry<IntakeEmail>(),
        HttpEntry<IntakeCall>(),
        HttpEntry<IntakeSocial>(),
        HttpEntry<VerifyMetaWebhook>(),
        HttpEntry<OpenApiDocument>(),
        HttpEntry<ReleaseLead>(),
        HttpEntry<ConfirmSpamLead>(),
        HttpEntry<MailboxLeadAction>(),
        HttpEntry<ExportScreeningFeedback>(),
        HttpEntry<ListLeads>(),
        HttpEntry<ExportLeads>(),
        HttpEntry<Console.ConsoleToday>(),
        HttpEntry<Console.ConsoleSignIn>(),
        HttpEntry<Console.ConsoleSignOut>(),
        HttpEntry<Console.ConsoleLeadList>(),
        HttpEntry<Console.ConsoleLeadPage>(),
        HttpEntry<Console.ConsoleLeadAction>(),
        HttpEntry<Console.ConsoleQuarantine>(),
        HttpEntry<Kpis.GetKpis>(),
        HttpEntry<Kpis.PutKpiSpend>(),
        HttpEntry<Kpis.PutKpiVisitors>(),
        HttpEntry<Kpis.RecomputeKpiMonth>(),
        HttpEntry<Kpis.ExportKpis>(),
        HttpEntry<Kpis.ExportKpiParquet>(),
        HttpEntry<Kpis.KpiPage>(),
        HttpEntry<Kpis.ConsoleSpend>(),
        HttpEntry<Kpis.ConsoleVisitors>(),
    ];

    public static IReadOnlyList<TypedFunctionEntry> Queues { get; } =
    [
        Typed<ScreenLead>(ScreenLead.Declaration),
        Typed<DispatchLead>(DispatchLead.Declaration),
    ];

    public static IReadOnlyList<TypedFunctionEntry> Timers { get; } =
    [
        Typed<SweepCapturedLeads>(SweepCapturedLeads.Declaration),
        Typed<WatchLeadSla>(WatchLeadSla.Declaration),
        Typed<Qualification.RecycleStaleLeads>(Qualification.RecycleStaleLeads.Declaration),
        Typed<DigestLeadsToReview>(DigestLeadsToReview.Declaration),
        Typed<Kpis.RecomputeKpis>(Kpis.RecomputeKpis.Declaration),
    ];

    public static IEnumerable<FunctionDeclaration> All =>
        Http.Select(h => h.Declaration).Concat(Queues.Select(q => q.Declaration)).Concat(Timers.Select(t => t.Declaration));

    /// <summary>The queues whose messages trigger a function (poison replay accepts only these).</summary>
    public static IEnumerable<string> TriggerQueueNames => Queues.Select(q => ((QueueTrigger)q.Declaration.Trigger).QueueName);

    private static HttpFunctionEntry HttpEntry<T>() where T : IHttpFunction => new(T.Declaration, T.Handler);

    private static TypedFunctionEntry Typed<T>(FunctionDeclaration declaration) => new(declaration, typeof(T));
}

/// <summary>An HTTP function: its declaration and its handler.</summary>
public sealed record HttpFunctionEntry(FunctionDeclaration Declaration, Delegate Handler);

/// <summary>A queue or timer function: its declaration and the class resolved from DI to run it.</summary>
public sealed record TypedFunctionEntry(FunctionDeclaration Declaration, Type FunctionType);
