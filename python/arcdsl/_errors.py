"""The exceptions of arcdsl runs (re-exported by the `arcdsl` package).

Every error a run ends with is an `arcdsl.RunError`. One the reference
DSL's Python raises is an instance of both RunError and that builtin
exception (`arcdsl.errors.IndexError` is a subclass of `RunError` and of
`IndexError`), so `except IndexError` and `except arcdsl.RunError` both
catch it; `.name` is the Python exception's name.
"""
import builtins


class CompileError(ValueError):
    """The file does not import or compile; the message is the compiler's
    diagnostic (FILE:line:col: message)."""


class RunError(Exception):
    """A run of a compiled program ended with an error instead of a value.
    A batt's error names the line that raised it where known: `line` (the
    variable it assigns, "t12") and `at` ("batt.py:57"), else None."""
    name = 'RunError'
    line = None
    at = None


class WorkLimitError(RunError, RuntimeError):
    """The run passed the per-sample work bound."""
    name = 'WorkLimit'


class CapacityError(RunError, RuntimeError):
    """A value outgrew arcdsl's capacities (never a wrong value)."""
    name = 'Capacity'


class SampleTimeout(RunError, TimeoutError):
    """The run passed its wall-clock limit (`timeout`)."""
    name = 'Timeout'


class SampleCrash(RunError, RuntimeError):
    """The run died of a signal (a bug in arcdsl); the others went on."""
    name = 'Crash'


class UnsupportedError(RunError, NotImplementedError):
    """The run reached a form arcdsl does not implement."""
    name = 'Unsupported'


# The Python exceptions the reference DSL raises (lib/Runtime/ValueJson.cpp
# errorName), each as RunError + the builtin.
PYTHON_ERRORS = ('StopIteration', 'ValueError', 'IndexError',
                 'ZeroDivisionError', 'TypeError', 'RuntimeError',
                 'RecursionError', 'NameError')


def _python_error(name):
    cls = type(name, (RunError, getattr(builtins, name)),
               {'__module__': __name__, 'name': name,
                '__doc__': f'The program raised {name} (as the reference '
                           f'DSL\'s Python does).'})
    return cls


for _name in PYTHON_ERRORS:
    globals()[_name] = _python_error(_name)
del _name

_ARCDSL_ERRORS = {
    'WorkLimit': WorkLimitError,
    'Capacity': CapacityError,
    'ResultImage': CapacityError,
    'Timeout': SampleTimeout,
    'Crash': SampleCrash,
    'Unsupported': UnsupportedError,
}


def error_class(name):
    """The exception class of a run's error name ("IndexError", "WorkLimit"
    ...); RunError for an unknown one."""
    if name in _ARCDSL_ERRORS:
        return _ARCDSL_ERRORS[name]
    if name in PYTHON_ERRORS:
        return globals()[name]
    return RunError


def make_error(name, detail=''):
    """An exception object for a run's error name."""
    return error_class(name)(detail or f'the program raised {name}')
