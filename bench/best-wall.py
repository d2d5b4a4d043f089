#!/usr/bin/env python3
"""Best wall time of ROUNDS runs, with a monotonic clock, of `grep -c .` and of `portdoctor diagnose --from`
on FILE (each output written to a file, as bench/hostile-input.sh does: grep stops early when it writes to
/dev/null). For files whose grep time is a few /usr/bin/time steps (10 ms). Usage:
  bench/best-wall.py FILE ROUNDS PORTDOCTOR_BIN [BASE_BIN]
"""
import subprocess
import sys
import tempfile
import time


def main():
    path, rounds, binaries = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
    commands = {"grep": ["grep", "-c", ".", path]}
    for name, binary in zip(["portdoctor", "base"], binaries):
        commands[name] = [binary, "diagnose", "--from", path, "--format", "json"]
    best = dict.fromkeys(commands, float("inf"))
    with tempfile.TemporaryFile() as out:
        for _ in range(rounds):
            for name, command in commands.items():
                out.seek(0)
                start = time.perf_counter()
                subprocess.run(command, stdout=out, stderr=subprocess.DEVNULL, check=False)
                best[name] = min(best[name], time.perf_counter() - start)
    grep = best["grep"]
    print(f"{path}: grep {grep * 1000:.1f} ms" + "".join(
        f", {name} {best[name] * 1000:.1f} ms ({best[name] / grep:.2f}x)" for name in commands if name != "grep"))


if __name__ == "__main__":
    main()
