# Consult for production: one image for the web workers, the mail planner and the RQ workers
# (see docker-compose.yml and README "Production").
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    CONSULT_CONFIG=production \
    UPLOAD_FOLDER=/data/uploads

WORKDIR /app
COPY . .
# Installed in place (-e): the app reads config/, templates/ and migrations/ beside the
# consult package. DejaVu Sans gives the advice letter PDF its full character set.
RUN apt-get update \
    && apt-get install -y --no-install-recommends fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/* \
    && pip install --no-cache-dir -e '.[production]' \
    && useradd --system --create-home consult \
    && mkdir -p /data/uploads /app/instance \
    && chown -R consult /data/uploads /app/instance

USER consult
EXPOSE 8000
CMD ["gunicorn", "--workers", "4", "--bind", "0.0.0.0:8000", "consult:create_app()"]
