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
        services.AddSingleton<KpiCalendarSource>();
        services.AddSingleton<KpiLeadScan>();
        services.AddSingleton<KpiReports>();
        services.AddSingleton<KpiRecomputation>();
        services.AddSingleton<KpiParquetExport>();
        // Every stage saves through ILeadStore: the projection is noted there, after the lead's own transaction, and
        // written in the background (one hosted buffer per instance).
        services.AddSingleton<KpiProjectionBuffer>(sp => ActivatorUtilities.CreateInstance<KpiProjectionBuffer>(sp, ActivatorUtilities.CreateInstance<TableLeadStore>(sp)));
        services.AddHostedService(sp => sp.GetRequiredService<KpiProjectionBuffer>());
        services.Replace(ServiceDescriptor.Singleton<ILeadStore>(sp => new ProjectingLeadStore(
            ActivatorUtilities.CreateInstance<TableLeadStore>(sp), sp.GetRequiredService<KpiProjectionBuffer>())));
        return services;
    }
}
