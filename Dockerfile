# moderator: the daemon, the review queue and the archive in one container.
#   docker build -t moderator .
#   docker run -d -p 127.0.0.1:8000:8000 -v moderator-data:/data \
#     -e MODERATOR_TOKEN_SPRINGFIELD_FACEBOOK=... moderator
# /data holds moderator.toml, conduct-rules.toml and the archive; secrets come from the
# environment (or NAME_FILE pointing at a mounted secret).

FROM python:3.11-slim AS build
WORKDIR /src
COPY pyproject.toml README.md ./
COPY moderator ./moderator
COPY config ./config
COPY models ./models
RUN python -m venv /opt/moderator \
 && /opt/moderator/bin/pip install --no-cache-dir .

FROM python:3.11-slim
RUN useradd --system --uid 10001 --home-dir /data --shell /usr/sbin/nologin moderator \
 && mkdir -p /data \
 && chown moderator:moderator /data
COPY --from=build /opt/moderator /opt/moderator
ENV PATH=/opt/moderator/bin:$PATH \
    MODERATOR_CONFIG=/data/moderator.toml \
    PYTHONUNBUFFERED=1
USER moderator
WORKDIR /data
VOLUME ["/data"]
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["python", "-c", "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4).status != 200)"]
CMD ["moderator", "run", "--web", "--host", "0.0.0.0"]
