# The two commands of the README, and the fast loop while working. Each installs what is missing first
# (scripts/bootstrap.sh).
PYTHON_VENV := .venv/bin/python
QUALITY ?= h
LECTURE_LANG ?= en

.PHONY: setup lecture test check
setup:
	@bash scripts/bootstrap.sh

lecture: setup  ## render every scene of the lecture into renders/, then its slide decks (LECTURE_LANG=zh: Chinese)
	.venv/bin/saddle render -q $(QUALITY) --lang $(LECTURE_LANG)
	.venv/bin/saddle slides -q $(QUALITY) --lang $(LECTURE_LANG)

test:  ## the whole test suite on every core, slow renders and the small study included (CI runs exactly this)
	@SADDLE_EXTRAS=dev,study,cluster bash scripts/bootstrap.sh
	$(PYTHON_VENV) -m pytest -n auto

check:  ## the loop while working: lint, types, and every test that draws no frame (under 2 minutes)
	@SADDLE_EXTRAS=dev,study,cluster bash scripts/bootstrap.sh
	.venv/bin/ruff check .
	.venv/bin/mypy
	$(PYTHON_VENV) -m pytest -n auto -q -m "not slow and not render"
