using System.Reflection;
using System.Text.Json;
using LeadIntake.Core.Leads;
using LeadIntake.Functions.Hosting;
using LeadIntake.Functions.Reporting;
using LeadIntake.Functions.Tests.Stages.Fakes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;

namespace LeadIntake.Functions.Tests.Hosting;

/// <summary>
/// Every HTTP function says what it can answer in its return type (<c>Results&lt;Ok&lt;T&gt;, ProblemHttpResult, …&gt;</c>
/// or one typed result), never a plain <see cref="IResult"/>; the standalone invoker hands that typed result to
/// ASP.NET Core, which executes it (docs/conventions.md, "Typed HTTP results").
/// </summary>
public sealed class HttpFunctionsReturnTypedResults
{
    /// <summary>Why a method's answer type is not a typed result, or null when it is one.</summary>
    private static string? Untyped(MethodInfo method)
    {
        var type = method.ReturnType;
        if (type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(Task<>) || type.GetGenericTypeDefinition() == typeof(ValueTask<>)))
        {
            type = type.GetGenericArguments()[0];
        }
        return Untyped(type);
    }

    private static string? Untyped(Type type)
    {
        if (type == typeof(IResult)) return "returns plain IResult";
        if (!typeof(IResult).IsAssignableFrom(type)) return $"returns {type.Name}, which is no IResult";
        if (type.IsInterface || type.IsAbstract) return $"returns the abstract {type.Name}";
        // A union names typed results only, nested unions included.
        if (type.IsGenericType && type.GetGenericTypeDefinition().FullName!.StartsWith("Microsoft.AspNetCore.Http.HttpResults.Results`", StringComparison.Ordinal))
        {
            return type.GetGenericArguments().Select(Untyped).FirstOrDefault(reason => reason is not null);
        }
        return null;
    }

    [Fact]
    public void Every_http_function_returns_a_typed_result_rather_than_plain_IResult()
    {
        var untyped = FunctionCatalog.Http
            .Select(f => (f.Declaration.Name, Reason: Untyped(f.Method)))
            .Where(f => f.Reason is not null)
            .Select(f => $"{f.Name}: {f.Reason}")
            .ToList();

        Assert.True(FunctionCatalog.Http.Count > 30, "the catalog lists the HTTP functions");
        Assert.Empty(untyped);
    }

    [Fact]
    public void The_check_refuses_plain_IResult_and_a_union_that_hides_one()
    {
        Assert.Equal("returns plain IResult", Untyped(typeof(Samples).GetMethod(nameof(Samples.Plain))!));
        Assert.Equal("returns plain IResult", Untyped(typeof(Samples).GetMethod(nameof(Samples.Hidden))!));
        Assert.Null(Untyped(typeof(Samples).GetMethod(nameof(Samples.Typed))!));
    }

    [Fact]
    public async Task The_standalone_invoker_hands_back_the_typed_result_of_an_async_function_and_it_answers_as_before()
    {
        var services = new ServiceCollection().AddLogging().AddSingleton<ILeadStore, InMemoryLeadStore>().BuildServiceProvider();
        var function = FunctionCatalog.Http.Single(f => f.Declaration.Name == "GetLead");
        var context = new DefaultHttpContext { RequestServices = services };
        context.Response.Body = new MemoryStream();

        var answer = await FunctionInvoker.InvokeAsync(function, services, context.Request,
            new Dictionary<string, object?> { ["id"] = "not-a-lead-id" }, CancellationToken.None);

        var union = Assert.IsType<Results<JsonHttpResult<LeadView>, ProblemHttpResult>>(answer);
        var problem = Assert.IsType<ProblemHttpResult>(union.Result);
        Assert.Equal(StatusCodes.Status400BadRequest, problem.StatusCode);
        await union.ExecuteAsync(context);
        Assert.Equal(StatusCodes.Status400BadRequest, context.Response.StatusCode);
        Assert.Equal("application/problem+json", context.Response.ContentType);
        context.Response.Body.Position = 0;
        using var body = await JsonDocument.ParseAsync(context.Response.Body);
        Assert.Equal("id", body.RootElement.GetProperty("errors")[0].GetProperty("field").GetString());
    }

    [Fact]
    public async Task A_retry_after_problem_is_a_503_problem_with_the_delay_in_whole_seconds()
    {
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        context.Response.Body = new MemoryStream();

        RetryAfterProblem problem = Problems.Overloaded(TimeSpan.FromSeconds(2.2));
        await problem.ExecuteAsync(context);

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, problem.StatusCode);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
        Assert.Equal("3", context.Response.Headers.RetryAfter.ToString());
        Assert.Equal("application/problem+json", context.Response.ContentType);
        context.Response.Body.Position = 0;
        using var body = await JsonDocument.ParseAsync(context.Response.Body);
        Assert.Equal("backlog", body.RootElement.GetProperty("errors")[0].GetProperty("field").GetString());
    }

    [Fact]
    public void A_read_outcome_is_either_the_value_or_the_problem_naming_the_field()
    {
        ReadOutcome<string> read = "text";
        ReadOutcome<string> refused = Problems.Malformed("body", "The body is not valid JSON.");

        Assert.True(read.TryValue(out var value, out var none));
        Assert.Equal("text", value);
        Assert.Null(none);
        Assert.False(refused.TryValue(out var missing, out var problem));
        Assert.Null(missing);
        Assert.Equal(StatusCodes.Status400BadRequest, problem.StatusCode);
        Assert.Equal("body", ((IEnumerable<object>)problem.ProblemDetails.Extensions["errors"]!).Cast<object>().Select(e => e.GetType().GetProperty("field")!.GetValue(e)).Single());
    }

    /// <summary>Return types the check must refuse (and one it accepts); never served.</summary>
    private sealed class Samples
    {
        public static Task<IResult> Plain() => throw new NotSupportedException();

        public static Task<Results<Ok<string>, Results<IResult, ProblemHttpResult>>> Hidden() => throw new NotSupportedException();

        public static Task<Results<Ok<string>, ProblemHttpResult>> Typed() => throw new NotSupportedException();
    }
}
