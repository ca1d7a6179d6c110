using LeadIntake.Core.Dispatch.Assignment;
using LeadIntake.Core.Dispatch.Directory;
using LeadIntake.Core.Dispatch.Links;
using LeadIntake.Functions.Qualification;
using LeadIntake.Functions.Storage;

namespace LeadIntake.Functions.Dispatch;

/// <summary>Dispatch and qualification wiring: the directory and its admin, rotations, account owners, one-time links, rep pages, SLA and recycling.</summary>
internal static class DispatchServiceCollectionExtensions
{
    public static IServiceCollection AddDispatchAndQualification(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton<TableSalesDirectory>();
        services.AddSingleton<SalesDirectoryReader>();
        services.AddSingleton<ISalesDirectory>(sp => sp.GetRequiredService<SalesDirectoryReader>());
        services.AddSingleton<ITeamRotations, TableTeamRotations>();
        services.AddSingleton<IAccountOwners, TableAccountOwners>();
        services.AddSingleton<IUsedLinks, TableUsedLinks>();
        services.AddSingleton<RepLinks>();
        services.AddScoped<SalesDirectoryAdmin>();
        services.AddScoped<SlaWatchHandler>();
        services.AddScoped<RepActionHandler>();
        services.AddScoped<RepLeadPageHandler>();
        services.AddScoped<ManagerActionHandler>();
        services.AddHostedService<SalesDirectorySeedFile>();
        return services;
    }
}
