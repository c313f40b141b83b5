# MinerWatch: CPU-only image, runs as a non-root user.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 HF_HUB_OFFLINE=1

WORKDIR /app
# The CPU build of PyTorch first (about 200 MB instead of several GB of CUDA libraries), so that `pip install .`
# finds torch==2.13.0 already there. uv's --torch-backend picks PyTorch's own wheels for that backend; the default
# is the CPU. A GPU host can build with e.g. --build-arg TORCH_BACKEND=cu126.
ARG TORCH_BACKEND=cpu
RUN pip install uv && uv pip install --system --torch-backend "$TORCH_BACKEND" torch==2.13.0 && pip uninstall -y uv
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
