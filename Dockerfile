# MinerWatch: CPU-only image, runs as a non-root user.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 HF_HUB_OFFLINE=1

WORKDIR /app
# CPU build of PyTorch first, so the pinned version never pulls the CUDA build: pass PyTorch's CPU wheel
# index as a build argument (docker build --build-arg TORCH_INDEX_URL=<PyTorch CPU index> .).
ARG TORCH_INDEX_URL=""
RUN if [ -n "$TORCH_INDEX_URL" ]; then pip install --index-url "$TORCH_INDEX_URL" torch==2.13.0; \
    else pip install torch==2.13.0; fi
COPY pyproject.toml README.md ./
COPY minerwatch ./minerwatch
COPY watchers ./watchers
COPY classifiers ./classifiers
COPY store ./store
COPY bot ./bot
RUN pip install .

RUN useradd --create-home --uid 10001 minerwatch && mkdir -p /data && chown minerwatch /data
USER minerwatch
WORKDIR /data
VOLUME /data
# DATABASE_URL, not MINERWATCH_DATABASE__URL: the compose file (or docker run -e) replaces it with PostgreSQL.
ENV DATABASE_URL=sqlite:////data/minerwatch.db

ENTRYPOINT ["minerwatch"]
CMD ["run"]
