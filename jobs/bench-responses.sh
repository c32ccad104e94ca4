#!/usr/bin/env bash
# Benchmark of loading a national survey export (tens of thousands of responses) and the monitor.
exec "$(dirname "${BASH_SOURCE[0]}")/bench.sh" bench-responses
