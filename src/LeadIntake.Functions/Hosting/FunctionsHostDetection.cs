using System.Collections;

namespace LeadIntake.Functions.Hosting;

/// <summary>
/// Whether the Functions host started this process. The host (4.x) passes the worker
/// <c>--functions-uri http://127.0.0.1:N/ --functions-worker-id … --functions-request-id …</c> (plus older
/// <c>--host/--port/--workerId</c> arguments that worker 2.x ignores); the worker reads it as
/// <c>Functions:Worker:HostEndpoint</c> and fails without it. So the signal is exactly what the worker needs.
/// <c>FUNCTIONS_WORKER_RUNTIME</c> is not a signal: it is an app setting that sits in local.settings.json and that
/// users export locally.
/// </summary>
internal static class FunctionsHostDetection
{
    public const string UriArgument = "--functions-uri";
    public const string HostEndpointVariable = "Functions__Worker__HostEndpoint";

    public static bool UnderFunctionsHost(IReadOnlyList<string> args, IDictionary environment) =>
        args.Contains(UriArgument, StringComparer.OrdinalIgnoreCase) || environment.Contains(HostEndpointVariable);
}
