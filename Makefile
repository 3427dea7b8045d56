# Outreach: `make run` starts a local server, `make test` runs every test.

SWIFT ?= swift
PYTHON := $(CURDIR)/.venv/bin/python
export OUTREACH_PYTHON := $(PYTHON)

.PHONY: deps build release run test test-python lint format generate bench clean

deps:
	@scripts/install-deps.sh

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

run: release
	@scripts/run-local.sh

test: deps
	$(SWIFT) build --build-tests
	# One test at a time: many tests drive real servers and subprocesses, and a
	# 2-core machine starves them if every suite runs at once. The whole run
	# takes under two minutes; a test that hangs fails the run after twenty,
	# and the log's last "started" line without its "passed" names it.
	timeout --kill-after=30 1200 $(SWIFT) test --skip-build --no-parallel
	$(MAKE) test-python
	$(MAKE) lint

# The Python client: built from source (its stubs are generated from schema/
# during the build), then tested against an outreachd from .build/debug.
test-python:
	$(PYTHON) -m pip install -q --disable-pip-version-check --no-build-isolation ./clients/python
	OUTREACH_BIN_DIR=$(CURDIR)/.build/debug $(PYTHON) -m unittest discover -s clients/python/tests

lint:
	$(SWIFT) format lint --strict --recursive --parallel Package.swift Sources Tests bench

format:
	$(SWIFT) format --in-place --recursive --parallel Package.swift Sources Tests bench

# One source of truth per message: the gRPC health service is compiled into
# RPC (which OutreachAPI imports), the API into OutreachAPI, and the test
# fixtures' messages into their test targets.
SCHEMAC = .build/debug/schemac

generate:
	$(SWIFT) build --product schemac
	$(SCHEMAC) --schema schema --emit grpc/ --module RPC --no-registry \
		--out Sources/RPC/Generated
	$(SCHEMAC) --schema schema --emit outreach/ --module OutreachAPI \
		--out Sources/OutreachAPI/Generated
	$(SCHEMAC) --schema Tests/RPCTests/Fixtures --module RPCTests --no-registry --no-services \
		--out Tests/RPCTests/Generated
	$(SCHEMAC) --schema Tests/WireTests/Fixtures --module WireTests --registry-name GoldenRegistry \
		--out Tests/WireTests/Generated

clean:
	rm -rf .build
