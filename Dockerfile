# LeadIntake as a plain container (Azure Container Apps, AKS, any OCI runtime): the same ASP.NET Core app as
# the Functions package, in standalone mode — Kestrel serves /api/..., and the app runs its own queue
# runtime (leads-captured, leads-dispatch, host.json → extensions.queues) and timers. Standalone is the
# default: Functions mode starts only when a Functions host passes --functions-uri.
#
#   docker build -t leadintake:local .
#   docker run --rm -p 8080:8080 -e AzureWebJobsStorage__accountName=<account> ... leadintake:local
#
# See docs/container-apps.md for the settings and the KEDA scale rules.

# ---- run-time data from npm ----------------------------------------------------------------------
# The disposable-email-domains list is embedded into LeadIntake.Core at build time (package.json "dependencies",
# pinned by package-lock.json); --omit=dev leaves out Azurite and maildev, which only development needs.
FROM node:20-bookworm-slim AS npm
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

# ---- build ----------------------------------------------------------------------------------------
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY --from=npm /src/node_modules/ node_modules/

# Restore first, from the project files only, so the restore layer is reused until a package changes.
COPY Directory.* BannedSymbols.txt .editorconfig host.json ./
COPY src/LeadIntake.Core/LeadIntake.Core.csproj src/LeadIntake.Core/
COPY src/LeadIntake.Functions/LeadIntake.Functions.csproj src/LeadIntake.Functions/
RUN dotnet restore src/LeadIntake.Functions/LeadIntake.Functions.csproj

COPY src/ src/
# Framework-dependent: the runtime image below brings ASP.NET Core 10. UseAppHost=false: started with `dotnet`.
RUN dotnet publish src/LeadIntake.Functions/LeadIntake.Functions.csproj \
        --configuration Release --no-restore --output /app/publish -p:UseAppHost=false

# ---- runtime --------------------------------------------------------------------------------------
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app

# One listening address, port 8080 (unprivileged, so the non-root user can bind it). The image's own
# ASPNETCORE_HTTP_PORTS is cleared so that ASP.NET Core doesn't warn about two conflicting settings.
ENV ASPNETCORE_URLS=http://+:8080 \
    ASPNETCORE_HTTP_PORTS= \
    ASPNETCORE_ENVIRONMENT=Production \
    DOTNET_CLI_TELEMETRY_OPTOUT=1

COPY --from=build /app/publish ./

# The .NET images ship a non-root user `app`; APP_UID is its numeric id (a number lets Kubernetes
# runAsNonRoot verify it). The app writes nothing to its own folder.
USER $APP_UID
EXPOSE 8080

ENTRYPOINT ["dotnet", "LeadIntake.Functions.dll"]
