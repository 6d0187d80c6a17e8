#!/usr/bin/env python3
"""Run a command under a wall-clock limit and print how it ended, for lit
tests of hostile input (lit's shell cannot show an exit status or tell a
hang from a failure).

usage: run-bounded.py [--timeout S] [--max-rss-mb M] -- CMD ARGS...
Prints the command's stdout and stderr (stderr first, each as it came), then
`exit N`, `killed by signal N` or `timed out after S s`; with --max-rss-mb,
also `max rss within M MB` or `max rss over M MB` (the largest resident set
of the command's processes). Exits 0 unless the command could not start.
"""
import resource
import subprocess
import sys


def main():
    args = sys.argv[1:]
    timeout, max_rss = 120.0, None
    while args and args[0] != '--':
        if args[0] == '--timeout':
            timeout = float(args[1])
        elif args[0] == '--max-rss-mb':
            max_rss = int(args[1])
        else:
            sys.exit(f'run-bounded.py: unknown option {args[0]}')
        args = args[2:]
    cmd = args[1:]
    try:
        p = subprocess.run(cmd, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired as e:
        sys.stdout.write((e.stderr or b'').decode('utf-8', 'replace'))
        sys.stdout.write((e.stdout or b'').decode('utf-8', 'replace'))
        print(f'timed out after {timeout:g} s')
        return
    sys.stdout.write(p.stderr.decode('utf-8', 'replace'))
    sys.stdout.write(p.stdout.decode('utf-8', 'replace'))
    if p.returncode < 0:
        print(f'killed by signal {-p.returncode}')
    else:
        print(f'exit {p.returncode}')
    if max_rss is not None:
        rss_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f'max rss {"within" if rss_mb <= max_rss else "over"} {max_rss} MB')


if __name__ == '__main__':
    main()
