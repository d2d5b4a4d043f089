# For bench scripts (source it): best-of-N timing with /usr/bin/time. Callers declare the
# associative arrays best, cpu and rss (declare -A) and set $timing and $output to temporary files.

# best_of_time NAME CMD...: runs CMD (its output to $output: GNU grep stops at the first match when
# writing to /dev/null) and keeps NAME's best wall time with that run's CPU (user + sys) and peak RSS.
best_of_time() {
  local name=$1 wall user sys maxrss
  shift
  /usr/bin/time -o "$timing" -f "%e %U %S %M" "$@" >"$output" 2>&1 || true
  read -r wall user sys maxrss < <(tail -1 "$timing")
  if [ -z "${best[$name]:-}" ] || awk "BEGIN{exit !($wall < ${best[$name]})}"; then
    best[$name]=$wall; cpu[$name]=$(awk "BEGIN{print $user + $sys}"); rss[$name]=$maxrss
  fi
}

# best_of_row LABEL NAME BASE: one table row: wall, CPU, peak RSS in MB, wall divided by BASE's.
best_of_row() {
  printf '%-40s %8s %8s %10d %8.2f\n' "$1" "${best[$2]}" "${cpu[$2]}" "$((rss[$2] / 1024))" "$(awk "BEGIN{print ${best[$2]} / ${best[$3]}}")"
}
