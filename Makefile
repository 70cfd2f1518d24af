# Entry points for people and CI. Every target installs missing Debian packages first
# (scripts/install-deps.sh, needs root) and is safe to run again.

BUILD_DIR ?= build
ASAN_BUILD_DIR ?= build-asan
JOBS ?= 2
CMAKE_FLAGS ?=

.PHONY: all deps configure build test demo bench asan tidy format clean

all: build

deps:
	@scripts/install-deps.sh

configure: deps
	@cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_FLAGS) > /dev/null

build: configure
	@cmake --build $(BUILD_DIR) -j$(JOBS)

test: build
	@cd $(BUILD_DIR) && ctest --output-on-failure -j$(JOBS) --timeout 600

demo: build
	@scripts/demo.sh $(BUILD_DIR)

bench: build
	@scripts/bench.sh $(BUILD_DIR)

# Tests under AddressSanitizer and UndefinedBehaviorSanitizer, in a build folder of their own.
asan: deps
	@cmake -S . -B $(ASAN_BUILD_DIR) -DCMAKE_BUILD_TYPE=Debug -DEVENTMGR_SANITIZE=ON -DEVENTMGR_BENCH=OFF > /dev/null
	@cmake --build $(ASAN_BUILD_DIR) -j$(JOBS)
	@cd $(ASAN_BUILD_DIR) && ctest --output-on-failure -j$(JOBS) --timeout 900

tidy: configure
	@run-clang-tidy -p $(BUILD_DIR) -quiet 'src/' 2>/dev/null || \
	  find src -name '*.cc' | xargs clang-tidy -p $(BUILD_DIR) --quiet

format:
	@find src tests bench -name '*.h' -o -name '*.cc' | xargs clang-format -i

clean:
	@rm -rf $(BUILD_DIR) $(ASAN_BUILD_DIR)
