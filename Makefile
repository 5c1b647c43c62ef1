# Backstride: `make run` starts the bot (terminal chat without a token), `make test` checks everything.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: run chat test lint soak season clean messages

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed

run: $(VENV)/.installed  ## the bot; with no TELEGRAM_BOT_TOKEN, the terminal chat
	$(BIN)/python -m bot

chat: $(VENV)/.installed  ## the terminal chat, even with a token configured
	$(BIN)/python -m bot chat

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check bot tests bench
	$(BIN)/ruff format --check bot tests bench
	$(BIN)/mypy

test: lint  ## ruff, mypy and the fast test suite
	$(BIN)/pytest

soak: $(VENV)/.installed-dev  ## the long runs: thorough Hypothesis profile
	SOAK=1 HYPOTHESIS_PROFILE=thorough $(BIN)/pytest

season: $(VENV)/.installed-dev  ## every persona through 16 simulated weeks of coaching
	$(BIN)/python -m bench.season

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis

messages: $(VENV)/.installed-dev  ## re-extract bot/locales/messages.pot and merge it into every .po
	$(BIN)/pybabel -q extract -F babel.cfg -o bot/locales/messages.pot --project=Backstride \
		--copyright-holder="Backstride contributors" --no-location --width=100 .
	$(BIN)/pybabel -q update -i bot/locales/messages.pot -d bot/locales --width=100 \
		--ignore-obsolete
