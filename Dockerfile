# One image for the three services; the command picks the service.
FROM python:3.11-slim-bookworm
RUN apt-get update && apt-get install -y --no-install-recommends gcc g++ make \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml README.md ./
COPY reglament ./reglament
COPY services ./services
COPY rules ./rules
RUN pip install --no-cache-dir . && useradd --system reglament
ENV REGLAMENT_RULES_DIR=/app/rules REGLAMENT_HOST=0.0.0.0 REGLAMENT_RUN_DIR=/var/lib/reglament
USER reglament
CMD ["reglament", "serve", "registry"]
