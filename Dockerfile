# newsarchiver: the CLI, the scheduler daemon, Celery workers and the web app in one image.

# ReplayWeb.page (AGPL-3.0) for the web app's replay: the pinned npm package with its LICENSE,
# kept apart from our sources in /opt/replaywebpage.
FROM node:20-slim AS replaywebpage
ARG REPLAYWEBPAGE_VERSION=2.5.3
WORKDIR /opt/replaywebpage
RUN npm pack --silent replaywebpage@${REPLAYWEBPAGE_VERSION} \
    && tar -xzf replaywebpage-${REPLAYWEBPAGE_VERSION}.tgz --strip-components=1 \
        package/LICENSE package/package.json package/ui.js package/sw.js \
    && rm replaywebpage-${REPLAYWEBPAGE_VERSION}.tgz

FROM python:3.12-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    NEWSARCHIVER_SITES=/data/sites.toml \
    NEWSARCHIVER_STORAGE=file:///data/archive \
    NEWSARCHIVER_DB=sqlite:////data/index.sqlite3 \
    NEWSARCHIVER_SPOOL=/data/spool \
    NEWSARCHIVER_LOGS=/data/logs \
    NEWSARCHIVER_REPLAYWEBPAGE=/opt/replaywebpage

WORKDIR /app
COPY pyproject.toml README.md settings.py scrapy.cfg sites.example.toml ./
COPY spiders ./spiders
COPY storage ./storage
COPY scheduler ./scheduler
COPY demosite ./demosite
COPY webapp ./webapp
COPY --from=replaywebpage /opt/replaywebpage /opt/replaywebpage
RUN pip install . \
    && useradd --create-home --uid 1000 newsarchiver \
    && mkdir -p /data \
    && chown newsarchiver /data

USER 1000
VOLUME ["/data"]
# Healthy while the scheduler daemon or worker this container runs keeps its lease or presence
# fresh in the database (scheduler/healthcheck.py); a one-off `crawl` container has neither.
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
    CMD ["newsarchiver", "healthcheck"]
# No init process of its own: run with `docker run --init` (compose: `init: true`), so that
# crawl processes the daemon started and lost are reaped and signals reach the daemon.
ENTRYPOINT ["newsarchiver"]
CMD ["--help"]
