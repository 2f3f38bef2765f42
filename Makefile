# The two commands of the README. Each installs what is missing first (scripts/bootstrap.sh).
PYTHON_VENV := .venv/bin/python
QUALITY ?= l

.PHONY: setup lecture test
setup:
	@bash scripts/bootstrap.sh

lecture: setup  ## render every scene of the lecture into renders/, then its slide decks
	.venv/bin/saddle render -q $(QUALITY)
	.venv/bin/saddle slides -q $(QUALITY)

test:  ## the whole test suite, slow renders and the small study included (CI runs exactly this)
	@SADDLE_EXTRAS=dev,study bash scripts/bootstrap.sh
	$(PYTHON_VENV) -m pytest
