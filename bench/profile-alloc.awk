# bench/profile's allocation report: reads async-profiler's collapsed allocation stacks (option total: the count is
# bytes) and gives bytes per request by allocating method and type. Variable: reqs (requests served while sampling).
# the key of the largest value (POSIX awk has no sorted iteration)
function maxkey(a,    k, best, m) { best = ""; for (k in a) if (best == "" || a[k] > m) { best = k; m = a[k] } return best }
{
  bytes = $NF; $NF = ""; sub(/ $/, "")
  k = split($0, frames, ";")
  type = frames[k]; site = frames[k - 1]
  sub(/_\[[a-z0-9]\]$/, "", type); sub(/_\[[a-z0-9]\]$/, "", site); gsub(/\//, ".", site)
  by[site " → " type] += bytes; total += bytes
}
END {
  printf "%.0f bytes allocated per request in all.\n\n| allocating method → type | bytes per request |\n|---|---|\n", total / reqs
  n = 0
  while (n++ < 30 && (s = maxkey(by)) != "") { printf "| `%s` | %.0f |\n", s, by[s] / reqs; delete by[s] }
}
