# shared by bench/texture/quality and bench/texture/speed: the engine's classpath (built if needed), the bench compiled.
set -euo pipefail
bench_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$bench_dir/../.." && pwd)"
cp_engine="$(TEXTURE_REBUILD="${BENCH_REBUILD:-}" "$root/texture-engine/classpath")"
out="$bench_dir/target/classes"
mkdir -p "$out"
javac -d "$out" -cp "$cp_engine" $(find "$bench_dir/src" -name '*.java')
portraits="${PORTRAITS:-$root/../shared/portraits}"
