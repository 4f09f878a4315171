# The Pipeline scheduler (src/Scheduler) as a container image.
#
#   docker build -t pipeline-scheduler .
#   docker run --rm -p 5000:8080 -e Access__AllowAnonymousRemote=true -e Access__AnonymousRemoteRole=admin \
#       pipeline-scheduler     # embedded mode, open to whoever reaches the port (docs/access.md for sign-in)
#   docker compose up                                       # with PostgreSQL and the other services
#
# Settings come from environment variables, `__` for `:` (ConnectionStrings__Postgres,
# Access__Users__admin__PasswordHash, Engine__WorkerCount, ...), as everywhere else.

# ---------------------------------------------------------------- build
# The output is framework-dependent and ReadyToRun-compiled for the image's architecture: crossgen2
# compiles for either one, so build on the builder's own platform even when the image is for another
# one (docker buildx --platform linux/arm64): no emulated SDK. ReadyToRun code needs no JIT on first
# use, which took a freshly started host's first air-quality run about half of its JIT time (bench/notes.md).
FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG TARGETARCH
WORKDIR /source

# Restore first, from the build files alone, so that the package layer is reused until a project
# file or a package version changes. A new project under src/ that the Scheduler references needs
# its own line here.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/Connectors/Pipeline.Connectors.csproj src/Connectors/
COPY src/Jobs/Pipeline.Jobs.csproj src/Jobs/
COPY src/Scheduler/Pipeline.Scheduler.csproj src/Scheduler/
RUN case "$TARGETARCH" in arm64) echo linux-arm64 ;; *) echo linux-x64 ;; esac > /tmp/rid \
 && dotnet restore src/Scheduler/Pipeline.Scheduler.csproj --runtime "$(cat /tmp/rid)" -p:PublishReadyToRun=true

COPY src/ src/
RUN dotnet publish src/Scheduler/Pipeline.Scheduler.csproj \
        --configuration Release --no-restore --output /app \
        --runtime "$(cat /tmp/rid)" --self-contained false -p:PublishReadyToRun=true -p:UseAppHost=false

# ---------------------------------------------------------------- runtime
# The default aspnet:10.0 image (Ubuntu 24.04) already carries ICU (libicu) and the IANA time zone
# database (tzdata, tzdata-legacy), which TimeZoneInfo.FindSystemTimeZoneById needs for pipelines'
# partitions and schedules; nothing to install. (Chiseled/distroless variants lack them: if you
# switch to one, take an `-extra` tag.)
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app

# Embedded mode keeps its SQLite run store in Engine:DataDirectory; give it a folder the non-root
# user owns (and that a volume can be mounted on). With ConnectionStrings__Postgres set it stays empty.
RUN mkdir -p /var/lib/pipeline && chown "$APP_UID:$APP_UID" /var/lib/pipeline

COPY --from=build /app .

# The image's ASPNETCORE_HTTP_PORTS=8080 chooses the address (every interface); the local default
# http://localhost:5000 applies only when no address is configured. ASPNETCORE_URLS or --urls work too.
ENV Engine__DataDirectory=/var/lib/pipeline
EXPOSE 8080

# `app` (uid 1654) is the non-root user the .NET images ship.
USER $APP_UID

# Healthy when /health/ready answers 200; no curl in the image, so one request over bash's /dev/tcp
# (the same command as docker-compose.yml's, which a test runs against a real scheduler).
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /health/ready HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n' >&3 && head -n1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["dotnet", "Pipeline.Scheduler.dll"]
