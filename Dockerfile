# kubegate in a container (the pre-commit hook kubegate-docker, CI without a build step):
#   docker build -t kubegate . && docker run --rm -v "$PWD:/src" -w /src kubegate lint
FROM debian:12-slim AS build
COPY . /kubegate
RUN bash /kubegate/scripts/setup.sh && cmake --install /kubegate/build --prefix /opt/kubegate

FROM debian:12-slim
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends libyaml-cpp0.7 libfmt9 \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /opt/kubegate/bin/kubegate /usr/local/bin/kubegate
ENTRYPOINT ["kubegate"]
