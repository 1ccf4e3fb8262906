# The policykg image: the API (`policykg serve`) and the loader (`policykg build`) of docker-compose.yml.

# The web client's libraries and the API docs page's Swagger UI, from the npm lock file (as `make web`).
FROM node:20-slim AS web
WORKDIR /web
COPY app/web/package.json app/web/package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error --ignore-scripts

FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /srv/policykg

# Dependencies first, so a code change does not reinstall them.
COPY pyproject.toml README.md ./
RUN mkdir -p app graph loaders && touch app/__init__.py graph/__init__.py loaders/__init__.py \
    && pip install -e . && rm -rf app graph loaders

# The code with what it reads beside it (cypher/ queries and schema, the bundled corpus): an editable
# install keeps the paths graph/queries.py and app/settings.py compute relative to the source tree.
COPY app ./app
COPY graph ./graph
COPY loaders ./loaders
COPY cypher ./cypher
COPY data ./data
COPY --from=web /web/node_modules ./app/web/node_modules
RUN pip install --no-deps -e . && python app/web/build_vendor.py && rm -rf app/web/node_modules

RUN useradd --system --home-dir /srv/policykg policykg
USER policykg
EXPOSE 8000
CMD ["policykg", "serve", "--host", "0.0.0.0", "--port", "8000"]
