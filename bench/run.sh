#!/usr/bin/env bash
# bedflow benchmark (issue 9). One command produces the published figures:
#
#   bench/run.sh [SPELLS...]          default: 250000 2000000 17000000
#
# For each size it generates Parquet feeds once (cached in bench/data/spells-N, reused when
# present), runs the nightly job end to end (JVM start included) under /usr/bin/time -v (wall
# time, peak RSS), parses the per-step progress lines (seconds, rows, rows/s), runs the core
# delayed_discharge_monthly measures as plain SQL in DuckDB on the same Parquet inputs, prints
# the Spark/DuckDB ratio, cross-checks DuckDB's numbers against bedflow's table, and inserts a
# Markdown section (machine, settings, tables) at the top of the results in docs/performance.md.
#
# Environment (all optional):
#   BENCH_DATA=DIR        generated feeds cache            (default bench/data)
#   BENCH_OUT=DIR         job outputs and logs              (default bench/out)
#   BENCH_MONTHS=12 BENCH_START=2023-04 BENCH_SEED=42   what is generated (run date = start + months)
#   BENCH_NOTE="text"     a line written under the section heading (e.g. "machine under load")
#   BENCH_RESULTS=FILE    where the section goes            (default docs/performance.md; "-" = stdout only)
#   BENCH_JFR=1           also record a JFR profile of each job run (bench/out/spells-N/run.jfr)
#                         and summarise it (bench/jfr-summary.sh); profiling slows the run a little
#   BENCH_EVENTLOG=0      do not write Spark's event log (default: written to bench/out/spells-N/eventlog/ and
#                         summarised by SparkEventLogSummary: SQL executions and Spark jobs of the night, which
#                         the results table shows, driver-only time, slowest queries by source line)
#   BEDFLOW_JAVA_OPTS     JVM options of the job (default: none, i.e. bedflow's default settings)
#   BENCH_GEN_JAVA_OPTS   JVM options of the generator      (default -Xmx1g: proves it streams)
#   BENCH_CONFIG=FILE     passed to bedflow run --config (Spark settings)
#   BENCH_DUCKDB_THREADS  DuckDB threads                    (default: DuckDB's, = cores)
#   BENCH_SKIP_DUCKDB=1   skip the DuckDB comparison
#   BENCH_GENERATE_ONLY=1 only fill the data cache (e.g. the day before the measurement), then stop
#
# Exit code: 0 when every job run completed and every cross-check agreed, 1 otherwise.
set -euo pipefail

# the whole script is one function, parsed before it runs: editing this file during a long
# benchmark cannot change the run in progress
main() {

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH/.." && pwd)"
DATA="${BENCH_DATA:-$BENCH/data}"
OUT="${BENCH_OUT:-$BENCH/out}"
MONTHS="${BENCH_MONTHS:-12}"
START="${BENCH_START:-2023-04}"
SEED="${BENCH_SEED:-42}"
RESULTS="${BENCH_RESULTS:-$ROOT/docs/performance.md}"
GEN_OPTS="${BENCH_GEN_JAVA_OPTS:--Xmx1g}"
RUN_DATE="$(date -d "${START}-01 +${MONTHS} month" +%F)"
SIZES=("$@")
[ ${#SIZES[@]} -eq 0 ] && SIZES=(250000 2000000 17000000)

for s in "${SIZES[@]}"; do
  [[ "$s" =~ ^[0-9]+$ ]] || { echo "bench: sizes are spell counts, got '$s'" >&2; exit 2; }
done
[ -x /usr/bin/time ] || { echo "bench: needs GNU time (/usr/bin/time; apt-get install time)" >&2; exit 2; }
mkdir -p "$DATA" "$OUT"

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# ---------------------------------------------------------------------------------- build
log "building bedflow (if stale) and the DuckDB side (-Pbench)"
"$ROOT/bedflow" --version >/dev/null
if [ -z "${BENCH_SKIP_DUCKDB:-}" ]; then
  # offline first (DuckDB already in ~/.m2), else let Maven fetch the one jar
  (cd "$ROOT" && { ./mvnw -q -o -B -Pbench -pl bench package -DskipTests >/dev/null 2>&1 \
                 || ./mvnw -q -B -Pbench -pl bench package -DskipTests; })
  DUCK_CP="$BENCH/target/classes:$(cat "$BENCH/target/classpath.txt")"
fi

# ---------------------------------------------------------------------------------- helpers
# "Elapsed (wall clock) time (h:mm:ss or m:ss): 1:02.34" -> seconds
wall_seconds() {
  awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0;
      for (i = 1; i <= n; i++) s = s * 60 + p[i]; printf "%.1f", s }' "$1"
}
rss_mb() { awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$1"; }
cpu_pct() { awk -F': ' '/Percent of CPU this job got/ { gsub("%", "", $2); print $2 }' "$1"; }
cpu_seconds() { awk -F': ' '/(User|System) time \(seconds\)/ { s += $2 } END { printf "%.0f", s }' "$1"; }
num() { tr -d ',' <<<"$1"; }
fmt() { sed -e ':a' -e 's/\B[0-9]\{3\}\>/,&/' -e 'ta' <<<"$1"; }  # 1234567 -> 1,234,567
per_s() { awk -v r="$1" -v s="$2" 'BEGIN { if (s > 0) printf "%d", r / s; else print "-" }'; }
human() { # spells -> 250 k / 2 M / 17 M
  awk -v n="$1" 'BEGIN { if (n >= 1e6) { v = n / 1e6; printf (v == int(v) ? "%d M" : "%.1f M"), v }
                         else if (n >= 1e3) { v = n / 1e3; printf (v == int(v) ? "%d k" : "%.1f k"), v }
                         else print n }'
}
kv() { sed -n "s/^$1=//p" "$2" | tail -1; }

LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
# the commit that runs, and the last commit that changed the job's code (bench/ and docs/ commits do not)
COMMIT="$(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo unknown)$(cd "$ROOT" && git diff --quiet HEAD -- pipeline jobs sample-data schemas pom.xml 2>/dev/null || echo "-dirty")"
JOB_COMMIT="$(cd "$ROOT" && git log -1 --format=%h -- pipeline jobs sample-data schemas 2>/dev/null || echo unknown)"
STARTED="$(date -u +%Y-%m-%dT%H:%MZ)"
SUMMARY_ROWS=()
STEP_ROWS=()
DUCK_ROWS=()
FAILED=0

# ---------------------------------------------------------------------------------- per size
for N in "${SIZES[@]}"; do
  # the cache is keyed by everything that shapes the data (plain spells-N for the defaults)
  KEY="spells-$N"
  [ "$MONTHS/$START/$SEED" = "12/2023-04/42" ] || KEY="spells-$N-${MONTHS}m-from-$START-seed-$SEED"
  D="$DATA/$KEY"
  O="$OUT/$KEY"
  mkdir -p "$O"

  # 1. generate once (the figures of the generation that made the cache are kept with it)
  if [ ! -f "$D/.complete" ]; then
    log "$N spells: generating Parquet feeds into $D ($MONTHS months from $START, seed $SEED, $GEN_OPTS)"
    rm -rf "$D.tmp"
    BEDFLOW_JAVA_OPTS="$GEN_OPTS" /usr/bin/time -v -o "$D.gen.time" \
      "$ROOT/bedflow" generate --output "$D.tmp" --spells "$N" --months "$MONTHS" --start "$START" \
        --seed "$SEED" --format PARQUET >"$D.gen.log" 2>&1 || { tail -20 "$D.gen.log" >&2; exit 1; }
    mv "$D.tmp" "$D"
    { echo "gen_wall=$(wall_seconds "$D.gen.time")"; echo "gen_rss_mb=$(rss_mb "$D.gen.time")";
      echo "gen_opts=$GEN_OPTS"; echo "months=$MONTHS"; echo "start=$START"; echo "seed=$SEED"; } >"$D/.complete"
  else
    log "$N spells: reusing $D"
  fi
  GEN_WALL="$(kv gen_wall "$D/.complete")"
  GEN_RSS="$(kv gen_rss_mb "$D/.complete")"
  GEN_MONTHS="$(kv months "$D/.complete")"; GEN_START="$(kv start "$D/.complete")"
  R_DATE="$RUN_DATE"
  [ -n "$GEN_MONTHS" ] && [ -n "$GEN_START" ] && R_DATE="$(date -d "${GEN_START}-01 +${GEN_MONTHS} month" +%F)"
  FEED_BYTES="$(du -sb "$D" | cut -f1)"
  if [ -n "${BENCH_GENERATE_ONLY:-}" ]; then
    log "$N spells: $D ready ($((FEED_BYTES / 1048576)) MB; generated in ${GEN_WALL:-?} s, peak RSS ${GEN_RSS:-?} MB)"
    continue
  fi

  # 2. the nightly job, end to end, JVM start included, a fresh output folder and job repository
  rm -rf "$O/output"
  JOB_OPTS="${BEDFLOW_JAVA_OPTS:-}"
  if [ -n "${BENCH_JFR:-}" ]; then
    JOB_OPTS="$JOB_OPTS -XX:StartFlightRecording=filename=$O/run.jfr,settings=profile"
  fi
  if [ "${BENCH_EVENTLOG:-1}" != 0 ]; then
    rm -rf "$O/eventlog"; mkdir -p "$O/eventlog"
    JOB_OPTS="$JOB_OPTS -Dspark.eventLog.enabled=true -Dspark.eventLog.compress=false -Dspark.eventLog.dir=file://$O/eventlog"
  fi
  CONFIG_ARGS=()
  [ -n "${BENCH_CONFIG:-}" ] && CONFIG_ARGS=(--config "$BENCH_CONFIG")
  log "$N spells: bedflow run (run date $R_DATE)${JOB_OPTS:+ with $JOB_OPTS}"
  set +e
  BEDFLOW_JAVA_OPTS="$JOB_OPTS" \
  BEDFLOW_DB_URL="jdbc:h2:mem:bench-$N" BEDFLOW_LOG_FILE="$O/bedflow.log" \
  BEDFLOW_PSEUDONYM_KEY="${BEDFLOW_PSEUDONYM_KEY:-bench-only-pseudonym-key-0001}" \
    /usr/bin/time -v -o "$O/run.time" \
    "$ROOT/bedflow" run --input "$D" --output "$O/output" --run-date "$R_DATE" "${CONFIG_ARGS[@]}" >"$O/run.log" 2>&1
  RC=$?
  set -e
  cat "$O/run.log" | grep -E '^  [a-z]+ +(COMPLETED|FAILED|STOPPED)' >&2 || true
  RUN_WALL="$(wall_seconds "$O/run.time")"
  RUN_RSS="$(rss_mb "$O/run.time")"
  RUN_CPU="$(cpu_pct "$O/run.time")"
  RUN_CPU_S="$(cpu_seconds "$O/run.time")"
  if [ "$RC" -ne 0 ]; then
    log "$N spells: bedflow run FAILED (exit $RC); see $O/run.log"
    FAILED=1
  fi

  # per step: "  validate  COMPLETED   12.3 s  583,501 rows read, ..."
  STEPS_TOTAL=0; FEED_ROWS=0; SPELLS=0
  while IFS='|' read -r step status secs summary; do
    first="$(grep -oE '[0-9][0-9,]*' <<<"$summary" | head -1 | tr -d ',')"
    case "$step" in
      validate) rows="$first"; what="feed rows read"; FEED_ROWS="$rows" ;;
      link)     rows="$first"; what="spells linked"; SPELLS="$rows" ;;
      measure)  rows="$SPELLS"; what="linked spells measured" ;;
      publish)  rows="$(sed 's/;.*//' <<<"$summary" | grep -oE ' [0-9][0-9,]*' | tr -d ', ' | awk '{ s += $1 } END { print s + 0 }')"
                what="rows published (all tables)" ;;
      *)        rows="${first:-0}"; what="" ;;
    esac
    STEPS_TOTAL="$(awk -v a="$STEPS_TOTAL" -v b="$secs" 'BEGIN { printf "%.1f", a + b }')"
    STEP_ROWS+=("| $(human "$N") | $step | $status | $secs | $(fmt "${rows:-0}") $what | $(fmt "$(per_s "${rows:-0}" "$secs")") |")
  done < <(sed -nE 's/^  ([a-z]+) +(COMPLETED|FAILED|STOPPED) +([0-9.]+) s  (.*)$/\1|\2|\3|\4/p' "$O/run.log")
  OVERHEAD="$(awk -v w="$RUN_WALL" -v s="$STEPS_TOTAL" 'BEGIN { printf "%.1f", w - s }')"
  STEP_ROWS+=("| $(human "$N") | JVM, Spring, Spark start and stop | | $OVERHEAD | | |")

  # 3. DuckDB: the core measures on the same Parquet, then the cross-check against bedflow's table
  DUCK_WALL="-"; DUCK_RSS="-"; DUCK_QUERY="-"; DUCK_CPU_S="-"; RATIO="-"; CPU_RATIO="-"; CHECK="not run"
  if [ -z "${BENCH_SKIP_DUCKDB:-}" ]; then
    log "$N spells: DuckDB"
    DUCK_ARGS=(--input "$D" --lgr "$ROOT/pipeline/src/main/resources/reference/lgr/northamptonshire.csv"
               --delay-reasons "$ROOT/pipeline/src/main/resources/reference/delay_reasons/acute_sitrep.csv"
               --transfers "$ROOT/pipeline/src/main/resources/reference/transfers.csv")
    [ "$RC" -eq 0 ] && DUCK_ARGS+=(--bedflow-output "$O/output")
    [ -n "${BENCH_DUCKDB_THREADS:-}" ] && DUCK_ARGS+=(--threads "$BENCH_DUCKDB_THREADS")
    set +e
    /usr/bin/time -v -o "$O/duckdb.time" java -cp "$DUCK_CP" org.bedflow.bench.DuckDbMeasures "${DUCK_ARGS[@]}" >"$O/duckdb.log" 2>&1
    DRC=$?
    set -e
    grep -E '^(duckdb_(query|total)_seconds|crosscheck)' "$O/duckdb.log" >&2 || true
    DUCK_WALL="$(wall_seconds "$O/duckdb.time")"
    DUCK_RSS="$(rss_mb "$O/duckdb.time")"
    DUCK_QUERY="$(kv duckdb_query_seconds "$O/duckdb.log")"
    DUCK_CPU_S="$(cpu_seconds "$O/duckdb.time")"
    RATIO="$(awk -v a="$RUN_WALL" -v b="$DUCK_WALL" 'BEGIN { if (b > 0) printf "%.1f", a / b; else print "-" }')"
    CPU_RATIO="$(awk -v a="$RUN_CPU_S" -v b="$DUCK_CPU_S" 'BEGIN { if (b > 0) printf "%.0f", a / b; else print "-" }')"
    if [ "$DRC" -eq 0 ] && [ -n "$(kv crosscheck_rows "$O/duckdb.log")" ]; then
      CHECK="agree ($(kv crosscheck_rows "$O/duckdb.log") area-months)"
    elif [ "$DRC" -eq 3 ]; then
      CHECK="**$(kv crosscheck_differences "$O/duckdb.log") differences** ($O/duckdb.log)"
      FAILED=1
    elif [ "$DRC" -eq 0 ]; then
      CHECK="not compared (job failed)"
    else
      CHECK="DuckDB failed (exit $DRC)"; FAILED=1
      tail -20 "$O/duckdb.log" >&2
    fi
    for k in $(sed -nE 's/^duckdb_step_(.*)_seconds=.*/\1/p' "$O/duckdb.log"); do
      DUCK_ROWS+=("| $(human "$N") | $k | $(kv "duckdb_step_${k}_seconds" "$O/duckdb.log") |")
    done
    log "$N spells: bedflow ${RUN_WALL} s / DuckDB ${DUCK_WALL} s = ${RATIO}x; cross-check: $CHECK"
  fi

  if [ -n "${BENCH_JFR:-}" ] && [ -f "$O/run.jfr" ]; then
    "$BENCH/jfr-summary.sh" "$O/run.jfr" >"$O/jfr-summary.txt" 2>&1 || true
    log "$N spells: profile summary in $O/jfr-summary.txt"
  fi

  QUERIES="-"
  if [ "${BENCH_EVENTLOG:-1}" != 0 ] && [ -n "${DUCK_CP:-}" ]; then
    EVLOG="$(find "$O/eventlog" -type f -name 'events*' ! -name '*.crc' | head -1)"
    if [ -n "$EVLOG" ]; then
      java -cp "$DUCK_CP" org.bedflow.bench.SparkEventLogSummary "$EVLOG" 25 >"$O/eventlog-summary.txt" 2>&1 || true
      head -4 "$O/eventlog-summary.txt" >&2
      # "SQL executions 79, jobs 291, stages 291, tasks 532"
      QUERIES="$(sed -nE 's/^SQL executions ([0-9]+), jobs ([0-9]+),.*/\1 \/ \2/p' "$O/eventlog-summary.txt" | head -1)"
      QUERIES="${QUERIES:--}"
      log "$N spells: event log summary in $O/eventlog-summary.txt"
    fi
  fi

  # issue 20's wall-time targets on a 2-core machine: 250 k <= 30 s, 2 M <= 80 s, 17 M <= 6 min
  TARGET="-"
  LIMIT=""
  if [ "$N" -le 300000 ]; then LIMIT=30
  elif [ "$N" -ge 1500000 ] && [ "$N" -le 2500000 ]; then LIMIT=80
  elif [ "$N" -ge 15000000 ]; then LIMIT=360
  fi
  [ -n "$LIMIT" ] && TARGET="$(awk -v w="$RUN_WALL" -v l="$LIMIT" 'BEGIN { print (w <= l ? "met (≤ " l " s)" : "missed (> " l " s)") }')"
  [ "$RC" -ne 0 ] && TARGET="job failed (exit $RC)"
  SUMMARY_ROWS+=("| $(human "$N") | $(fmt "$FEED_ROWS") | $(awk -v b="$FEED_BYTES" 'BEGIN { printf "%.0f", b / 1048576 }') MB | ${GEN_WALL:-?} s / ${GEN_RSS:-?} MB | **${RUN_WALL} s** | **${RUN_RSS} MB** | ${RUN_CPU_S} s (${RUN_CPU} %) | $QUERIES | $(fmt "$(per_s "$FEED_ROWS" "$RUN_WALL")") | ${DUCK_WALL} s (query ${DUCK_QUERY} s), CPU ${DUCK_CPU_S} s, ${DUCK_RSS} MB | **${RATIO}×** (CPU ${CPU_RATIO}×) | $CHECK | $TARGET |")
done

[ -n "${BENCH_GENERATE_ONLY:-}" ] && return 0

# ---------------------------------------------------------------------------------- report
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"
CPU_MODEL="$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
MEM_GB="$(awk '/MemTotal/ { printf "%.1f", $2 / 1048576 }' /proc/meminfo)"
JDK="$(java -version 2>&1 | head -1)"
DUCK_VERSION="$( [ -z "${BENCH_SKIP_DUCKDB:-}" ] && kv duckdb_version "$O/duckdb.log" || echo -)"

SECTION="$(mktemp)"
{
  echo "### Run of $STARTED, commit $COMMIT (job code as of $JOB_COMMIT)"
  echo
  [ -n "${BENCH_NOTE:-}" ] && { echo "> $BENCH_NOTE"; echo; }
  echo "| machine | |"
  echo "|---|---|"
  echo "| CPU | $CPU_MODEL, $(nproc) cores visible (\`nproc\`) |"
  echo "| memory | $MEM_GB GiB |"
  echo "| JDK | $JDK |"
  echo "| OS | $(uname -sr) |"
  echo "| load average (1, 5, 15 min) | before $LOAD_BEFORE, after $LOAD_AFTER |"
  echo "| job settings | BEDFLOW_JAVA_OPTS=\`${BEDFLOW_JAVA_OPTS:-}\`${BENCH_CONFIG:+, --config $BENCH_CONFIG}${BENCH_JFR:+, JFR profiling on} (empty = defaults) |"
  echo "| data | $MONTHS months from $START, seed $SEED, Parquet; run date $RUN_DATE |"
  echo "| DuckDB | $DUCK_VERSION (JDBC, in-process, ${BENCH_DUCKDB_THREADS:-default} threads) |"
  echo
  echo "| spells | feed rows | Parquet | generate (wall / peak RSS) | bedflow run wall | bedflow peak RSS | CPU time user+sys (% of one core) | SQL executions / Spark jobs | feed rows/s | DuckDB wall (query), CPU, peak RSS | bedflow / DuckDB wall (CPU) | cross-check | target |"
  echo "|---:|---:|---:|---|---:|---:|---:|---:|---:|---|---:|---|---|"
  printf '%s\n' "${SUMMARY_ROWS[@]}"
  echo
  echo "Per step (from the job's progress lines; \"JVM … start and stop\" = wall − Σ steps):"
  echo
  echo "| spells | step | status | seconds | rows | rows/s |"
  echo "|---:|---|---|---:|---:|---:|"
  printf '%s\n' "${STEP_ROWS[@]}"
  if [ ${#DUCK_ROWS[@]} -gt 0 ]; then
    echo
    echo "<details><summary>DuckDB per statement (seconds)</summary>"
    echo
    echo "| spells | statement | seconds |"
    echo "|---:|---|---:|"
    printf '%s\n' "${DUCK_ROWS[@]}"
    echo
    echo "</details>"
  fi
  echo
} >"$SECTION"

cat "$SECTION"
if [ "$RESULTS" != "-" ]; then
  BEGIN='<!-- bench:results:begin (bench/run.sh inserts each run below this line) -->'
  if [ -f "$RESULTS" ] && grep -qF "$BEGIN" "$RESULTS"; then
    awk -v begin="$BEGIN" -v section="$SECTION" '
      { print }
      $0 == begin { print ""; while ((getline line < section) > 0) print line }' "$RESULTS" >"$RESULTS.tmp"
    mv "$RESULTS.tmp" "$RESULTS"
  else
    { echo; echo "## Results"; echo; echo "$BEGIN"; echo; cat "$SECTION"; } >>"$RESULTS"
  fi
  log "results inserted into $RESULTS"
fi
rm -f "$SECTION"
exit "$FAILED"
}

main "$@"
exit $?
