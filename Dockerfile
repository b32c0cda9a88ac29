# syntax=docker/dockerfile:1
# busbridge: build with Maven, run as a non-root user on a JRE.
#   docker build -t busbridge .
#   docker run -p 8080:8080 -p 9876:9876 [-e SERVICEBUS_CONNECTION_STRING=...] \
#              [-v $PWD/routes:/app/routes] [-v $PWD/config:/app/config] busbridge

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
# Dependencies first: this layer is rebuilt only when pom.xml changes.
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src ./src
RUN mvn -B -q package -DskipTests

FROM eclipse-temurin:17-jre
# curl only for the HEALTHCHECK below.
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system busbridge \
    && useradd --system --uid 10001 --gid busbridge --home-dir /app --no-create-home busbridge
WORKDIR /app
# Dependency layer (changes rarely), then the thin application jar whose manifest names lib/*.
COPY --from=build /build/target/lib/ lib/
COPY --from=build /build/target/busbridge.jar busbridge.jar
# Read from the working directory, so a volume on /app/config or /app/routes replaces them.
COPY config/ config/
COPY routes/ routes/
# Numeric, so that Kubernetes' runAsNonRoot can verify it is not root.
USER 10001
# HTTP, management, and the optional mTLS listener (busbridge.http.mtls.*).
EXPOSE 8080 9876 8443
# Shell form, so that a management port moved with BUSBRIDGE_MANAGEMENT_PORT is followed.
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
    CMD curl -fsS "http://127.0.0.1:${BUSBRIDGE_MANAGEMENT_PORT:-9876}/observe/health/ready" > /dev/null || exit 1
# Heap from the container's memory limit, not the host's: half of it, as the JVM's own memory outside
# the heap (metaspace, code, thread stacks, Netty's buffers, malloc) takes about 170-250 MB under
# overload; at 75 % a 512 MiB container's RSS reached 611 MB in bench/run.sh's 10x overload (OOM-killed
# by the kernel), at 50 % about 490 MB. Die (and get restarted) rather than limp on OOM.
# A young generation of at least 64 MB: the heap otherwise starts at 1/64 of the memory and grows only
# after full collections, so at 256 connections it stayed near 70 MB and collected 40 times a second
# (17 % of the time in young pauses, a full collection every 0.7 s); with it, young collections are 2.3
# times rarer, full ones almost gone, and it serves about 25 % more requests per second for 30 MB of RSS.
# More JVM flags: JDK_JAVA_OPTIONS.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=50", "-XX:NewSize=64m", "-XX:+ExitOnOutOfMemoryError", "-jar", "busbridge.jar"]
