#!/usr/bin/env bash
# Summarises a JFR recording of a bedflow run (BENCH_JFR=1 bench/run.sh, or
# BEDFLOW_JAVA_OPTS="-XX:StartFlightRecording=filename=x.jfr,settings=profile" ./bedflow run ...):
#   1. hottest methods (top frame of each CPU sample),
#   2. which bedflow / Spark entry points the samples sit under (first org.bedflow frame,
#      and the Spark physical operator or codegen stage on the stack),
#   3. samples per thread group, GC pauses and the heap after GC.
# Usage: bench/jfr-summary.sh FILE.jfr [TOP]
set -euo pipefail
JFR_FILE="$1"; TOP="${2:-25}"
JFR="${JAVA_HOME:+$JAVA_HOME/bin/}jfr"
command -v "$JFR" >/dev/null 2>&1 || JFR="$(dirname "$(readlink -f "$(command -v java)")")/jfr"

SAMPLES="$(mktemp)"; trap 'rm -f "$SAMPLES"' EXIT
"$JFR" print --stack-depth 200 --events jdk.ExecutionSample "$JFR_FILE" >"$SAMPLES"

awk -v top="$TOP" '
  function flush() {
    if (nframes == 0) return
    total++
    self[frames[1]]++
    th = thread; gsub(/[0-9]+/, "N", th); threads[th]++
    bf = ""; op = ""
    for (i = 1; i <= nframes; i++) {
      f = frames[i]
      if (bf == "" && f ~ /^org\.bedflow\./) bf = f
      if (op == "" && (f ~ /GeneratedIteratorForCodegenStage/ || f ~ /^org\.apache\.spark\.sql\.execution\.[A-Za-z.]*Exec/ \
                       || f ~ /^org\.apache\.spark\.sql\.execution\.(datasources|aggregate|joins|window|columnar)\./ \
                       || f ~ /^org\.apache\.parquet\./ || f ~ /^org\.apache\.spark\.sql\.catalyst\.expressions\.codegen/ \
                       || f ~ /^org\.apache\.spark\.sql\.catalyst\.(optimizer|analysis)/ || f ~ /^org\.apache\.spark\.util\.collection/ \
                       || f ~ /^org\.apache\.spark\.shuffle/ || f ~ /^org\.apache\.spark\.storage/ || f ~ /^org\.codehaus\.janino/)) op = f
    }
    under[bf == "" ? "(no org.bedflow frame)" : bf]++
    claimed = 0
    for (i = 1; i <= nframes && !claimed; i++)
      for (c = 1; c <= ncat; c++) if (frames[i] ~ catre[c]) { incl[c]++; claimed = 1; break }
    if (!claimed) unclaimed++
    ops[op == "" ? "(none of the listed Spark/Parquet frames)" : op]++
    pkg = frames[1]; sub(/\.[^.]*\(.*$/, "", pkg); n = split(pkg, parts, "."); p = parts[1]
    for (i = 2; i <= n && i <= 4; i++) p = p "." parts[i]
    pkgs[p]++
    nframes = 0
  }
  BEGIN {
    # exclusive categories: walking the stack of a sample from the innermost frame outwards, the
    # first frame that matches a category (in this order) claims the sample
    ncat = 0
    cat[++ncat] = "writing Parquet (encoding, dictionaries, page writes)"; catre[ncat] = "ParquetWriteSupport|ParquetOutputWriter|InternalParquetRecordWriter|ColumnWriter|ValuesWriter|Encoder\\.|ColumnChunkPageWriteStore|ParquetFileWriter|MessageColumnIO"
    cat[++ncat] = "reading Parquet (decoding)"; catre[ncat] = "VectorizedParquetRecordReader|VectorizedColumnReader|VectorizedRle|ParquetDictionary|Decoder|ValuesReader|ParquetFileReader|ColumnChunkPageReadStore|ParquetReadSupport|ParquetRowConverter|ParquetFooterReader"
    cat[++ncat] = "compression (snappy, lz4, zstd)"; catre[ncat] = "snappy|Snappy|lz4|LZ4|zstd|Zstd|Inflater|Deflater"
    cat[++ncat] = "Row <-> internal row conversions (Dataset.map encoders, UDF arguments)"; catre[ncat] = "mapelements_|deserializetoobject_|serializefromobject_|ExpressionEncoder|CatalystTypeConverters|ScalaUDF"
    cat[++ncat] = "bedflow RowValidator (row checks)"; catre[ncat] = "org\\.bedflow\\.pipeline\\.ingest\\.validate\\."
    cat[++ncat] = "bedflow PersonKeys (HMAC-SHA256)"; catre[ncat] = "org\\.bedflow\\.pipeline\\.link\\.PersonKeys"
    cat[++ncat] = "sorting"; catre[ncat] = "UnsafeExternalRowSorter|UnsafeExternalSorter|UnsafeInMemorySorter|UnsafeSorterSpill|sort_addToSorter|SortExec"
    cat[++ncat] = "window functions"; catre[ncat] = "WindowEvaluatorFactory|WindowExec|WindowFunctionFrame"
    cat[++ncat] = "hash joins (build and probe)"; catre[ncat] = "HashedRelation|BroadcastHashJoin|ShuffledHashJoin"
    cat[++ncat] = "sort-merge joins"; catre[ncat] = "SortMergeJoin|smj_"
    cat[++ncat] = "hash aggregation"; catre[ncat] = "UnsafeFixedWidthAggregationMap|TungstenAggregationIterator|HashAggregateExec|ObjectAggregation|hashAgg_"
    cat[++ncat] = "shuffle write and read"; catre[ncat] = "ShuffleWriter|ShuffleExternalSorter|ShuffleBlockFetcherIterator|BlockStoreShuffleReader|ShuffleInMemorySorter|DiskBlockObjectWriter"
    cat[++ncat] = "other generated code (filters, projections, expressions)"; catre[ncat] = "GeneratedClass"
    cat[++ncat] = "code generation and Janino compile"; catre[ncat] = "org\\.codehaus\\.janino|CodeGenerator"
    cat[++ncat] = "query analysis and optimisation (Catalyst, AQE)"; catre[ncat] = "catalyst\\.analysis\\.|catalyst\\.optimizer\\.|catalyst\\.rules\\.|catalyst\\.trees\\.|QueryExecution|AdaptiveSparkPlanExec|QueryPlanner"
    cat[++ncat] = "Hadoop file system (checksums, rename, permissions)"; catre[ncat] = "org\\.apache\\.hadoop\\.fs\\."
    cat[++ncat] = "class loading and JAR lookups"; catre[ncat] = "ClassLoader|ZipFile|JarFile"
  }
  /^jdk\.ExecutionSample/ { flush(); next }
  /sampledThread = / { thread = $0; sub(/.*sampledThread = "/, "", thread); sub(/".*/, "", thread) }
  /^[ \t]+[^ =]+\(.*\)/ && inStack { line = $0; sub(/^[ \t]+/, "", line); sub(/[ \t]+line:.*$/, "", line); frames[++nframes] = line; next }
  /stackTrace = \[/ { inStack = 1; next }
  /^[ \t]+\]/ { inStack = 0 }
  END {
    flush()
    printf "CPU samples: %d\n\n", total
    print "== hottest methods (self) =="; for (k in self) printf "%7d %5.1f%%  %s\n", self[k], 100 * self[k] / total, k | "sort -rn | head -" top; close("sort -rn | head -" top)
    print "\n== top package of the sampled frame =="; for (k in pkgs) printf "%7d %5.1f%%  %s\n", pkgs[k], 100 * pkgs[k] / total, k | "sort -rn | head -" top; close("sort -rn | head -" top)
    print "\n== deepest bedflow frame on the stack (whose code the time is spent for) =="; for (k in under) printf "%7d %5.1f%%  %s\n", under[k], 100 * under[k] / total, k | "sort -rn | head -" top; close("sort -rn | head -" top)
    print "\n== innermost Spark/Parquet/codegen frame =="; for (k in ops) printf "%7d %5.1f%%  %s\n", ops[k], 100 * ops[k] / total, k | "sort -rn | head -" top; close("sort -rn | head -" top)
    print "\n== where the samples are (each sample once: the innermost frame that names an activity) =="
    for (c = 1; c <= ncat; c++) printf "%7d %5.1f%%  %s\n", incl[c], 100 * incl[c] / total, cat[c] | "sort -rn"; close("sort -rn")
    printf "%7d %5.1f%%  %s\n", unclaimed, 100 * unclaimed / total, "(none of these)"
    print "\n== threads =="; for (k in threads) printf "%7d %5.1f%%  %s\n", threads[k], 100 * threads[k] / total, k | "sort -rn | head -" top; close("sort -rn | head -" top)
  }' "$SAMPLES"

echo
echo "== GC =="
"$JFR" summary "$JFR_FILE" | grep -E 'jdk\.(GarbageCollection|GCHeapSummary|OldGarbageCollection|YoungGarbageCollection) ' || true
"$JFR" print --events jdk.GarbageCollection "$JFR_FILE" | awk '/sumOfPauses/ { v = $3; u = $4; if (u ~ /^s/) v *= 1000; else if (u ~ /^us/) v /= 1000; tot += v; n++; if (v > mx) mx = v }
  END { printf "collections: %d, total pause: %.0f ms, longest: %.0f ms\n", n, tot, mx }'
"$JFR" print --events jdk.GCHeapSummary "$JFR_FILE" | awk '/when = "After GC"/ { a = 1 } a && /heapUsed = / { v = $3; u = $4; if (u ~ /GB/) v *= 1024; else if (u ~ /kB/) v /= 1024; if (v > mx) mx = v; a = 0 }
  END { printf "largest heap used after a GC: %.0f MB\n", mx }'
