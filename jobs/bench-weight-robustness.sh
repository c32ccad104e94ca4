#!/usr/bin/env bash
# Does weighting complete on every round? Simulates ROUNDS national rounds on cells (all 98
# municipalities, the sample step's allocation, the simulator's response rates x1 and x0.5), and
# weights and tabulates each. Prints rounds completed, the largest margin error and the merges per
# round; writes bench/results/weight-robustness.{json,md}. Usage: jobs/bench-weight-robustness.sh [ROUNDS]
exec "$(dirname "${BASH_SOURCE[0]}")/bench.sh" bench-weight-robustness --rounds "${1:-300}"
