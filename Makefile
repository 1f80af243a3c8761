# The two commands a newcomer needs: `make run` and `make test` (see README.md).
BUILD_DIR   ?= build
BUILD_TYPE  ?= RelWithDebInfo
ICD10CM_SRC ?= ../shared/data/icd10cm
DATA_DIR    ?= data
JOBS        ?= $(shell nproc)
NOTECODER   := $(BUILD_DIR)/notecoder
# ccache keys on paths relative to the checkout, so a fresh clone elsewhere (CI) reuses the cache.
export CCACHE_BASEDIR := $(CURDIR)
# build, build-asan, build-tsan and build-fuzz share the cache: ccache's default 5 GB would have
# them evict each other. An explicit CCACHE_MAXSIZE in the environment wins.
export CCACHE_MAXSIZE ?= 20G
ICD_FILES   := icd10cm_order_2026.txt icd10cm_order_addenda_2026.txt \
               icd10cm_tabular_2023.xml.gz icd10cm_index_2023.xml.gz PROVENANCE.md

.PHONY: all bootstrap configure build data model test run bench soak lint tidy format clean check-sanitize check-tsan \
        fuzz-build fuzz-short fuzz

all: build

bootstrap:
	@scripts/bootstrap.sh

$(BUILD_DIR)/build.ninja:
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE)

configure: $(BUILD_DIR)/build.ninja

build: bootstrap configure
	cmake --build $(BUILD_DIR) -j $(JOBS)

# Copies the official files (not committed) and compiles the codebook snapshot; a no-op when
# nothing changed.
data: build
	@test -d "$(ICD10CM_SRC)" || { echo "ICD10CM_SRC=$(ICD10CM_SRC) not found: see README.md (Data)"; exit 1; }
	@mkdir -p $(DATA_DIR)/icd10cm
	@for f in $(ICD_FILES); do cp -u "$(ICD10CM_SRC)/$$f" $(DATA_DIR)/icd10cm/ 2>/dev/null || cp "$(ICD10CM_SRC)/$$f" $(DATA_DIR)/icd10cm/; done
	$(NOTECODER) codes build --src $(DATA_DIR)/icd10cm --out $(DATA_DIR)/codebook.bin

test: data
	ICD10CM_SRC=$(abspath $(ICD10CM_SRC)) ctest --test-dir $(BUILD_DIR) --output-on-failure -j $(JOBS) --timeout 600
	$(MAKE) --no-print-directory fuzz-short

# The demonstration ML model: synthetic notes (our own templates, real codes) and `notecoder train`,
# about 15 s on 2 cores. Only when the file is absent: a model trained or imported into
# MODEL_FILE is never overwritten (README.md, ML model).
MODEL_FILE ?= $(DATA_DIR)/model.bin
model: $(MODEL_FILE)
$(MODEL_FILE): | data
	$(NOTECODER) synth --notes 8000 --labels 200 --seed 1 --codebook $(DATA_DIR)/codebook.bin \
	  --out $(DATA_DIR)/synthetic_notes.jsonl
	$(NOTECODER) train --data $(DATA_DIR)/synthetic_notes.jsonl --out $(MODEL_FILE) \
	  --codebook $(DATA_DIR)/codebook.bin --C 10 --ngram-max 2 --min-df 2 --sublinear-tf

# The service on port 8000 (PORT and the other settings from the environment: README, Service).
PORT ?= 8000
run: data model
	PORT=$(PORT) NOTECODER_CODEBOOK=$(abspath $(DATA_DIR)/codebook.bin) \
	  MODEL_PATH=$(abspath $(MODEL_FILE)) exec $(NOTECODER) serve

# Sanitizer builds (issue 9; README.md, Sanitizers), each in its own build tree. mimalloc is off
# so the sanitizers see every allocation; no benchmarks; -Werror is off because g++ 12 misreports
# coroutine frames under the sanitizers (-Wmismatched-new-delete). Tests that bound memory or time
# scale the bound under a sanitizer (tests/support/sanitizers.hpp). The server processes the
# integration tests start are built with the same flags; their reports fail the test
# (tests/http/server_process.cpp). Both run in CI after `make test`; for its time budget with a
# cold ccache the trees compile at -O1 -g1 (line tables: reports keep file:line and inlined
# frames) and unity-build the libraries of src/ (NOTECODER_UNITY_LIBS), about half the time each.
# Neither needs data/: each tree builds its own codebook snapshot (the tests' codebook fixture).
SANITIZER_CMAKE := -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNOTECODER_MIMALLOC=OFF \
                   -DNOTECODER_BUILD_BENCH=OFF -DNOTECODER_WERROR=OFF \
                   -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG" -DNOTECODER_UNITY_LIBS=ON

# AddressSanitizer + UndefinedBehaviorSanitizer (+ LeakSanitizer) over the whole suite.
SANITIZE_DIR ?= build-asan
check-sanitize: bootstrap
	cmake -S . -B $(SANITIZE_DIR) $(SANITIZER_CMAKE) \
	  -DCMAKE_CXX_FLAGS="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined" \
	  -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined"
	cmake --build $(SANITIZE_DIR) -j $(JOBS)
	ICD10CM_SRC=$(abspath $(ICD10CM_SRC)) ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	  UBSAN_OPTIONS=print_stacktrace=1 ctest --test-dir $(SANITIZE_DIR) --output-on-failure -j $(JOBS) --timeout 900

# ThreadSanitizer over the suites of the concurrent parts, whole suites by ctest label: infra (CPU
# pool), cache (single flight, caches, Redis client, LLM limiter), llm (semaphore, client), api
# (stream handler), http (the server itself under the integration tests), faults (the server
# under load, cancellation, drain and misbehaving Redis or provider). Only what they need is
# built. scripts/tsan.supp says why each of its entries is not our bug.
TSAN_DIR     ?= build-tsan
TSAN_LABELS  ?= ^(infra|cache|llm|api|http|faults)$$
TSAN_TARGETS := notecoder notecoder_lease_probe notecoder_infra_tests notecoder_cache_tests \
                notecoder_llm_tests notecoder_api_tests notecoder_http_tests notecoder_faults_tests
check-tsan: bootstrap
	cmake -S . -B $(TSAN_DIR) $(SANITIZER_CMAKE) \
	  -DCMAKE_CXX_FLAGS="-fsanitize=thread -fno-omit-frame-pointer" \
	  -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=thread"
	cmake --build $(TSAN_DIR) -j $(JOBS) --target $(TSAN_TARGETS)
	ICD10CM_SRC=$(abspath $(ICD10CM_SRC)) \
	  TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 suppressions=$(CURDIR)/scripts/tsan.supp" \
	  ctest --test-dir $(TSAN_DIR) -L '$(TSAN_LABELS)' --output-on-failure -j $(JOBS) --timeout 900

# libFuzzer targets of fuzz/ (README, Fuzzing): clang 14 with ASan + UBSan in their own tree;
# only the libraries the targets link are built. fuzz-short (part of `make test`) runs each
# target briefly on a fresh copy of the seed corpus; `make fuzz FUZZ_TARGET=sse FUZZ_SECONDS=600`
# runs longer and keeps its working corpus in $(FUZZ_DIR)/fuzz/work.
FUZZ_DIR           ?= build-fuzz
FUZZ_TARGETS       := http_request predict_request analyzer model codebook sse batch_jsonl
FUZZ_TARGET        ?= $(FUZZ_TARGETS)
FUZZ_SECONDS       ?= 300
FUZZ_SHORT_SECONDS ?= 8
fuzz-build: bootstrap
	@test -f $(FUZZ_DIR)/build.ninja || CC=clang-14 CXX=clang++-14 cmake -S . -B $(FUZZ_DIR) -G Ninja \
	  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNOTECODER_FUZZ=ON -DNOTECODER_BUILD_TESTS=OFF \
	  -DNOTECODER_BUILD_BENCH=OFF -DNOTECODER_MIMALLOC=OFF -DNOTECODER_WERROR=OFF \
	  -DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer" \
	  -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined"
	cmake --build $(FUZZ_DIR) --target fuzz_targets -j $(JOBS)

fuzz-short: fuzz-build
	FUZZ_SEED=1 fuzz/run.sh $(FUZZ_DIR) $(FUZZ_SHORT_SECONDS) --fresh $(FUZZ_TARGETS)

fuzz: fuzz-build
	fuzz/run.sh $(FUZZ_DIR) $(FUZZ_SECONDS) $(FUZZ_TARGET)

bench: data
	NOTECODER_CODEBOOK=$(abspath $(DATA_DIR)/codebook.bin) bench/run_benchmarks.sh $(BUILD_DIR)

# 10 minutes of the mixed workload (bench/http/mixed.lua) against the server, with the fake LLM
# provider and redis-server: samples RSS, fds and /metrics every 10 s, fails unless memory is flat,
# no fd leaks and no 5xx but admission 503s (bench/soak/soak.py). Not part of `make test` or CI.
SOAK_SECONDS ?= 600
soak: model
	SOAK_SECONDS=$(SOAK_SECONDS) /usr/bin/python3 bench/soak/soak.py --build $(BUILD_DIR) \
	  --codebook $(DATA_DIR)/codebook.bin --model $(MODEL_FILE) --notes $(DATA_DIR)/synthetic_notes.jsonl

lint:
	@git ls-files 'src/*.cpp' 'src/*.hpp' 'tests/*.cpp' 'tests/*.hpp' 'bench/*.cpp' 'fuzz/*.cpp' 'fuzz/*.hpp' | xargs clang-format --dry-run --Werror

tidy: configure
	@git ls-files 'src/*.cpp' | xargs clang-tidy -p $(BUILD_DIR) --quiet

format:
	@git ls-files 'src/*.cpp' 'src/*.hpp' 'tests/*.cpp' 'tests/*.hpp' 'bench/*.cpp' 'fuzz/*.cpp' 'fuzz/*.hpp' | xargs clang-format -i

clean:
	rm -rf $(BUILD_DIR)
