"""Console scripts of the arcdsl wheel: each runs the tool of its name.

The tools are native executables inside the package (arcdsl/bin/, linked
with arcdsl/lib/libarcdsl-core.so); an entry point of the wheel's
entry_points.txt (`arcdsl-run = arcdsl._cli:arcdsl_run`, ...) replaces the
Python process with the tool, so exit codes, signals and the terminal are
the tool's own. In a build tree the tools are build/bin/ beside
build/python/arcdsl/.
"""
import os
import sys

TOOLS = ('arcdsl-run', 'arcdsl-batt', 'arcdsl-host', 'arcdsl-golden',
         'arcdsl-opt', 'arcdsl-translate')


def tool_path(name):
    """The executable of tool `name`, or None when this install has none."""
    here = os.path.dirname(os.path.abspath(__file__))
    for bindir in (os.path.join(here, 'bin'),
                   os.path.join(here, os.pardir, os.pardir, 'bin')):
        path = os.path.join(bindir, name)
        if os.access(path, os.X_OK):
            return os.path.normpath(path)
    return None


def _exec(name):
    path = tool_path(name)
    if path is None:
        sys.stderr.write(f'{name}: this arcdsl install has no {name} '
                         f'executable (looked in {os.path.dirname(__file__)}/bin)\n')
        sys.exit(2)
    os.execv(path, [name] + sys.argv[1:])


def arcdsl_run():
    _exec('arcdsl-run')


def arcdsl_batt():
    _exec('arcdsl-batt')


def arcdsl_host():
    _exec('arcdsl-host')


def arcdsl_golden():
    _exec('arcdsl-golden')


def arcdsl_opt():
    _exec('arcdsl-opt')


def arcdsl_translate():
    _exec('arcdsl-translate')
