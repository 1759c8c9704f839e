# kubegate in a container (the pre-commit hook kubegate-docker, CI without a build step):
#   docker build -t kubegate . && docker run --rm -v "$PWD:/src" -w /src kubegate lint
FROM debian:12-slim AS build
COPY . /kubegate
RUN bash /kubegate/scripts/setup.sh && cmake --install /kubegate/build --prefix /opt/kubegate

# The binary is static (scripts/setup.sh): the runtime image needs nothing else.
FROM debian:12-slim
COPY --from=build /opt/kubegate/bin/kubegate /usr/local/bin/kubegate
ENTRYPOINT ["kubegate"]
