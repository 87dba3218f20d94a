# bench/profile's CPU split: reads async-profiler's collapsed stacks (options ann,lib) and sorts each sample by its
# top frame into kernel, JIT-compiled Java by package, liblyger.so, the JNA/FFM binding, the JVM, libc.
# Variables: reqs (requests served while sampling), interval (ns of CPU per sample), engine (names of the mapped
# temp files that are liblyger.so, space-separated).
function category(frame,    name, parts, e, i, ne) {
  if (frame ~ /_\[k\]$/) return "kernel"
  if (frame ~ /_\[[ij01]\]$/) {
    name = frame; sub(/_\[[ij01]\]$/, "", name); gsub(/\//, ".", name)
    if (name ~ /^(com\.sun\.jna\.|io\.lyger\.connector\.internal\.(LygerJna|LygerFfm)|jdk\.internal\.foreign\.)/) return "binding: Java side (JNA / FFM)"
    if (name ~ /^io\.lyger\.sample\./) return "Java: application (io.lyger.sample)"
    if (name ~ /^io\.lyger\.connector\./) return "Java: io.lyger.connector"
    if (name ~ /^io\.lyger\./) return "Java: io.lyger (other: warm, launcher)"
    if (name ~ /^org\.eclipse\.jetty\.(server|http|io|util|ee11|session|security)\./) {
      split(name, parts, "."); return "Java: org.eclipse.jetty." parts[4]
    }
    if (name ~ /^org\.eclipse\.jetty\./) return "Java: org.eclipse.jetty (other)"
    if (name ~ /^org\.jboss\.weld\./) return "Java: org.jboss.weld (CDI)"
    if (name ~ /^jakarta\./) return "Java: jakarta"
    if (name ~ /^(java|javax|jdk|sun|com\.sun)\./) return "Java: jdk"
    return "Java: other"
  }
  ne = split(engine, e, " ")
  for (i = 1; i <= ne; i++) if (index(frame, e[i]) > 0) return "liblyger.so (Rust engine)"
  if (frame ~ /liblyger/) return "liblyger.so (Rust engine)"
  if (frame ~ /jna|jnidispatch|nep_invoker|[Dd]owncall/) return "binding: native side (libjnidispatch, FFM stubs)"
  if (frame ~ /^libjvm\.so`/) return "JVM (libjvm: GC, JIT compiler, runtime)"
  if (frame ~ /^lib(c|pthread|m)[.-]/ || frame ~ /vdso/) return "libc, vdso"
  if (frame ~ /(itable|vtable) stub|Interpreter|call_stub|_new_array|_new_instance|StubRoutines/) return "JVM stubs, interpreter"
  return "other"
}
# the key of the largest value (POSIX awk has no sorted iteration)
function maxkey(a,    k, best, m) { best = ""; for (k in a) if (best == "" || a[k] > m) { best = k; m = a[k] } return best }
{
  count = $NF; $NF = ""; sub(/ $/, "")
  k = split($0, frames, ";")
  leaf = frames[k]
  c = category(leaf)
  by[c] += count; total += count
  top[leaf] += count
}
END {
  us = interval / 1000.0
  printf "| where the CPU went (sampled top frame) | share | µs per request |\n|---|---|---|\n"
  while ((c = maxkey(by)) != "") { printf "| %s | %.1f%% | %.2f |\n", c, 100 * by[c] / total, by[c] * us / reqs; delete by[c] }
  printf "| **total** (%d samples, one per %d µs of CPU) | 100%% | **%.2f** |\n\n", total, us, total * us / reqs
  printf "Top frames:\n\n| frame | share |\n|---|---|\n"
  n = 0
  while (n++ < 25 && (f = maxkey(top)) != "") { printf "| `%s` | %.1f%% |\n", f, 100 * top[f] / total; delete top[f] }
}
