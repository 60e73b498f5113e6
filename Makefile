# Consort build. `make` builds build/consort; `make test` runs the whole suite
# (format check, unit tests, CLI tests, then both again under ASan+UBSan);
# `make run` builds, creates consort.db with demo data and runs the main job.

ifeq ($(origin CC),default)
CC := gcc
endif
PKGS    := sqlite3 jansson libfyaml libsodium libmicrohttpd
TESTPKG := cmocka
BUILD   := build

# build/config.mk is generated (and the Debian packages installed) before anything
# else: GNU make remakes an included makefile first, then restarts with it.
include $(BUILD)/config.mk

WARN     := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
            -Wformat=2 -Wvla -Wno-unused-parameter
CPPFLAGS := -D_GNU_SOURCE -Isrc
CFLAGS   ?= -O2 -g
CFLAGS   += -std=c17 $(WARN) $(PKG_CFLAGS)
LDLIBS   := $(PKG_LIBS) -lm
SANFLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer

PROGRAMS := $(sort $(wildcard programs/*.yaml))
GEN_SRC  := $(BUILD)/gen/bundled_programs.c
OPENAPI_SRC := $(BUILD)/gen/openapi.c
WEB_GEN  := $(BUILD)/gen/web_assets.c
LIB_SRC  := $(sort $(wildcard src/util/*.c src/engine/*.c src/store/*.c src/core/*.c src/http/*.c \
                          src/cli/*.c)) \
            $(GEN_SRC) $(OPENAPI_SRC) $(WEB_GEN)
MAIN_SRC := src/main.c
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
HELPER_SRC := $(sort $(filter-out $(UNIT_SRC),$(wildcard tests/unit/*.c)))
BENCH_SRC := $(sort $(wildcard bench/*.c))
# The Terms of Service partners accept (core/terms.h), embedded like the OpenAPI document.
TERMS_SRC := $(BUILD)/gen/terms_of_service.c
LIB_SRC  += $(TERMS_SRC)

# Two build flavours share the rules below: plain (build/) and sanitized (build/asan/).
define flavour
$(1)_LIB_OBJ  := $$(patsubst %.c,$(2)/obj/%.o,$$(LIB_SRC))
$(1)_MAIN_OBJ := $$(patsubst %.c,$(2)/obj/%.o,$$(MAIN_SRC))
$(1)_HELP_OBJ := $$(patsubst %.c,$(2)/obj/%.o,$$(HELPER_SRC))
$(1)_UNIT_BIN := $$(patsubst tests/unit/%.c,$(2)/tests/%,$$(UNIT_SRC))

$(2)/obj/%.o: %.c | $(BUILD)/config.mk
	@mkdir -p $$(@D)
	$$(CC) $$(CPPFLAGS) $$(CFLAGS) $(3) -MMD -MP -c -o $$@ $$<

$(2)/libconsort.a: $$($(1)_LIB_OBJ)
	@rm -f $$@
	$$(AR) rcs $$@ $$^

$(2)/consort: $$($(1)_MAIN_OBJ) $(2)/libconsort.a
	$$(CC) $$(CFLAGS) $(3) -o $$@ $$^ $$(LDLIBS)

$(2)/tests/%: $(2)/obj/tests/unit/%.o $$($(1)_HELP_OBJ) $(2)/libconsort.a
	@mkdir -p $$(@D)
	$$(CC) $$(CFLAGS) $(3) -o $$@ $$^ $$(LDLIBS) $$(TEST_LIBS)

-include $$($(1)_LIB_OBJ:.o=.d) $$($(1)_MAIN_OBJ:.o=.d) $$($(1)_HELP_OBJ:.o=.d) \
	 $$(patsubst tests/unit/%.c,$(2)/obj/tests/unit/%.d,$$(UNIT_SRC))
endef

$(eval $(call flavour,PLAIN,$(BUILD),))
$(eval $(call flavour,ASAN,$(BUILD)/asan,$(SANFLAGS)))

.PHONY: all run test unit cli asan-unit asan-cli http asan-http e2e openapi fuzz-replay fuzz fmt fmt-check bench bench-http clean
.DEFAULT_GOAL := all

all: $(BUILD)/consort

$(BUILD)/config.mk: scripts/install-deps Makefile
	@mkdir -p $(BUILD)
	@pkg-config --exists $(PKGS) $(TESTPKG) && \
		for t in clang-format sqlite3 jq curl node npm chromium; do \
			command -v $$t >/dev/null || exit 1; done || ./scripts/install-deps
	@{ echo "PKG_CFLAGS := $$(pkg-config --cflags $(PKGS))"; \
	   echo "PKG_LIBS := $$(pkg-config --libs $(PKGS))"; \
	   echo "TEST_LIBS := $$(pkg-config --libs $(TESTPKG))"; } > $@

$(GEN_SRC): $(PROGRAMS) scripts/embed
	@mkdir -p $(@D)
	./scripts/embed $@ $(PROGRAMS)

$(OPENAPI_SRC): docs/openapi.json scripts/embed-text
	@mkdir -p $(@D)
	./scripts/embed-text $@ openapi_json http/openapi.h docs/openapi.json

$(TERMS_SRC): docs/terms-of-service.md scripts/embed-text
	@mkdir -p $(@D)
	./scripts/embed-text $@ terms_of_service_md core/terms.h docs/terms-of-service.md

# The web portal (web/): npm packages from web/package-lock.json, built by Vite into
# build/web/dist, embedded into the binary by scripts/embed-web. `npm install
# --no-save` rather than `npm ci`: it installs the locked versions too, but does not
# refuse a lockfile that lacks Rollup's binaries for other platforms (a registry
# mirror may not carry them, and then npm leaves them out of the lockfile).
WEB_SRC := $(shell find web/src web/public -type f 2>/dev/null) web/index.html web/vite.config.js

$(BUILD)/web/npm.stamp: web/package.json web/package-lock.json | $(BUILD)/config.mk
	@mkdir -p $(@D)
	cd web && npm install --no-save --no-audit --no-fund --loglevel=error
	@touch $@

$(BUILD)/web/dist/index.html: $(WEB_SRC) $(BUILD)/web/npm.stamp
	cd web && ./node_modules/.bin/vite build --logLevel warn --emptyOutDir --outDir ../$(BUILD)/web/dist

$(WEB_GEN): $(BUILD)/web/dist/index.html scripts/embed-web
	@mkdir -p $(@D)
	./scripts/embed-web $@ $(BUILD)/web/dist

run: $(BUILD)/consort
	./scripts/demo $(BUILD)/consort

test: fmt-check unit cli asan-unit asan-cli http e2e asan-http fuzz-replay openapi
	@echo "all tests passed"

unit: $(PLAIN_UNIT_BIN)
	@./tests/run-unit $(BUILD)/tests $(PLAIN_UNIT_BIN)

cli: $(BUILD)/consort
	@./tests/run-cli $(BUILD)/consort

asan-unit: $(ASAN_UNIT_BIN)
	@./tests/run-unit $(BUILD)/asan/tests $(ASAN_UNIT_BIN)

asan-cli: $(BUILD)/asan/consort
	@./tests/run-cli $(BUILD)/asan/consort

http: $(BUILD)/consort
	@./tests/run-http $(BUILD)/consort

asan-http: $(BUILD)/asan/consort
	@./tests/run-http $(BUILD)/asan/consort

# The portal in a real browser (Debian's Chromium, playwright-core from tests/e2e's
# lockfile): the partner and vendor journeys, the public pages, a phone-sized
# dashboard. Screenshots of the main pages go to build/e2e/screenshots. Chromium
# comes from scripts/install-deps (installed here if a machine lacks only it).
e2e: $(BUILD)/consort
	@test -x /usr/bin/chromium || ./scripts/install-deps
	@./tests/e2e/run $(BUILD)/consort $(BUILD)/e2e/screenshots

# docs/openapi.json matches the route table, is what the server serves, and lints clean.
openapi: $(BUILD)/consort
	@./tests/openapi/check $(BUILD)/consort

# Fuzz targets (fuzz/fuzz_<parser>.c). `make test` replays their seed corpus under
# ASan+UBSan with gcc; `make fuzz` runs them under libFuzzer (clang) for FUZZ_SECONDS each.
FUZZ_TARGETS := csv program multipart
FUZZ_SECONDS ?= 60

$(BUILD)/asan/replay-%: fuzz/fuzz_%.c fuzz/replay.c $(BUILD)/asan/libconsort.a
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(SANFLAGS) -o $@ fuzz/fuzz_$*.c fuzz/replay.c \
		$(BUILD)/asan/libconsort.a $(LDLIBS)

fuzz-replay: $(FUZZ_TARGETS:%=$(BUILD)/asan/replay-%)
	@for t in $(FUZZ_TARGETS); do \
		ASAN_OPTIONS=detect_leaks=1:halt_on_error=1 UBSAN_OPTIONS=halt_on_error=1 \
		$(BUILD)/asan/replay-$$t fuzz/corpus/$$t/* || exit 1; done

$(BUILD)/fuzz/fuzz-%: fuzz/fuzz_%.c $(LIB_SRC)
	@command -v clang >/dev/null || ./scripts/install-deps --fuzz
	@mkdir -p $(@D)
	clang -std=c17 -g -O1 -fsanitize=fuzzer,address,undefined $(CPPFLAGS) $(PKG_CFLAGS) \
		-o $@ fuzz/fuzz_$*.c $(LIB_SRC) $(LDLIBS)

fuzz: $(FUZZ_TARGETS:%=$(BUILD)/fuzz/fuzz-%)
	@for t in $(FUZZ_TARGETS); do \
		mkdir -p $(BUILD)/fuzz/corpus-$$t && \
		$(BUILD)/fuzz/fuzz-$$t -max_total_time=$(FUZZ_SECONDS) \
			$(BUILD)/fuzz/corpus-$$t fuzz/corpus/$$t || exit 1; done

FMT_FILES = $(shell git ls-files '*.c' '*.h' 2>/dev/null || find src tests bench -name '*.[ch]')

fmt:
	clang-format -i $(FMT_FILES)

fmt-check: | $(BUILD)/config.mk
	@clang-format --dry-run --Werror $(FMT_FILES) && echo "fmt-check: ok"

bench: $(BUILD)/consort $(BUILD)/bench-gen $(BUILD)/bench-one
	./bench/run $(BUILD)/consort $(BUILD)/bench-gen $(BUILD)/bench-one

bench-http: $(BUILD)/consort $(BUILD)/bench-gen
	./bench/http $(BUILD)/consort $(BUILD)/bench-gen

$(BUILD)/bench-gen: bench/gen.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -o $@ $<

$(BUILD)/bench-one: bench/one.c $(BUILD)/libconsort.a
	$(CC) $(CPPFLAGS) $(CFLAGS) -o $@ $< $(BUILD)/libconsort.a $(LDLIBS)

clean:
	rm -rf $(BUILD)

# Keep intermediate objects (test objects would otherwise be deleted after linking).
.SECONDARY:
