# Orchestrator: the web app, for production on PostgreSQL (see compose.yaml and the README).
# Build: docker build -t orchestrator .

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
# The designer (bpmn-js) is bundled by npm and esbuild inside the .NET build.
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props Orchestrator.sln ./
COPY Workflows/Workflows.csproj Workflows/
COPY Activities/Activities.csproj Activities/
COPY Orchestrator/Orchestrator.csproj Orchestrator/
RUN dotnet restore Orchestrator/Orchestrator.csproj
COPY Workflows/ Workflows/
COPY Activities/ Activities/
COPY Orchestrator/ Orchestrator/
COPY workflow-definitions/ workflow-definitions/
RUN dotnet publish Orchestrator/Orchestrator.csproj -c Release -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
# The image's unprivileged user; the data folder is the only place it writes (logs, and SQLite when no PostgreSQL is set).
RUN mkdir -p /var/lib/orchestrator && chown "$APP_UID" /var/lib/orchestrator
USER $APP_UID
# Two malloc arenas, not glibc's eight per core: SQLite's page caches and in-memory sorts are native allocations, and
# memory they free stays in the arena of the thread that used it (the README's "Web app memory" figures the difference).
ENV ASPNETCORE_HTTP_PORTS=8080 \
    Orchestrator__DataDirectory=/var/lib/orchestrator \
    MALLOC_ARENA_MAX=2
EXPOSE 8080
VOLUME /var/lib/orchestrator
ENTRYPOINT ["dotnet", "Orchestrator.dll"]
