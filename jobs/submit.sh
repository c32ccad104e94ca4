#!/usr/bin/env bash
# Runs one jobsurvey job exactly as spark-submit would.
#
#   jobs/submit.sh JOB [JOB OPTIONS] [SPARK-SUBMIT OPTIONS]
#
# With SPARK_HOME set: $SPARK_HOME/bin/spark-submit with the cluster jar (Spark, Scala and Hadoop
# come from the installation). Without it: Spark's own launcher (org.apache.spark.deploy.SparkSubmit)
# from the Maven dependencies in target/lib, on local[*], with the JVM flags Java 17 needs. The
# project is built first if the jars are missing. spark-submit options (--master, --conf,
# --driver-memory, ...) may stand anywhere and are passed to spark-submit; the rest go to the job.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
version="0.1.0-SNAPSHOT"
app_jar="$root/target/jobsurvey-$version.jar"
cluster_jar="$root/target/jobsurvey-$version-cluster.jar"
launcher_class="dk.jobsurvey.jobs.Launcher"

if [[ $# -eq 0 ]]; then
  set -- --help
fi

spark_args=()
job_args=()
driver_memory=""
driver_java_options=""
has_master=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --master|--deploy-mode|--conf|-c|--executor-memory|--executor-cores|--num-executors|--total-executor-cores|\
    --packages|--repositories|--jars|--files|--py-files|--archives|--name|--properties-file|--queue|\
    --driver-cores|--driver-class-path|--driver-library-path|--exclude-packages|--principal|--keytab)
      [[ $# -ge 2 ]] || { echo "jobs/submit.sh: $1 needs a value" >&2; exit 2; }
      [[ "$1" == "--master" ]] && has_master=1
      spark_args+=("$1" "$2"); shift 2 ;;
    --driver-memory)
      [[ $# -ge 2 ]] || { echo "jobs/submit.sh: $1 needs a value" >&2; exit 2; }
      driver_memory="$2"; spark_args+=("$1" "$2"); shift 2 ;;
    --driver-java-options)
      [[ $# -ge 2 ]] || { echo "jobs/submit.sh: $1 needs a value" >&2; exit 2; }
      driver_java_options="$2"; spark_args+=("$1" "$2"); shift 2 ;;
    --verbose|--supervise)
      spark_args+=("$1"); shift ;;
    *)
      job_args+=("$1"); shift ;;
  esac
done

build_if_missing() {
  if [[ ! -f "$app_jar" || ! -f "$cluster_jar" || ! -d "$root/target/lib" || ! -f "$root/target/jvm-options.txt" || ! -f "$root/target/classpath.txt" ]]; then
    echo "jobs/submit.sh: building jobsurvey (mvn package, tests skipped) ..." >&2
    # Maven's output (even -q prints colour resets) is shown only when the build fails.
    local log
    log="$(mktemp)"
    if ! (cd "$root" && mvn -B -q -DskipTests package) > "$log" 2>&1; then
      cat "$log" >&2
      rm -f "$log"
      exit 1
    fi
    rm -f "$log"
  fi
}
build_if_missing

log_config="-Dlog4j2.configurationFile=file:$root/conf/log4j2.properties"

if [[ -n "${SPARK_HOME:-}" ]]; then
  exec "$SPARK_HOME/bin/spark-submit" --class "$launcher_class" \
    --driver-java-options "$log_config $driver_java_options" \
    "${spark_args[@]}" "$cluster_jar" "${job_args[@]}"
fi

jvm_options="$(cat "$root/target/jvm-options.txt")"
# Maven's class-path order matters (spark-excel bundles classes of other jars): keep it.
class_path="$(sed "s#@LIB@#$root/target/lib#g" "$root/target/classpath.txt")"
[[ -n "$has_master" ]] || spark_args=(--master "local[*]" "${spark_args[@]}")
# In local mode the driver is this JVM: --driver-memory has to become -Xmx here.
# shellcheck disable=SC2086
exec java -Xmx"${driver_memory:-4g}" $jvm_options $log_config $driver_java_options \
  -cp "$class_path" org.apache.spark.deploy.SparkSubmit \
  --class "$launcher_class" "${spark_args[@]}" "$app_jar" "${job_args[@]}"
