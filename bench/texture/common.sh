# shared by bench/texture/quality and bench/texture/speed: builds texture-service if needed, compiles the bench.
set -euo pipefail
bench_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$bench_dir/../.." && pwd)"
app="$root/texture-service/target/quarkus-app"
if ! ls "$app"/app/*.jar >/dev/null 2>&1 || [ -n "${BENCH_REBUILD:-}" ]; then
  echo "bench: building texture-service..." >&2
  mvn_cmd=mvn
  [ -x "$root/mvnw" ] && mvn_cmd="$root/mvnw"
  (cd "$root" && "$mvn_cmd" -q -pl texture-service -am package -DskipTests) >&2
fi
cp_engine="$app/app/*:$app/lib/main/*"
out="$bench_dir/target/classes"
mkdir -p "$out"
javac -q -d "$out" -cp "$cp_engine" $(find "$bench_dir/src" -name '*.java') 2>/dev/null || javac -d "$out" -cp "$cp_engine" $(find "$bench_dir/src" -name '*.java')
portraits="${PORTRAITS:-$root/../shared/portraits}"
