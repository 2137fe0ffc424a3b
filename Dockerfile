# One image for every process of the fleet; compose.yaml picks the command.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

# Dependencies first, so a code change does not reinstall them.
COPY requirements.txt constraints.txt ./
RUN pip install -r requirements.txt -c constraints.txt

RUN useradd --create-home --uid 10001 bazaar \
    && mkdir -p /app/.keys /app/.run/media \
    && chown -R bazaar:bazaar /app/.keys /app/.run \
    && chmod 700 /app/.keys
COPY --chown=bazaar:bazaar . .

USER bazaar
EXPOSE 8000
CMD ["python", "-m", "common.fleet.up"]
