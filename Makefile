# Fahras - Arabic full-text search on Xapian.
#
#   make            build build/indexer and build/searcher
#   make demo       install dependencies, build, index corpus/, run two searches
#   make test       install dependencies, run unit + CLI tests, then again
#                   under AddressSanitizer/UBSan (in build/asan)
#   make deps       install missing Debian packages (apt-get, via sudo if needed)
#   make install    PREFIX=/usr/local DESTDIR= : fahras-index, fahras-search
#                   and their man pages
#   make fuzz       run each libFuzzer target for FUZZ_SECONDS (default 60)
#   make bench      bench/relevance, bench/speed, bench/audit, bench/index and
#                   bench/search on the ANT corpus (about an hour and a half)

BUILD   ?= build
PREFIX  ?= /usr/local
DESTDIR ?=
SAN     ?=

CC  ?= cc
CXX ?= c++

PKGS      := icu-uc icu-i18n json-c
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
XAP_CFLAGS = $(shell xapian-config --cxxflags 2>/dev/null)
XAP_LIBS   = $(shell xapian-config --libs 2>/dev/null)

WARN     := -Wall -Wextra -Werror -Wno-unused-parameter
OPT      := -O2 -g
ifeq ($(SAN),1)
OPT      := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
endif
CFLAGS_ALL   = -std=c11 -D_GNU_SOURCE -pthread $(OPT) $(WARN) $(PKG_CFLAGS) $(CFLAGS)
CXXFLAGS_ALL = -std=c++17 $(OPT) $(WARN) $(XAP_CFLAGS) $(CXXFLAGS)
LDLIBS_ALL   = $(XAP_LIBS) $(PKG_LIBS) -lstemmer -lstdc++ -lm -pthread $(LDLIBS)
LDFLAGS_ALL  = $(OPT) $(LDFLAGS)

ANALYSIS_SRC := analysis/ar.c analysis/ar_stem.c analysis/ar_decode.c analysis/ar_lexicon.c
INDEXER_SRC  := indexer/main.c indexer/readers.c indexer/docbuild.c indexer/walk.c indexer/pipe.c indexer/shards.c
SEARCHER_SRC := searcher/main.c searcher/qparse.c searcher/query.c searcher/match.c searcher/textdoc.c \
                searcher/snippet.c searcher/output.c searcher/audit.c
SHIM_SRC     := shim/xs.cc
SCHEMA_SRC   := schema/schema.c

obj = $(patsubst %.c,$(BUILD)/obj/%.o,$(patsubst %.cc,$(BUILD)/obj/%.o,$(1)))

# Words that begin with a letter that is also a proclitic (ورقة, وزير),
# generated from Debian's Arabic Hunspell dictionary at build time.
HUNSPELL_DIC ?= /usr/share/hunspell/ar.dic
WORDS_C      := $(BUILD)/gen/ar_words.c
WORDS_OBJ    := $(BUILD)/obj/gen/ar_words.o
FREEDICT_ARA ?= /usr/share/dictd/freedict-ara-eng.dict.dz
PLURALS_C    := $(BUILD)/gen/ar_plurals.c
PLURALS_OBJ  := $(BUILD)/obj/gen/ar_plurals.o
ANALYSIS_OBJ := $(call obj,$(ANALYSIS_SRC)) $(WORDS_OBJ) $(PLURALS_OBJ)
SHIM_OBJ     := $(call obj,$(SHIM_SRC))
SCHEMA_OBJ   := $(call obj,$(SCHEMA_SRC))
INDEXER_OBJ  := $(call obj,$(INDEXER_SRC))
SEARCHER_OBJ := $(call obj,$(SEARCHER_SRC))
READERS_OBJ  := $(call obj,indexer/readers.c indexer/docbuild.c)
SEARCHLIB_OBJ := $(call obj,searcher/qparse.c searcher/query.c searcher/match.c searcher/textdoc.c \
                   searcher/snippet.c searcher/output.c searcher/audit.c)

UNIT_TESTS := test_analysis test_shim test_readers test_searcher
UNIT_BINS  := $(addprefix $(BUILD)/tests/,$(UNIT_TESTS))

DEB_PKGS := build-essential pkg-config libxapian-dev libicu-dev libstemmer-dev \
            libjson-c-dev libcmocka-dev bats python3 python3-xapian xz-utils \
            man-db ripgrep hunspell-ar dict-freedict-ara-eng time xapian-tools

.PHONY: all deps demo test check install clean bench fuzz fuzz-bins
.DEFAULT_GOAL := all

all: $(BUILD)/indexer $(BUILD)/searcher

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -MMD -MP -c $< -o $@

$(WORDS_C): analysis/gen_words.sh
	@mkdir -p $(dir $@)
	analysis/gen_words.sh $(HUNSPELL_DIC) > $@.tmp && mv $@.tmp $@

$(WORDS_OBJ): $(WORDS_C) analysis/ar_internal.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -Ianalysis -c $< -o $@

$(PLURALS_C): analysis/gen_plurals.py
	@mkdir -p $(dir $@)
	python3 analysis/gen_plurals.py $(FREEDICT_ARA) $(HUNSPELL_DIC) > $@.tmp && mv $@.tmp $@

$(PLURALS_OBJ): $(PLURALS_C) analysis/ar_internal.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -Ianalysis -c $< -o $@

$(BUILD)/obj/%.o: %.cc
	@mkdir -p $(dir $@)
	$(CXX) $(CXXFLAGS_ALL) -MMD -MP -c $< -o $@

$(BUILD)/indexer: $(INDEXER_OBJ) $(SCHEMA_OBJ) $(ANALYSIS_OBJ) $(SHIM_OBJ)
	$(CC) $(LDFLAGS_ALL) -o $@ $^ $(LDLIBS_ALL)

$(BUILD)/searcher: $(SEARCHER_OBJ) $(SCHEMA_OBJ) $(ANALYSIS_OBJ) $(SHIM_OBJ)
	$(CC) $(LDFLAGS_ALL) -o $@ $^ $(LDLIBS_ALL)

$(BUILD)/tests/test_analysis: $(BUILD)/obj/tests/unit/test_analysis.o $(ANALYSIS_OBJ)
$(BUILD)/tests/test_shim: $(BUILD)/obj/tests/unit/test_shim.o $(SHIM_OBJ)
$(BUILD)/tests/test_readers: $(BUILD)/obj/tests/unit/test_readers.o $(READERS_OBJ) $(SCHEMA_OBJ) $(ANALYSIS_OBJ) $(SHIM_OBJ)
$(BUILD)/tests/test_searcher: $(BUILD)/obj/tests/unit/test_searcher.o $(SEARCHLIB_OBJ) $(READERS_OBJ) $(SCHEMA_OBJ) $(ANALYSIS_OBJ) $(SHIM_OBJ)
$(UNIT_BINS):
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS_ALL) -o $@ $^ $(LDLIBS_ALL) -lcmocka

# Fuzz targets (tests/fuzz/): replayed over tests/fuzz-corpus/ by every
# test run (gcc, plain and sanitized); fuzzed by `make fuzz` (clang).
FUZZ_TARGETS := analyze trec jsonl date qparse
FUZZ_REPLAY  := $(addprefix $(BUILD)/tests/test_fuzz_,$(FUZZ_TARGETS))
FUZZ_DEPS_analyze := $(ANALYSIS_OBJ)
FUZZ_DEPS_trec    := $(call obj,indexer/readers.c) $(ANALYSIS_OBJ)
FUZZ_DEPS_jsonl   := $(FUZZ_DEPS_trec)
FUZZ_DEPS_date    := $(FUZZ_DEPS_trec)
FUZZ_DEPS_qparse  := $(call obj,searcher/qparse.c) $(ANALYSIS_OBJ)

$(BUILD)/obj/tests/fuzz/replay_%.o: tests/fuzz/replay.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -DFUZZ_TARGET=$* -MMD -MP -c $< -o $@

.SECONDEXPANSION:
$(FUZZ_REPLAY): $(BUILD)/tests/test_fuzz_%: $(BUILD)/obj/tests/fuzz/fuzz_%.o \
                $(BUILD)/obj/tests/fuzz/replay_%.o $$(FUZZ_DEPS_$$*)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS_ALL) -o $@ $^ $(LDLIBS_ALL) -lcmocka

# make fuzz: each target for FUZZ_SECONDS under libFuzzer, starting from
# tests/fuzz-corpus/TARGET; what it finds goes to build/fuzz/new-TARGET
# (copy the interesting inputs into tests/fuzz-corpus to keep them).
FUZZ_SECONDS ?= 60
FUZZ_BUILD   := build/fuzz
FUZZ_FLAGS   := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer
fuzz: deps
	@command -v clang > /dev/null || { echo "make fuzz: clang is needed (apt-get install clang)"; exit 2; }
	$(MAKE) --no-print-directory CC=clang CXX=clang++ BUILD=$(FUZZ_BUILD) \
	  OPT="$(FUZZ_FLAGS) -fsanitize=fuzzer-no-link" fuzz-bins
	@for t in $(FUZZ_TARGETS); do \
	  mkdir -p $(FUZZ_BUILD)/new-$$t; \
	  echo "== fuzz $$t ($(FUZZ_SECONDS) s)"; \
	  $(FUZZ_BUILD)/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) -max_len=8192 -timeout=10 \
	    -artifact_prefix=$(FUZZ_BUILD)/crash-$$t- $(FUZZ_BUILD)/new-$$t tests/fuzz-corpus/$$t \
	    > $(FUZZ_BUILD)/fuzz-$$t.log 2>&1; rc=$$?; tail -1 $(FUZZ_BUILD)/fuzz-$$t.log; \
	  [ $$rc -eq 0 ] || { echo "make fuzz: $$t failed, see $(FUZZ_BUILD)/fuzz-$$t.log"; exit 1; }; \
	done

fuzz-bins: $(addprefix $(BUILD)/fuzz_,$(FUZZ_TARGETS))

$(addprefix $(BUILD)/fuzz_,$(FUZZ_TARGETS)): $(BUILD)/fuzz_%: $(BUILD)/obj/tests/fuzz/fuzz_%.o \
                $$(FUZZ_DEPS_$$*)
	$(CC) $(OPT) -fsanitize=fuzzer -o $@ $^ $(LDLIBS_ALL)

# A disk that fills up, for the CLI tests (LD_PRELOAD; never sanitized).
ENOSPC_SO := $(BUILD)/tests/enospc.so
$(ENOSPC_SO): tests/tools/enospc.c
	@mkdir -p $(dir $@)
	$(CC) -shared -fPIC -O2 -Wall -Wextra -o $@ $< -ldl

# ---- dependencies -------------------------------------------------------

deps:
	@missing=""; \
	for p in $(DEB_PKGS); do \
	  dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "make deps: installing$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	fi

# ---- demo ---------------------------------------------------------------

DEMO_DB := $(BUILD)/demo-index

demo: deps
	@$(MAKE) --no-print-directory all
	rm -rf $(DEMO_DB)
	$(BUILD)/indexer --db $(DEMO_DB) corpus/
	$(BUILD)/searcher --db $(DEMO_DB) --limit 3 الرقة
	$(BUILD)/searcher --db $(DEMO_DB) --limit 3 قسد

# ---- tests --------------------------------------------------------------

# check: unit and CLI tests of one build; test: both builds and a total.
check: all $(UNIT_BINS) $(FUZZ_REPLAY) $(ENOSPC_SO)
	@tests/run.sh $(BUILD)

test: deps
	@rm -f $(BUILD)/test-counts build/asan/test-counts
	@$(MAKE) --no-print-directory check; \
	echo "== again under AddressSanitizer/UBSan"; \
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  $(MAKE) --no-print-directory BUILD=build/asan SAN=1 check; \
	cat $(BUILD)/test-counts build/asan/test-counts 2>/dev/null | \
	  awk '{p += $$1; f += $$2} END {printf "%d passed, %d failed\n", p, f + (NR < 2); exit (f + (NR < 2)) > 0}' 

# Benchmarks need the ANT archive and take minutes: bench/relevance,
# bench/speed, bench/audit.
bench: all
	bench/relevance
	bench/speed
	bench/audit
	bench/index
	bench/search

# ---- install ------------------------------------------------------------

# Installed under names of their own: "indexer" and "searcher" are too
# generic to share a bin directory with other software.
install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(BUILD)/indexer $(DESTDIR)$(PREFIX)/bin/fahras-index
	install -m 755 $(BUILD)/searcher $(DESTDIR)$(PREFIX)/bin/fahras-search
	install -m 644 docs/fahras-index.1 docs/fahras-search.1 $(DESTDIR)$(PREFIX)/share/man/man1/

clean:
	rm -rf build

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)

# A developer's tool: the analysis of stdin, one token per line.
$(BUILD)/ar_dump: $(BUILD)/obj/tests/unit/ar_dump.o $(ANALYSIS_OBJ)
	$(CC) $(LDFLAGS_ALL) -o $@ $^ $(LDLIBS_ALL)
