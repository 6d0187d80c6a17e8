#!/usr/bin/env python3
"""Packs a wheel build (ARCDSL_WHEEL, scripts/build-wheel.sh) into
dist/arcdsl-<version>-<python tag>-<abi tag>-<platform tag>.whl.

    make-wheel.py --build build-wheel --module _arcdsl.cpython-311-....so \
        --python-tag cp311 --platform manylinux_2_34_x86_64 --out dist

Layout inside the wheel (docs/install.md):
    arcdsl/*.py                   the package (python/arcdsl)
    arcdsl/_arcdsl.<suffix>.so    the module (links lib/libarcdsl-core.so)
    arcdsl/lib/                   libarcdsl-core.so, the primitive library's
                                  host and NVPTX bitcode and PTX
    arcdsl/bin/                   the tools, run by the console scripts
Only the standard library is used (no setuptools, no network).
"""
import argparse
import base64
import hashlib
import os
import re
import runpy
import stat
import subprocess
import sys
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# The tools and their console scripts: the list in the package's _cli.py.
TOOLS = runpy.run_path(os.path.join(ROOT, 'python', 'arcdsl', '_cli.py'))['TOOLS']


def version(root):
    text = open(os.path.join(root, 'CMakeLists.txt')).read()
    m = re.search(r'project\(arcdsl VERSION ([0-9.]+)', text)
    if not m:
        sys.exit('make-wheel: no project(arcdsl VERSION ...) in CMakeLists.txt')
    return m.group(1)


def record_line(name, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest())
    return f'{name},sha256={digest.rstrip(b"=").decode()},{len(data)}'


def stripped(path, strip):
    """The bytes of ELF file `path` with its symbol table dropped (the
    dynamic symbols stay)."""
    if not strip:
        return open(path, 'rb').read()
    out = path + '.stripped'
    subprocess.run([strip, '--strip-all', path, '-o', out], check=True)
    data = open(out, 'rb').read()
    os.remove(out)
    return data


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--build', required=True, help='the ARCDSL_WHEEL build directory')
    ap.add_argument('--module', required=True, help='the built _arcdsl module')
    ap.add_argument('--python-tag', required=True, help='e.g. cp311')
    ap.add_argument('--platform', required=True, help='e.g. manylinux_2_34_x86_64')
    ap.add_argument('--out', default='dist')
    ap.add_argument('--strip', default='', help='llvm-strip to drop symbol tables')
    args = ap.parse_args()

    ver = version(ROOT)
    tag = f'{args.python_tag}-{args.python_tag}-{args.platform}'
    name = f'arcdsl-{ver}-{tag}.whl'
    os.makedirs(args.out, exist_ok=True)
    path = os.path.join(args.out, name)
    files = []  # (name in wheel, bytes, executable)

    pkg = os.path.join(ROOT, 'python', 'arcdsl')
    for f in sorted(os.listdir(pkg)):
        if f.endswith('.py'):
            files.append((f'arcdsl/{f}', open(os.path.join(pkg, f), 'rb').read(), False))
    files.append(('arcdsl/_version.py', f'__version__ = {ver!r}\n'.encode(), False))
    files.append((f'arcdsl/{os.path.basename(args.module)}',
                  stripped(args.module, args.strip), True))
    lib = os.path.join(args.build, 'lib')
    files.append(('arcdsl/lib/libarcdsl-core.so',
                  stripped(os.path.join(lib, 'libarcdsl-core.so'), args.strip), True))
    for f in sorted(os.listdir(lib)):
        if f.startswith('arcdsl-primitives-') and f.endswith(('.bc', '.ptx', '.o')):
            files.append((f'arcdsl/lib/{f}', open(os.path.join(lib, f), 'rb').read(), False))
    for tool in TOOLS:
        files.append((f'arcdsl/bin/{tool}',
                      stripped(os.path.join(args.build, 'bin', tool), args.strip), True))

    dist = f'arcdsl-{ver}.dist-info'
    readme = open(os.path.join(ROOT, 'README.md'), encoding='utf-8').read()
    metadata = (f'Metadata-Version: 2.1\nName: arcdsl\nVersion: {ver}\n'
                'Summary: An MLIR/LLVM compiler for ARC-DSL solvers and batts '
                '(CPU and CUDA)\n'
                'Requires-Python: >=3.8\nLicense: see the repository\n'
                'Description-Content-Type: text/markdown\n\n' + readme)
    wheel = (f'Wheel-Version: 1.0\nGenerator: arcdsl scripts/make-wheel.py\n'
             f'Root-Is-Purelib: false\nTag: {tag}\n')
    scripts = ''.join(f'{t} = arcdsl._cli:{t.replace("-", "_")}\n' for t in TOOLS)
    files.append((f'{dist}/METADATA', metadata.encode(), False))
    files.append((f'{dist}/WHEEL', wheel.encode(), False))
    files.append((f'{dist}/entry_points.txt',
                  f'[console_scripts]\n{scripts}'.encode(), False))
    files.append((f'{dist}/top_level.txt', b'arcdsl\n', False))
    record = [record_line(n, d) for n, d, _ in files]
    record.append(f'{dist}/RECORD,,')
    files.append((f'{dist}/RECORD', ('\n'.join(record) + '\n').encode(), False))

    tmp = path + '.tmp'
    with zipfile.ZipFile(tmp, 'w', zipfile.ZIP_DEFLATED, compresslevel=6) as z:
        for n, data, exe in files:
            info = zipfile.ZipInfo(n, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            mode = 0o755 if exe else 0o644
            info.external_attr = (stat.S_IFREG | mode) << 16
            z.writestr(info, data)
    os.replace(tmp, path)
    print(path)


if __name__ == '__main__':
    main()
