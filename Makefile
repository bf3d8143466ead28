# make bench: every benchmark in one run → docs/benchmarks.md (about 10-15 minutes on 2 cores;
#             BENCH_ARGS="--json FILE --keep DIR" passes options to bench/run.py)
# make test:  the whole test suite (python3 dev.py test)
# make run:   the dashboard (python3 dev.py run)
PYTHON ?= python3
VENV_PY := .venv/bin/python

.PHONY: bench test run

bench:
	$(PYTHON) -c "import dev; dev.ensure_venv('requirements-dev.txt'); dev.ensure_chromium()"
	$(VENV_PY) -m bench.run $(BENCH_ARGS)

test:
	$(PYTHON) dev.py test

run:
	$(PYTHON) dev.py run
