# Clara: the two README commands.
#   make run    installs what is missing (apt), builds, and runs clara-all on
#               the bundled NF corpus (its -g build, so state objects carry
#               source names), printing each NF's insights
#   make test   installs what is missing, builds, and runs the C unit tests
#               (ctest) and the lit suite
# Everything else is CMake's (build/); `make build` only configures and builds.

BUILD     ?= build
JOBS      ?= $(shell nproc)
NIC       ?= agilio-cx
LLVM_BIN  := /usr/lib/llvm-19/bin
LIT       := python3 /usr/lib/llvm-19/build/utils/lit/lit.py
# What each package is for is in README.md, "Dependencies".
PACKAGES  := cmake make python3 llvm-19-dev clang-19 llvm-19-tools \
             libclang-rt-19-dev libxgboost-dev xgboost libglpk-dev \
             libpcap-dev libyaml-dev

.PHONY: all deps build run test clean

all: build

deps:
	@missing=""; for p in $(PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" \
	    || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  if [ "$$(id -u)" -ne 0 ]; then SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq \
	    --no-install-recommends $$missing; \
	fi

build: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

run: build
	@mkdir -p $(BUILD)/run
	@for bc in $(BUILD)/nf/*.g.bc; do \
	  nf=$$(basename $$bc .g.bc); \
	  $(LLVM_BIN)/opt -load-pass-plugin=$(BUILD)/lib/libClara.so \
	    -passes=clara-all -clara-nic=$(NIC) $$bc -o /dev/null \
	    -pass-remarks-output=$(BUILD)/run/$$nf.remarks.yaml || exit 1; \
	done
	@$(BUILD)/bin/clara-report $(BUILD)/run/*.remarks.yaml

test: build
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)
	@$(LIT) -sv --param clara_build=$(BUILD) .

clean:
	rm -rf $(BUILD)
