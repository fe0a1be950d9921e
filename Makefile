# The README's two commands: `make demo` and `make test`. Both install missing system packages
# first when run as root, and otherwise say exactly what to install.
.PHONY: demo test bench deps

deps:
	@scripts/ensure-deps

demo: deps
	swift run -c release safestats demo --out demo-output --force

test: deps
	swift test

bench: deps
	scripts/benchmark
