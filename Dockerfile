# syntax=docker/dockerfile:1
# One image per service, built from this repository:
#   docker build --build-arg SERVICE=catalog-service -t museum-events/catalog-service .
# docker-compose.yml builds the four (catalog-service, registration-service, notification-service,
# gateway); the build stage is the same for all four, so BuildKit runs it once.

FROM eclipse-temurin:17.0.15_6-jdk AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -Dmaven.test.skip=true -Dspotless.check.skip=true \
        -pl catalog-service,registration-service,notification-service,gateway -am package

FROM eclipse-temurin:17.0.15_6-jre-alpine
ARG SERVICE
RUN addgroup -S app && adduser -S -G app app
COPY --from=build /src/${SERVICE}/target/${SERVICE}-*.jar /app/app.jar
USER app
# The heap follows the container's memory limit (mem_limit in docker-compose.yml): half of it, since
# a Spring service's metaspace, code cache, thread stacks and buffers take about as much again
# outside the heap. SerialGC (one collector thread, no concurrent structures) and smaller stacks and
# code cache keep the rest small; two malloc arenas stop glibc from reserving one per thread. These
# are the options the benchmark runs the services with (benchmark/README.md, part 7).
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=50 -XX:+UseSerialGC -Xss512k -XX:ReservedCodeCacheSize=64m -XX:+ExitOnOutOfMemoryError"
ENV MALLOC_ARENA_MAX=2
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
