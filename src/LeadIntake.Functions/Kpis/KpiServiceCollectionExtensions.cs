using Microsoft.Extensions.DependencyInjection.Extensions;
using LeadIntake.Core.Leads;
using LeadIntake.Functions.Storage;

namespace LeadIntake.Functions.Kpis;

/// <summary>KPI wiring: options, the projection store, and the lead store decorated with the projection.</summary>
internal static class KpiServiceCollectionExtensions
{
    public static IServiceCollection AddKpis(this IServiceCollection services)
    {
        services.AddOptions<KpiOptions>().BindConfiguration(KpiOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<TableKpiStore>();
        services.AddSingleton<KpiProjector>();
        services.AddSingleton<KpiLeadScan>();
        services.AddSingleton<KpiReports>();
        services.AddSingleton<KpiRecomputation>();
        services.AddSingleton<KpiParquetExport>();
        // Every stage saves through ILeadStore: the projection hooks there, after the lead's own transaction.
        services.Replace(ServiceDescriptor.Singleton<ILeadStore>(sp => new ProjectingLeadStore(
            ActivatorUtilities.CreateInstance<TableLeadStore>(sp), sp.GetRequiredService<KpiProjector>(),
            sp.GetRequiredService<IOptions<KpiOptions>>().Value.ProjectionTimeout, sp.GetRequiredService<ILogger<ProjectingLeadStore>>())));
        return services;
    }
}
