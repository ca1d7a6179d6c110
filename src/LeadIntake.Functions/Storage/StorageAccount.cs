using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Queues;

namespace LeadIntake.Functions.Storage;

/// <summary>
/// The clients of the <c>AzureWebJobsStorage</c> account, connected the way Azure Functions connects
/// (docs/functions-host.md, 'Storage connection'): a connection string in <c>AzureWebJobsStorage</c>, or a managed
/// identity through <c>AzureWebJobsStorage__accountName</c> / <c>__tableServiceUri</c> / <c>__queueServiceUri</c>.
/// </summary>
internal sealed class StorageAccount
{
    public const string SettingName = "AzureWebJobsStorage";

    private readonly ClientOptionsConfigurer _configure;

    public TableServiceClient Tables { get; }
    public QueueServiceClient Queues { get; }
    public bool IsDevelopmentStorage { get; }

    public StorageAccount(IConfiguration configuration, ClientOptionsConfigurer? configure = null)
    {
        _configure = configure ?? new ClientOptionsConfigurer();
        var tableOptions = _configure.Configure(new TableClientOptions());
        // Encoding is done by QueueMessageCodec, so the SDK must pass text through untouched.
        var queueOptions = _configure.Configure(new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });

        var connectionString = configuration[SettingName];
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            IsDevelopmentStorage = connectionString.Trim().Equals("UseDevelopmentStorage=true", StringComparison.OrdinalIgnoreCase);
            if (IsDevelopmentStorage) connectionString = DevelopmentStorage.ConnectionString(DevelopmentStorage.DefaultQueuePort, DevelopmentStorage.DefaultTablePort);
            try
            {
                Tables = new TableServiceClient(connectionString, tableOptions);
                Queues = new QueueServiceClient(connectionString, queueOptions);
            }
            catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
            {
                throw new OptionsValidationException(SettingName, typeof(StorageAccount),
                    [$"{SettingName} is not a valid storage connection string: {e.Message}"]);
            }
            return;
        }

        var section = configuration.GetSection(SettingName);
        var accountName = section["accountName"];
        var tableUri = section["tableServiceUri"] ?? (accountName is null ? null : $"https://{accountName}.table.core.windows.net");
        var queueUri = section["queueServiceUri"] ?? (accountName is null ? null : $"https://{accountName}.queue.core.windows.net");
        if (tableUri is null || queueUri is null)
        {
            throw new OptionsValidationException(SettingName, typeof(StorageAccount),
                [$"Set {SettingName} (a connection string, or UseDevelopmentStorage=true) or {SettingName}__accountName (managed identity)."]);
        }
        if (!Uri.TryCreate(tableUri, UriKind.Absolute, out var tables) || !Uri.TryCreate(queueUri, UriKind.Absolute, out var queues))
        {
            throw new OptionsValidationException(SettingName, typeof(StorageAccount),
                [$"{SettingName}__tableServiceUri and {SettingName}__queueServiceUri must be absolute URIs."]);
        }
        TokenCredential credential = section["clientId"] is { Length: > 0 } clientId
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new DefaultAzureCredential();
        Tables = new TableServiceClient(tables, credential, tableOptions);
        Queues = new QueueServiceClient(queues, credential, queueOptions);
    }

    public TableClient Table(string name) => Tables.GetTableClient(name);

    public QueueClient Queue(string name) => Queues.GetQueueClient(name);
}
