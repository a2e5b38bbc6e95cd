# Rapport: `make portal` builds the sample portal, `make test` runs every test.
SWIFT ?= swift
CONTENT ?= content
OUT ?= output
RAPPORT_FLAGS ?=
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: portal test deps build release check clean bench

## portal: install what is missing, build, render content/ into output/
portal: build
	.build/debug/rapport build --content $(CONTENT) --out $(OUT) $(RAPPORT_FLAGS)

## test: install what is missing, run every test
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

## check: validate content/ without writing anything
check: build
	.build/debug/rapport check --content $(CONTENT)

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

## deps: libcmark-gfm and its extensions from Debian, installed only when missing
deps:
	@if [ -f /usr/include/cmark-gfm.h ] && [ -f /usr/include/cmark-gfm-core-extensions.h ] \
	    && pkg-config --exists libcmark-gfm 2>/dev/null; then :; else \
	  echo "Installing libcmark-gfm-dev and libcmark-gfm-extensions-dev with apt-get (they are missing)"; \
	  $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libcmark-gfm-dev libcmark-gfm-extensions-dev pkg-config; \
	fi

clean:
	rm -rf .build

## bench: 1k and 10k notes (50k with BENCH_LARGE=1) with the release binary, against Hugo when installed
bench: release
	Tests/Benchmarks/bench.sh
