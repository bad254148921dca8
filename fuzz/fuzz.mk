# fuzz.mk: `make fuzz` (GNU make, run by the build tree's Makefile in the
# build folder).  Builds every target of fuzz/targets.txt with clang's
# libFuzzer, AddressSanitizer and UndefinedBehaviorSanitizer (the core
# library compiled again, instrumented, in fuzz/obj/), then runs each for
# FUZZ_SECONDS from its seeds and dictionary.  Fails when any target
# found something: the input is in fuzz/run/TARGET/ and the report in
# fuzz/run/TARGET/log.  The corpus each run grows is kept in
# fuzz/run/TARGET/corpus for the next run.
#
# Given by the Makefile: srcdir (absolute), FUZZ_CC, FUZZ_CPPFLAGS,
# FUZZ_LIBS, FUZZ_SECONDS.

FUZZ_SECONDS ?= 60
SAN = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_CFLAGS = -std=c11 -g -O1 -Wall -Wextra $(SAN)

CORE_SRCS := $(wildcard $(srcdir)/src/core/*.c)
CORE_OBJS := $(patsubst $(srcdir)/src/core/%.c,fuzz/obj/core/%.o,$(CORE_SRCS))
TARGETS := $(shell sed -e 's/\#.*//' $(srcdir)/fuzz/targets.txt | awk 'NF { print $$1 }')
BINS := $(TARGETS:%=fuzz/bin/fuzz_%)

all: run

# Whether FUZZ_CC builds a libFuzzer target at all (asked on every run:
# FUZZ_CC may be another one); if not, say what to install before
# compiling anything.
probe:
	@mkdir -p fuzz/obj
	@printf 'int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n);\nint LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n) { (void)d; (void)n; return 0; }\n' >fuzz/obj/probe.c
	@if ! $(FUZZ_CC) $(SAN) -fsanitize=fuzzer -o fuzz/obj/probe fuzz/obj/probe.c >fuzz/obj/probe.log 2>&1; then \
		echo "make fuzz: '$(FUZZ_CC)' cannot build a libFuzzer target with ASan and UBSan:"; \
		sed 's/^/    /' fuzz/obj/probe.log | head -5; \
		echo "make fuzz needs clang with libFuzzer: on Debian 12, apt-get install clang"; \
		echo "(clang 14 with libclang-rt-14-dev), or name one: make fuzz FUZZ_CC=clang-16"; \
		exit 1; \
	fi

fuzz/obj/core/%.o: $(srcdir)/src/core/%.c | probe
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link $(FUZZ_CPPFLAGS) -MMD -MP -c -o $@ $<

fuzz/obj/%.o: $(srcdir)/fuzz/%.c | probe
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link $(FUZZ_CPPFLAGS) -MMD -MP -c -o $@ $<

# What the targets share (dumps, checks of exports) is no part of what is
# fuzzed: without coverage, it neither steers libFuzzer nor slows it.
fuzz/obj/fuzz_common.o: $(srcdir)/fuzz/fuzz_common.c | probe
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) $(FUZZ_CPPFLAGS) -MMD -MP -c -o $@ $<

fuzz/bin/fuzz_%: fuzz/obj/fuzz_%.o fuzz/obj/fuzz_common.o $(CORE_OBJS)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $^ $(FUZZ_LIBS)

-include $(CORE_OBJS:.o=.d) $(TARGETS:%=fuzz/obj/fuzz_%.d) fuzz/obj/fuzz_common.d

build: $(BINS)

# Each target in turn: its seeds (and the inputs that once found
# something) copied into one folder, the corpus it grew before, its
# dictionary; a finding stops it and fails the whole run at the end.
run: $(BINS)
	@failed=; \
	sed -e 's/#.*//' $(srcdir)/fuzz/targets.txt | awk 'NF' | \
	{ while read -r target dict seeds; do \
		dir=fuzz/run/$$target; \
		rm -rf $$dir/seeds $$dir/crash-* $$dir/leak-* $$dir/timeout-* $$dir/oom-*; \
		mkdir -p $$dir/seeds $$dir/corpus; \
		for s in $$seeds tests/data/fuzz/$$target; do \
			if [ -d $(srcdir)/$$s ]; then \
				find $(srcdir)/$$s -maxdepth 1 -type f -exec cp {} $$dir/seeds/ \; ; \
			elif [ -f $(srcdir)/$$s ]; then \
				cp $(srcdir)/$$s $$dir/seeds/; \
			fi; \
		done; \
		printf 'fuzz_%s: %s s ... ' $$target $(FUZZ_SECONDS); \
		if STEMTUI_SRCDIR=$(srcdir) UBSAN_OPTIONS=print_stacktrace=1 \
			./fuzz/bin/fuzz_$$target -max_total_time=$(FUZZ_SECONDS) -timeout=30 \
			-rss_limit_mb=2048 -dict=$(srcdir)/fuzz/$$dict -artifact_prefix=$$dir/ \
			-print_final_stats=1 $$dir/corpus $$dir/seeds >$$dir/log 2>&1; then \
			sed -n 's/^stat::number_of_executed_units: */no finding in /p' $$dir/log | \
				sed 's/$$/ runs/'; \
		else \
			echo "FOUND SOMETHING: see $$dir/log"; \
			ls $$dir/crash-* $$dir/leak-* $$dir/timeout-* $$dir/oom-* 2>/dev/null | \
				sed "s|^|    input: |; s|\$$|  (replay: STEMTUI_SRCDIR=$(srcdir) fuzz/bin/fuzz_$$target FILE)|"; \
			failed="$$failed $$target"; \
		fi; \
	done; \
	if [ -n "$$failed" ]; then \
		echo "make fuzz: found something in:$$failed.  Add each input to"; \
		echo "tests/data/fuzz/TARGET/ (make check replays them) and fix what it shows."; \
		exit 1; \
	fi; }

# The objects stay between runs (pattern rules would remove them).
.SECONDARY:

.PHONY: all build run probe
