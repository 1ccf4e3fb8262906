# The policykg image: the API (`policykg serve`) and the loader (`policykg build`) of docker-compose.yml.
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
RUN pip install --no-deps -e .

RUN useradd --system --home-dir /srv/policykg policykg
USER policykg
EXPOSE 8000
CMD ["policykg", "serve", "--host", "0.0.0.0", "--port", "8000"]
