namespace LeadIntake.Functions.Console;

/// <summary>How people sign in to the cockpit (<c>Console:Auth</c>).</summary>
internal enum ConsoleAuthMode
{
    /// <summary>A sign-in page takes the admin key and sets a protected cookie (local, containers, tests).</summary>
    AdminKey,
    /// <summary>
    /// App Service Authentication (Entra ID) signs people in before the request reaches the app and passes who they
    /// are in <c>X-MS-CLIENT-PRINCIPAL</c>. Trusted only in this mode: elsewhere anyone could send that header.
    /// </summary>
    EasyAuth,
}
