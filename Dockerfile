# SPDX-License-Identifier: Apache-2.0
# syntax=docker/dockerfile:1
# delib serve in a container (Debian 12). Build from the repository's root:
#   docker build -t registry.example.org/delib:0.1.0 .
#   docker run --rm -p 8080:8080 registry.example.org/delib:0.1.0
# The same image runs the other commands (delib batch … in the README's
# Kubernetes Job): its entry point is delib.

# Build stage: the compiler and the -dev packages (scripts/install-deps.sh,
# without the test tool chain), then `cmake --install` of the command and
# the library's data folder into /out.
FROM debian:12-slim AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      build-essential cmake pkg-config \
      libhpdf-dev libpng-dev libjpeg62-turbo-dev libxml2-dev libxslt1-dev libfontconfig-dev \
      libharfbuzz-dev libfribidi-dev libutf8proc-dev libhyphen-dev libmicrohttpd-dev nettle-dev libdeflate-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN cmake -S . -B /build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_INSTALL_PREFIX=/usr \
      -DBUILD_TESTING=OFF -DDELIB_STATIC=OFF \
 && cmake --build /build -j "$(nproc)" \
 && DESTDIR=/out cmake --install /build --component cli --strip \
 && DESTDIR=/out cmake --install /build --component lib --strip

# Runtime stage: the shared libraries, fonts, hyphenation patterns and
# colour profile delib reads; no compiler, no HTTP client; a non-root user.
FROM debian:12-slim AS runtime
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      libxml2 libxslt1.1 libfontconfig1 libharfbuzz0b libharfbuzz-subset0 libfribidi0 libutf8proc2 \
      libhpdf-2.3.0 libhyphen0 libmicrohttpd12 libnettle8 libdeflate0 libpng16-16 libjpeg62-turbo \
      hyphen-fr icc-profiles-free fonts-dejavu-core fonts-dejavu-extra fonts-liberation2 \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --user-group --create-home --home-dir /var/lib/delib \
      --shell /usr/sbin/nologin delib
COPY --from=build /out/usr/ /usr/
USER delib
WORKDIR /var/lib/delib
EXPOSE 8080
# /healthz answers {"status":"ok",…} (503 while stopping), asked with bash
# alone: the image carries no HTTP client.
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /healthz HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
# SIGTERM: new connections refused, requests in flight finish, exit 0.
STOPSIGNAL SIGTERM
ENTRYPOINT ["/usr/bin/delib"]
CMD ["serve", "--listen", "0.0.0.0:8080"]
