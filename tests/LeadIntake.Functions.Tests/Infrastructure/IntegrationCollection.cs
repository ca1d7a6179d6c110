namespace LeadIntake.Functions.Tests.Infrastructure;

/// <summary>
/// Integration tests run one at a time: they measure real queue timing on a 2-core machine, and running them
/// side by side would make the timing tests flaky. Isolation comes from one Azurite account per test.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class IntegrationCollection
{
    public const string Name = "integration";
}
