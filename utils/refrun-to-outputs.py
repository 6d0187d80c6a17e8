#!/usr/bin/env python3
"""Turn refrun.py's results (../shared/tools/refrun.py --out R.json, stock
CPython with --stock) into the per-sample lines of `arcdsl-run --outputs`,
so that bench/compare_outputs.py can compare arcdsl with the reference.

usage: refrun-to-outputs.py R.json > OUT.jsonl
A reference value becomes {"status": "ok", "output": value}, an exception
{"status": "<Python exception name>", "output": null}; "work" is 0 (the
comparison reads only status and output). A reference time-out or a value
refrun.py cannot encode is written with status "timeout" / "unencodable".
"""
import json
import sys


def main():
    with open(sys.argv[1]) as fh:
        ref = json.load(fh)
    for sid in sorted(ref):
        for tid in sorted(ref[sid]):
            for k, r in enumerate(ref[sid][tid]):
                if isinstance(r, dict) and 'error' in r:
                    status = str(r['error']).split(' ')[0]
                    out = None
                else:
                    status, out = 'ok', r
                print(json.dumps({'solver': 'solve_' + sid, 'task': tid, 'index': k,
                                  'status': status, 'work': 0, 'output': out},
                                 separators=(',', ':')))


if __name__ == '__main__':
    main()
