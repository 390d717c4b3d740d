# newsarchiver: the CLI, the scheduler daemon and Celery workers in one image.
FROM python:3.12-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    NEWSARCHIVER_SITES=/data/sites.toml \
    NEWSARCHIVER_STORAGE=file:///data/archive \
    NEWSARCHIVER_DB=sqlite:////data/index.sqlite3 \
    NEWSARCHIVER_SPOOL=/data/spool \
    NEWSARCHIVER_LOGS=/data/logs

WORKDIR /app
COPY pyproject.toml README.md settings.py scrapy.cfg sites.example.toml ./
COPY spiders ./spiders
COPY storage ./storage
COPY scheduler ./scheduler
COPY demosite ./demosite
RUN pip install . \
    && useradd --create-home --uid 1000 newsarchiver \
    && mkdir -p /data \
    && chown newsarchiver /data

USER newsarchiver
VOLUME ["/data"]
ENTRYPOINT ["newsarchiver"]
CMD ["--help"]
