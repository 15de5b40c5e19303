# Tierdesk: `make serve` runs the app, `make test` runs every test. Both install what is
# missing (and skip what is already there at the right version) first.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

# Tools and the build cache live outside the clone, so repeated runs (and CI) reuse them.
TOOLS ?= $(HOME)/.cache/tierdesk
export CARGO_TARGET_DIR ?= $(TOOLS)/target
export PATH := $(HOME)/.cargo/bin:$(TOOLS)/binaryen/node_modules/.bin:$(PATH)
export CHROMEDRIVER ?= /usr/bin/chromedriver

TRUNK_VERSION := 0.21.14
WASM_BINDGEN_VERSION := 0.2.130
BINARYEN_VERSION := 132.0.0
PORT ?= 8080
E2E := tests/e2e
# Browser test files (wasm-bindgen-test in headless Chromium): tests/browser_*.rs
BROWSER_TESTS := $(patsubst tests/%.rs,%,$(wildcard tests/browser_*.rs))

.PHONY: help serve build test test-native test-browser test-e2e tools test-tools clean-cache

help:
	@echo "make serve   build the release app and serve it on http://127.0.0.1:$(PORT)"
	@echo "make test    run every test: native, browser (IndexedDB) and end-to-end"
	@echo "make build   release build into dist/"

## The app ---------------------------------------------------------------------------------

serve: build
	@echo "Tierdesk is at http://127.0.0.1:$(PORT)/  (Ctrl-C stops it)"
	python3 -m http.server $(PORT) --bind 127.0.0.1 --directory dist

build: tools
	trunk build --release

## Tests -----------------------------------------------------------------------------------

test: tools test-tools test-native test-browser test-e2e
	@echo "All tests passed."

test-native:
	cargo test --locked

test-browser: tools test-tools
	@for t in $(BROWSER_TESTS); do \
	  echo "== browser test $$t"; \
	  cargo test --locked --target wasm32-unknown-unknown --test $$t; \
	done

test-e2e: build test-tools
	cd $(E2E) && npx playwright test

## Installing what is missing --------------------------------------------------------------

tools:
	@rustup target list --installed | grep -qx wasm32-unknown-unknown \
	  || rustup target add wasm32-unknown-unknown
	@if [ "$$(trunk --version 2>/dev/null)" != "trunk $(TRUNK_VERSION)" ]; then \
	  echo "Installing trunk $(TRUNK_VERSION) (several minutes)"; \
	  cargo install trunk --version $(TRUNK_VERSION) --locked --force; \
	fi
	@if [ "$$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $(WASM_BINDGEN_VERSION)" ]; then \
	  echo "Installing wasm-bindgen-cli $(WASM_BINDGEN_VERSION) (several minutes)"; \
	  cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION) --force; \
	fi
	@if ! wasm-opt --version 2>/dev/null | grep -q "version_132"; then \
	  echo "Installing wasm-opt (binaryen $(BINARYEN_VERSION) from npm)"; \
	  mkdir -p $(TOOLS)/binaryen; \
	  npm install --silent --no-audit --no-fund --prefix $(TOOLS)/binaryen binaryen@$(BINARYEN_VERSION); \
	fi

test-tools:
	@# fonts-noto-cjk: without a CJK font the Chinese pages render as boxes.
	@if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null \
	    || ! fc-list :lang=zh-cn 2>/dev/null | grep -q .; then \
	  echo "Installing Chromium, ChromeDriver and CJK fonts from Debian"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] && echo "" || echo sudo ); \
	  $$SUDO apt-get update -qq; \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium chromium-driver fonts-noto-cjk >/dev/null; \
	fi
	@if [ ! -f $(E2E)/node_modules/.package-lock.json ] \
	    || ! cmp -s $(E2E)/package-lock.json $(E2E)/node_modules/.installed-lock.json; then \
	  echo "Installing the end-to-end test packages"; \
	  (cd $(E2E) && npm ci --silent --no-audit --no-fund && cp package-lock.json node_modules/.installed-lock.json); \
	fi

clean-cache:
	rm -rf $(TOOLS)/target

## Figures ----------------------------------------------------------------------------------

.PHONY: size
# Raw, gzip and brotli sizes of what the browser downloads (Node's zlib: nothing to install).
size: build
	node tests/e2e/size.mjs dist
