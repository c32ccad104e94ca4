#!/usr/bin/env bash
# The pipeline on a Spark standalone cluster on this machine (a master and two workers with one core
# and 2 GiB each, separate JVMs started from target/lib), on the national data and on 10x national,
# to measure what the driver alone needs: its heap after each garbage collection (from the driver's
# GC log) and the pipeline's seconds. In local mode the driver JVM also runs the executors, so only
# a cluster run shows the driver's own heap. Figures go to bench/results/cluster.{md,json}.
#   jobs/bench-cluster.sh [SELECTIONS]    (default: all all*10; about 15 minutes on 2 cores)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
selections=("${@:-all}")
[[ $# -gt 0 ]] || selections=(all 'all*10')

[[ -f target/jvm-options.txt ]] || mvn -B -q -DskipTests package
jobs/submit.sh create-keys >/dev/null
work="$root/bench/work-cluster"
rm -rf "$work"
mkdir -p "$work/spark-home" bench/results
ln -s "$root/target/lib" "$work/spark-home/jars"
jvm_options="$(cat target/jvm-options.txt)"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
port="$(free_port)"
master="spark://127.0.0.1:$port"
pids=()
stop_cluster() { for pid in "${pids[@]}"; do pkill -TERM -P "$pid" 2>/dev/null || true; kill "$pid" 2>/dev/null || true; done; }
trap stop_cluster EXIT
start() { # name main-class args...
  local name="$1"; shift
  # shellcheck disable=SC2086
  SPARK_HOME="$work/spark-home" SPARK_SCALA_VERSION=2.13 java -Xmx512m $jvm_options -cp "target/lib/*" "$@" \
    >"$work/$name.log" 2>&1 &
  pids+=("$!")
}
start master org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$port" --webui-port "$(free_port)"
for i in 1 2; do
  mkdir -p "$work/worker-$i"
  start "worker-$i" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores 1 --memory 2g \
    --work-dir "$work/worker-$i" --webui-port "$(free_port)" "$master"
done
for i in 1 2; do
  for _ in $(seq 600); do grep -q "Successfully registered with master" "$work/worker-$i.log" && break; sleep 0.2; done
  grep -q "Successfully registered with master" "$work/worker-$i.log" || { cat "$work/worker-$i.log"; exit 1; }
done

# Runs the pipeline on the cluster; the driver logs every collection to $gc_log.
pipeline() { # warehouse extracts gc-log [more...]
  local warehouse="$1" extracts="$2" gc_log="$3"; shift 3
  jobs/submit.sh pipeline --master "$master" --conf spark.executor.memory=1500m --driver-memory 4g \
    --driver-java-options "-Xlog:gc:file=$gc_log" \
    --warehouse "$warehouse" --input "$extracts" "$@"
}
# The largest heap after a collection, in MiB, over the GC logs given.
live_after_gc() { grep -ho -- '->[0-9]*M' "$@" | tr -d '>M-' | sort -n | tail -1; }

md="bench/results/cluster.md"
json="bench/results/cluster.json"
{
  echo "## pipeline on a standalone cluster: the driver's own heap"
  echo
  echo "Machine: $(nproc) cores, $(java -version 2>&1 | head -1); master and 2 workers (1 core, 2 GiB; executors 1.5 GiB) on 127.0.0.1;"
  echo "driver -Xmx4g in its own JVM; started $(date -u +%Y-%m-%dT%H:%M:%SZ)."
  echo
  echo "| selection | extract rows | whole pipeline, s | driver heap after a collection, peak MiB |"
  echo "|---|---:|---:|---:|"
} >"$md"
echo "[" >"$json"
first=1
for selection in "${selections[@]}"; do
  name="${selection/\*/x}"
  base="${selection%%\**}"
  scale=1
  [[ "$selection" == *"*"* ]] && scale="${selection##*\*}"
  dir="$work/$name"
  rows=$(jobs/submit.sh generate --municipalities "$base" --scale "$scale" --seed 1 --out "$dir/extracts" 2>/dev/null \
    | grep -o '[0-9,]* rows' | head -1 | tr -d ', rows')
  started=$(date +%s.%N)
  pipeline "$dir/warehouse" "$dir/extracts" "$dir/gc-start.log" >"$dir/pipeline-start.log" 2>&1
  between=$(date +%s.%N)
  jobs/submit.sh simulate-responses --warehouse "$dir/warehouse" --out "$dir/exports" >/dev/null 2>&1
  resumed=$(date +%s.%N)
  pipeline "$dir/warehouse" "$dir/extracts" "$dir/gc-rest.log" --responses "$dir/exports" >"$dir/pipeline-rest.log" 2>&1
  ended=$(date +%s.%N)
  seconds=$(python3 -c "print(round(($between - $started) + ($ended - $resumed), 1))")
  live=$(live_after_gc "$dir/gc-start.log" "$dir/gc-rest.log")
  echo "  $selection: pipeline ${seconds} s (two driver JVMs, start-up included), driver heap after a collection at most ${live} MiB"
  echo "| $selection | ${rows:-?} | $seconds | $live |" >>"$md"
  [[ $first -eq 1 ]] || echo "," >>"$json"
  first=0
  printf '  {"selection": "%s", "extract_rows": "%s", "seconds": %s, "driver_live_heap_mib": %s}' \
    "$selection" "${rows:-}" "$seconds" "$live" >>"$json"
done
echo "" >>"$json"
echo "]" >>"$json"
echo >>"$md"
echo "Seconds include both driver JVMs' start-up (the pipeline runs twice: up to the mail merge, then after the simulated export)." >>"$md"
cat "$md"
rm -rf "$work"
