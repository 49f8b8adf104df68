# Sourced by the benchmarks: stats [SCALE] reads numbers, one a line, and prints
# "minimum median", each times SCALE (1 by default; 1000 for seconds into ms), to 0.1.
stats() {
  sort -g | awk -v k="${1:-1}" '{ v[NR] = $1 } END {
    m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    printf "%.1f %.1f\n", v[1] * k, m * k }'
}
