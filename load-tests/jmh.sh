#!/usr/bin/env bash
# Runs the JMH microbenchmarks of server/src/test/java/im/tandem/bench (see load-tests/JMH.md).
#
#   bash load-tests/jmh.sh                      # every benchmark, defaults below (about 5 minutes)
#   bash load-tests/jmh.sh MdmFanOut            # only benchmarks matching a regex
#   bash load-tests/jmh.sh -prof gc XmlDecode   # any JMH option; -h lists them
#
# Defaults, each left out when the same option is given: one fork with a fixed 1 GB heap,
# 4 warm-up iterations of 3 s (on 2 cores the JIT needs about 10 s to settle on the XML
# paths), 5 measured iterations of 2 s, results also as JSON in load-tests/results/jmh.json
# (give -rff to write elsewhere and keep the recorded figures).
# Extra Maven options go in MAVEN_ARGS (e.g. MAVEN_ARGS=-o for an offline build), extra
# options of this JVM in JAVA_OPTS; options of the forked JVMs go in -jvmArgsAppend, which
# then replaces the default heap setting.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
results=load-tests/results
classpath_file=server/target/jmh-classpath.txt
mkdir -p "$results"

# Compiles main and test classes (the JMH annotation processor writes the benchmark list) and
# writes the test-scope dependency classpath. No tests run, nothing is packaged.
./mvnw -q -B -pl server test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$root/$classpath_file"

if [[ ! -s server/target/test-classes/META-INF/BenchmarkList ]]; then
    echo "jmh.sh: server/target/test-classes/META-INF/BenchmarkList is missing: the JMH annotation" \
         "processor did not run during test-compile (on JDK 23 and later it needs -proc:full)" >&2
    exit 1
fi

args=("$@")
given() {
    local a
    for a in "${args[@]}"; do
        [[ "$a" == "$1" ]] && return 0
    done
    return 1
}
defaults=()
default() {
    given "$1" || defaults+=("$@")
}
default -f 1
default -jvmArgsAppend "-Xms1g -Xmx1g"
default -wi 4
default -w 3s
default -i 5
default -r 2s
default -rf json
default -rff "$results/jmh.json"

java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
# shellcheck disable=SC2086 # JAVA_OPTS is a list of options
exec "$java" ${JAVA_OPTS:-} \
    -cp "server/target/test-classes:server/target/classes:$(cat "$classpath_file")" \
    org.openjdk.jmh.Main "${defaults[@]}" "${args[@]}"
