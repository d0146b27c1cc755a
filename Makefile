# The two commands a new machine needs: `make run` and `make test` (see README.md).
.PHONY: run test check train lock bench-nlu bench-latency bench-load clean

run:            ## install (if needed), train (if needed), start everything, print the chat URL
	bash scripts/run.sh

test:           ## install, train, and run every test layer against the real servers
	bash scripts/test.sh

check:          ## quick: ruff, the rules/language/interview/contract tests and the generated files; no servers, < 30 s
                ## (the worst-case regex search, tests/redos, runs in `make test` only: about a minute)
	.venv/bin/ruff check actions tests rasa_ext scripts bench
	.venv/bin/python scripts/gen_interview.py --check
	.venv/bin/python -m pytest -q tests/rules tests/lang tests/interview tests/contracts

train:          ## force a new training
	bash scripts/bootstrap.sh && . scripts/env.sh && .venv/bin/python scripts/train_if_needed.py --force

lock:           ## rewrite requirements.lock from the current .venv
	.venv/bin/python -m pip freeze --exclude-editable | grep -v '^-e' > requirements.lock

bench-nlu:      ## per-intent F1 and macro-F1 on the held-out split, for each candidate pipeline
	bash scripts/bootstrap.sh && . scripts/env.sh && .venv/bin/python bench/nlu.py

bench-latency:  ## p50/p95/p99 and messages/s of `make run` and `REPLICAS=2 make run` against a `rasa init` bot
	bash scripts/bootstrap.sh && . scripts/env.sh && .venv/bin/python bench/latency.py

bench-load:     ## 50 conversations x 20 turns on the production profile; every event checked in PostgreSQL
	bash scripts/bootstrap.sh && . scripts/env.sh && .venv/bin/python bench/load.py

clean:
	rm -rf models var results .rasa
