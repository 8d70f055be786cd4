# syntax=docker/dockerfile:1
# Gongkai's production image: `docker build -t gongkai .` (README › Production › Container image).
# Three stages: `build` compiles TypeScript to dist/ with every dependency installed, `deps`
# installs the runtime dependencies alone, and the final stage holds only what runs:
# dist/, node_modules/, prisma/ (migrations), playground/, examples/ and package.json.
# Node 24 by default (CI tests 20, 22 and 24); `--build-arg NODE_VERSION=22` for another.
ARG NODE_VERSION=24

FROM node:${NODE_VERSION}-bookworm-slim AS base
WORKDIR /app
ENV NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false \
    NPM_CONFIG_AUDIT=false

# --ignore-scripts: no dependency's install script runs (Prisma's engine download, among them:
# the app needs no native engine). The project's own postinstall then generates the Prisma
# client from prisma.config.ts, prisma/schema and scripts/generate.ts. WARNING: tsconfig.json
# must be there first: without it Prisma writes `.ts` import paths that the compiled dist/ cannot load.
FROM base AS build
COPY package.json package-lock.json prisma.config.ts tsconfig.json tsconfig.build.json ./
COPY prisma ./prisma
COPY scripts/generate.ts ./scripts/generate.ts
RUN npm ci --ignore-scripts && npm run postinstall
COPY src ./src
RUN npm run build

# The runtime dependencies. No generation here: dist/ holds the compiled Prisma client.
FROM base AS deps
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force

FROM base AS runtime
ENV NODE_ENV=production \
    PORT=4000 \
    DATA_DIR=/data
# DATA_DIR only matters for the embedded database (no DATABASE_URL): mount a volume there
# (`-v gongkai-data:/data`). With DATABASE_URL nothing is written: the root file system may be read-only.
RUN mkdir -p /data && chown node:node /data
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY prisma ./prisma
COPY playground ./playground
COPY examples ./examples
# The application files stay owned by root: the process cannot change its own code.
USER node
EXPOSE 4000
# Ready = serving and the database answers; 503 while draining after SIGTERM. The slim image has
# no curl, so Node's fetch asks.
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Node runs directly, with no npm in between, so SIGTERM reaches it (graceful drain).
# The same flags as `npm start`. The worker runs `node dist/worker.js`, the deploy step
# `node dist/db-deploy.js` (see compose.yaml).
CMD ["node", "--max-old-space-size=512", "--max-semi-space-size=8", "dist/server.js"]
