using System.Reflection;

namespace LeadIntake.Core.Tests;

public sealed class ArchitectureTests
{
    [Fact]
    public void Core_references_no_Azure_and_no_AspNetCore_assembly()
    {
        var references = typeof(Core.Leads.Lead).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.DoesNotContain(references, r => r.StartsWith("Azure.", StringComparison.Ordinal));
        Assert.DoesNotContain(references, r => r.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
        Assert.DoesNotContain(references, r => r.StartsWith("Microsoft.Extensions.Options", StringComparison.Ordinal));
    }
}
