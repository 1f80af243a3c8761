# notecoder service image: Debian 12, multi-stage, runs as a non-root user.
# Build: docker build -t notecoder .   (the official ICD-10-CM files must be in data/icd10cm/,
# see README "Data"; `make data` puts them there.)
FROM debian:12-slim AS build
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends \
      build-essential cmake ninja-build pkg-config \
      libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev libssl-dev libspdlog-dev \
      libfmt-dev prometheus-cpp-dev libcli11-dev libpugixml-dev zlib1g-dev libmimalloc-dev \
      liblinear-dev libhiredis-dev \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY CMakeLists.txt ./
COPY src src
COPY prompts prompts
COPY web web
COPY data/icd10cm data/icd10cm
RUN cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release \
      -DNOTECODER_BUILD_TESTS=OFF -DNOTECODER_BUILD_BENCH=OFF \
    && cmake --build build -j "$(nproc)" \
    && build/notecoder codes build --src data/icd10cm --out /out/codebook.bin \
    && build/notecoder synth --notes 8000 --labels 200 --seed 1 --codebook /out/codebook.bin \
         --out /tmp/synthetic_notes.jsonl \
    && build/notecoder train --data /tmp/synthetic_notes.jsonl --out /out/model.bin \
         --codebook /out/codebook.bin --C 10 --ngram-max 2 --min-df 2 --sublinear-tf \
    && cp build/notecoder /out/notecoder

FROM debian:12-slim
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends \
      libboost-json1.81.0 libboost-url1.81.0 libssl3 libspdlog1.10 libfmt9 \
      libprometheus-cpp-core1.0 libpugixml1v5 zlib1g libmimalloc2.0 liblinear4 libhiredis0.14 curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home /app notecoder
COPY --from=build /out/notecoder /usr/local/bin/notecoder
COPY --from=build /out/codebook.bin /app/data/codebook.bin
# The demonstration model (synthetic notes, README "ML model"); mount your own over it.
COPY --from=build /out/model.bin /app/data/model.bin
USER notecoder
WORKDIR /app
ENV PORT=8000 HOST=0.0.0.0 NOTECODER_CODEBOOK=/app/data/codebook.bin MODEL_PATH=/app/data/model.bin \
    IO_THREADS=2 CPU_WORKERS=1 LIMIT_CONCURRENCY=32 SHUTDOWN_GRACE_S=20
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=2s CMD curl -fsS "http://127.0.0.1:${PORT}/health" || exit 1
# exec form: the server is PID 1's child-free process and receives SIGTERM directly.
ENTRYPOINT ["/usr/local/bin/notecoder", "serve"]
