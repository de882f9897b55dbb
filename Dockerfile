# syntax=docker/dockerfile:1
# freshcast: one image for every role (API, worker, SageMaker model container). See README "Deploy".
#
#   docker build -t freshcast .                                     # CPU: tfjs-node on node:24-bookworm-slim
#   docker build -t freshcast:gpu --build-arg VARIANT=gpu .         # GPU: tfjs-node-gpu on CUDA 11.2 + cuDNN 8
#   docker build --build-arg VERSION=0.1.0 --build-arg COMMIT=$(git rev-parse HEAD) ...   # image labels
#
#   docker run -p 3000:3000 freshcast              # API (+ in-process jobs): FRESHCAST_ROLE=all (default) | api
#   docker run -e REDIS_URL=... freshcast worker   # a worker (or FRESHCAST_ROLE=worker with no argument)
#   docker run -p 8080:8080 freshcast serve        # SageMaker's contract on 8080 (GET /ping, POST /invocations)
#   docker run freshcast models list               # any other `freshcast` command

ARG VARIANT=cpu
ARG NODE_IMAGE=node:24-bookworm-slim
# @tensorflow/tfjs-node-gpu 4.22.0 downloads libtensorflow 2.9.1 (GPU, linux x86_64), built against
# CUDA 11.2 and cuDNN 8.1: this is NVIDIA's CUDA 11.2.2 runtime image with cuDNN 8 (8.1.1).
ARG CUDA_IMAGE=nvidia/cuda:11.2.2-cudnn8-runtime-ubuntu20.04

FROM ${NODE_IMAGE} AS node

# ---- build: every dependency, compile TypeScript, collect the runtime files into /out ------------------
FROM node AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && node scripts/image-assemble.mjs /out

# ---- the runtime bases: Node 24 with the CPU or GPU TensorFlow package ---------------------------------
FROM node AS base-cpu
ENV TF_NATIVE_PACKAGE=@tensorflow/tfjs-node \
    FRESHCAST_TF_BACKEND=node

FROM ${CUDA_IMAGE} AS base-gpu
COPY --from=node /usr/local/bin/node /usr/local/bin/node
COPY --from=node /usr/local/lib/node_modules/npm /usr/local/lib/node_modules/npm
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm
ENV TF_NATIVE_PACKAGE=@tensorflow/tfjs-node-gpu \
    FRESHCAST_TF_BACKEND=node-gpu

FROM base-${VARIANT} AS base

# ---- deps: production dependencies only, plus the native TensorFlow backend, on the runtime's own base --
FROM base AS deps
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
# tfjs-node is an optional dependency (present on CPU); the GPU package is added without touching the lock.
# npm may skip dependencies' install scripts (allowScripts): run the package's own install script when
# its binding does not load, then require it, so the build fails rather than ship the wasm fallback.
RUN npm ci --omit=dev --no-audit --no-fund \
 && if [ ! -d "node_modules/$TF_NATIVE_PACKAGE" ]; then \
      npm install --no-save --omit=dev --no-audit --no-fund "$TF_NATIVE_PACKAGE@4.22.0"; fi \
 && if ! node -e "require(process.env.TF_NATIVE_PACKAGE)" >/dev/null 2>&1; then \
      (cd "node_modules/$TF_NATIVE_PACKAGE" && npm run install); fi \
 && node -e "require(process.env.TF_NATIVE_PACKAGE)" \
 && npm cache clean --force

# ---- runtime ------------------------------------------------------------------------------------------
FROM base AS runtime
ARG VERSION=0.1.0
ARG COMMIT=unknown
LABEL org.opencontainers.image.title="freshcast" \
      org.opencontainers.image.description="Demand and price forecasting service for fresh-produce retail" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${COMMIT}" \
      org.opencontainers.image.licenses="MIT"
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 freshcast \
 && useradd --system --uid 10001 --gid freshcast --home-dir /app --no-create-home freshcast
WORKDIR /app
ENV NODE_ENV=production \
    FRESHCAST_ROLE=all \
    FRESHCAST_DATA_DIR=/app/data \
    FRESHCAST_STORAGE__DISK__ROOT=/app/models
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /out ./
RUN mkdir -p /app/data /app/models && chown freshcast:freshcast /app/data /app/models
USER 10001:10001
EXPOSE 3000 8080 9464
HEALTHCHECK --interval=15s --timeout=5s --start-period=120s --retries=3 \
  CMD ["node", "/app/dist/src/container/healthcheck.js"]
# tini is PID 1: it reaps zombies and forwards SIGTERM/SIGINT to node, which runs the command itself.
ENTRYPOINT ["tini", "--", "node", "/app/dist/src/container.js"]
CMD []
