"""Write the expected output of MicroPython test files, as MicroPython's run-tests.py does.

Reads lines "SOURCE<TAB>TARGET" on standard input. For each SOURCE that has no SOURCE.exp file,
runs it with this Python interpreter (CPython) and writes its output to TARGET, prefixed with
"CPYTHON3 CRASH:" when CPython fails. A TARGET newer than its SOURCE is kept.
"""
import concurrent.futures
import os
import subprocess
import sys


def expected_output(source, target):
    if os.path.exists(target) and os.path.getmtime(target) >= os.path.getmtime(source):
        return
    try:
        process = subprocess.run(
            [sys.executable, "-BS", source],
            cwd=os.path.dirname(source),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            timeout=60,
        )
        output = process.stdout
        if process.returncode != 0:
            output = b"CPYTHON3 CRASH:\n" + output
    except subprocess.TimeoutExpired:
        output = b"CPYTHON3 CRASH:\ntimed out\n"
    os.makedirs(os.path.dirname(target), exist_ok=True)
    with open(target + ".tmp", "wb") as file:
        file.write(output.replace(b"\r\n", b"\n"))
    os.replace(target + ".tmp", target)


def main():
    jobs = [line.rstrip("\n").split("\t") for line in sys.stdin if line.strip()]
    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        for future in [pool.submit(expected_output, source, target) for source, target in jobs]:
            future.result()


if __name__ == "__main__":
    main()
