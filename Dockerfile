# syntax=docker/dockerfile:1
# customer-ledger: one image for the API (`serve`) and the projection worker (`worker`),
# and every other command (`docker compose run --rm api backup --to /backups`).

# Build: every dependency, then `npm run build` (tsc: a broken tree never becomes an image).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY src ./src
RUN npm run build

# Runtime: the compiled JavaScript and production dependencies only, as the unprivileged `node` user.
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    DATA_DIR=/app/data
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
# The evidence bundles' standalone verifier, copied into each bundle as it is.
COPY evidence ./evidence
RUN mkdir -p /app/data /backups && chown node:node /app/data /backups
USER node
# 3000: the API (serve); 9464: the operations port of serve and worker (/metrics, /health, /ready).
EXPOSE 3000 9464
# Liveness of whichever long-running command the container runs: serve and worker both
# answer /health on the operations port (METRICS_PORT). Readiness (/ready) is the
# orchestrator's business: docker-compose.yml gates on it.
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=5 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.METRICS_PORT||9464)+'/health').then((r)=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# Node is the container's only process: it receives docker stop's SIGTERM itself and stops gracefully.
ENTRYPOINT ["node", "dist/cli/main.js"]
CMD ["serve"]
