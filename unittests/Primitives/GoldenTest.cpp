//===- GoldenTest.cpp - check primitives against reference vectors --------===//
//
//   arcdsl-golden-test GOLDEN_DIR [--prim NAME[,NAME..]] [-v] [--roundtrip]
//                      [--show N] [--no-fork] [--timeout SECONDS]
//
// For every <prim>.jsonl in GOLDEN_DIR whose primitive is implemented
// (non-null entry in primTable()), every vector is run in a fresh
// arena: an "error" vector must end with ctx.err set; a "result" vector must
// end with ctx.err == 0, a result equal to the expected value (equalValues),
// with the same golden encoding and a canonical representation. Vectors
// whose reference run timed out ("error":"TO") are run but not checked.
// Higher-order primitives get their function arguments as function values
// (`{"fn": "name"}`), so this checks the library's own HOF entries (Fn.cpp);
// arcdsl-golden checks the compiler's specialized loops on the same vectors.
//
// --roundtrip instead decodes every "args" element and "result" of every
// file and checks that re-encoding reproduces the original JSON exactly
// (and that the decoded value is canonical): a test of the codec and of
// makeTuple/makeSet canonical forms.
//
// Each primitive runs in a forked child (unless --no-fork), so a crash or a
// hang (--timeout, default 120 s) is reported instead of ending the run.
//===----------------------------------------------------------------------===//

#include "ArcDsl/Primitives/Primitives.h"
#include "ArcDsl/Runtime/ValueJson.h"

#include <algorithm>
#include <dirent.h>
#include <set>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

using namespace arcdsl;
using namespace arcdsl::runtime;

namespace {

constexpr uint64_t kArenaBytes = 64ull << 20;

struct Options {
  std::string dir;
  std::set<std::string> only;
  bool verbose = false;
  bool roundtrip = false;
  bool fork = true;
  bool python = false; ///< --order python: stock-order vectors
  int show = 3;
  int timeout = 120;
};

struct Counts {
  long vectors = 0;
  long mismatches = 0;
  long unchecked = 0; // "TO" vectors
};

std::string trunc(const std::string &s, size_t n = 300) {
  if (s.size() <= n)
    return s;
  return s.substr(0, n) + "...(" + std::to_string(s.size()) + " chars)";
}

bool pythonOrder = false;

void resetCtx(ArcCtx &c, uint8_t *arena) {
  ctxStart(&c, arena, kArenaBytes, 1000000000ull);
  if (pythonOrder)
    c.order = ORDER_PYTHON;
}

av callEntry(const PrimInfo &p, ArcCtx *c, const std::vector<av> &a) {
  switch (p.arity) {
  case 1:
    return ((av(*)(ArcCtx *, av))p.entry)(c, a[0]);
  case 2:
    return ((av(*)(ArcCtx *, av, av))p.entry)(c, a[0], a[1]);
  case 3:
    return ((av(*)(ArcCtx *, av, av, av))p.entry)(c, a[0], a[1], a[2]);
  case 4:
    return ((av(*)(ArcCtx *, av, av, av, av))p.entry)(c, a[0], a[1], a[2],
                                                       a[3]);
  default:
    return fail(c, ERR_UNSUPPORTED);
  }
}

/// Split a file into non-empty lines with their 1-based line numbers.
std::vector<std::pair<int, std::string_view>> lines(const std::string &text) {
  std::vector<std::pair<int, std::string_view>> out;
  size_t pos = 0;
  int no = 0;
  while (pos < text.size()) {
    size_t e = text.find('\n', pos);
    if (e == std::string::npos)
      e = text.size();
    ++no;
    std::string_view l(text.data() + pos, e - pos);
    if (!l.empty() && l.back() == '\r')
      l.remove_suffix(1);
    if (l.find_first_not_of(" \t") != std::string_view::npos)
      out.emplace_back(no, l);
    pos = e + 1;
  }
  return out;
}

/// Round-trip every args element and result of one file.
Counts roundtripFile(const Options &o, const std::string &prim,
                     const std::string &path, uint8_t *arena) {
  Counts n;
  std::string text, err;
  if (!readFile(path, text, err)) {
    printf("%s: %s\n", prim.c_str(), err.c_str());
    n.mismatches++;
    return n;
  }
  int shown = 0;
  auto check = [&](int line, const char *what, const Json &j) {
    ArcCtx c;
    resetCtx(c, arena);
    n.vectors++;
    std::string why;
    av v = jsonToValue(&c, j, &why);
    std::string want = jsonToString(j);
    std::string got = c.err ? std::string("<decode error: ") +
                                  errorName(c.err) + " " + why + ">"
                            : valueToJson(&c, v);
    std::string canonWhy;
    bool ok = !c.err && got == want && isCanonical(&c, v, &canonWhy);
    if (!ok) {
      n.mismatches++;
      if (shown++ < o.show)
        printf("%s:%d: roundtrip %s\n  want %s\n  got  %s%s%s\n", path.c_str(),
               line, what, trunc(want).c_str(), trunc(got).c_str(),
               canonWhy.empty() ? "" : "\n  non-canonical: ",
               trunc(canonWhy).c_str());
    }
  };
  for (auto &[no, l] : lines(text)) {
    Json j;
    if (!parseJson(l, j, err)) {
      printf("%s:%d: JSON error %s\n", path.c_str(), no, err.c_str());
      n.mismatches++;
      continue;
    }
    if (const Json *a = j.get("args"))
      for (const Json &x : a->arr)
        check(no, "arg", x);
    if (const Json *r = j.get("result"))
      check(no, "result", *r);
  }
  if (o.verbose)
    printf("%-14s roundtrip %ld values, %ld mismatches\n", prim.c_str(),
           n.vectors, n.mismatches);
  return n;
}

/// Run every vector of one primitive file.
Counts runFile(const Options &o, const PrimInfo &p, const std::string &path,
               uint8_t *arena) {
  Counts n;
  std::string text, err;
  if (!readFile(path, text, err)) {
    printf("%s: %s\n", p.name, err.c_str());
    n.mismatches++;
    return n;
  }
  int shown = 0;
  for (auto &[no, l] : lines(text)) {
    Json j;
    if (!parseJson(l, j, err)) {
      printf("%s:%d: JSON error %s\n", path.c_str(), no, err.c_str());
      n.mismatches++;
      continue;
    }
    const Json *args = j.get("args");
    const Json *res = j.get("result");
    const Json *errj = j.get("error");
    if (!args || args->kind != Json::Array || (!res && !errj)) {
      printf("%s:%d: malformed vector\n", path.c_str(), no);
      n.mismatches++;
      continue;
    }
    n.vectors++;
    bool timeoutVec = errj && errj->kind == Json::String && errj->str == "TO";
    ArcCtx c;
    resetCtx(c, arena);
    std::string problem, why;
    std::vector<av> argv;
    av expected = kNone;
    for (const Json &x : args->arr) {
      argv.push_back(jsonToValue(&c, x, &why));
      if (c.err)
        break;
    }
    if (!c.err && res)
      expected = jsonToValue(&c, *res, &why);
    av got = kErr;
    if (c.err) {
      problem = std::string("cannot decode vector: ") + errorName(c.err) +
                " " + why;
    } else if (argv.size() != p.arity) {
      problem = "arity mismatch: " + std::to_string(argv.size()) + " args";
    } else {
      got = callEntry(p, &c, argv);
      if (timeoutVec) {
        n.unchecked++;
        continue;
      }
      if (errj) {
        if (!c.err)
          problem = "expected error " + jsonToString(*errj) +
                    ", got a value";
      } else if (c.err) {
        problem = std::string("unexpected error ") + errorName(c.err);
      } else if (!equalValues(&c, got, expected)) {
        problem = "wrong result";
      } else if (o.python && valueToJson(&c, got, true) != jsonToString(*res)) {
        // Stock-order vectors list each set in the order it iterates.
        problem = "a set iterates in another order than CPython's";
      } else if (valueToJson(&c, got) != valueToJson(&c, expected)) {
        problem = "equal value but different encoding (bool/int?)";
      } else if (!isCanonical(&c, got, &why)) {
        problem = "non-canonical result: " + trunc(why, 200);
      }
    }
    if (!problem.empty()) {
      n.mismatches++;
      if (shown++ < o.show) {
        printf("%s:%d: %s: %s\n  args %s\n", path.c_str(), no, p.name,
               problem.c_str(), trunc(jsonToString(*args)).c_str());
        printf("  want %s\n",
               trunc(res ? jsonToString(*res) : jsonToString(*errj)).c_str());
        printf("  got  %s\n", trunc(valueToJson(&c, got)).c_str());
      }
    }
  }
  if (o.verbose)
    printf("%-14s %4ld vectors, %ld mismatches%s\n", p.name, n.vectors,
           n.mismatches,
           n.unchecked ? (", " + std::to_string(n.unchecked) +
                          " timeout vectors unchecked")
                             .c_str()
                       : "");
  return n;
}

/// Run `fn` in a child process (or directly with --no-fork). Returns the
/// counts, or sets `crash` to a description when the child died.
template <class F>
Counts isolated(const Options &o, F fn, std::string &crash) {
  if (!o.fork)
    return fn();
  int fds[2];
  if (pipe(fds) != 0)
    return fn();
  fflush(stdout);
  fflush(stderr);
  pid_t pid = ::fork();
  if (pid < 0) {
    close(fds[0]);
    close(fds[1]);
    return fn();
  }
  if (pid == 0) {
    close(fds[0]);
    if (o.timeout > 0)
      alarm(o.timeout);
    Counts n = fn();
    fflush(stdout);
    ssize_t w = write(fds[1], &n, sizeof n);
    (void)w;
    close(fds[1]);
    _exit(0);
  }
  close(fds[1]);
  Counts n;
  ssize_t got = read(fds[0], &n, sizeof n);
  close(fds[0]);
  int st = 0;
  waitpid(pid, &st, 0);
  if (got != (ssize_t)sizeof n || !WIFEXITED(st) || WEXITSTATUS(st) != 0) {
    if (WIFSIGNALED(st))
      crash = WTERMSIG(st) == SIGALRM
                  ? "timed out after " + std::to_string(o.timeout) + " s"
                  : std::string("crashed: ") + strsignal(WTERMSIG(st));
    else
      crash = "exited abnormally";
    return Counts();
  }
  return n;
}

int usage(FILE *to = stderr, int code = 1) {
  fprintf(to,
          "usage: arcdsl-golden-test GOLDEN_DIR [--prim NAME[,NAME..]] [-v] "
          "[--roundtrip] [--show N] [--no-fork] [--timeout SECONDS]\n"
          "  [--order python|canonical]  python: vectors of stock CPython's "
          "set order\n          (utils/gen-stock-golden.py): sets in results "
          "must iterate as listed\n"
          "Runs every vector of GOLDEN_DIR/<prim>.jsonl against the primitive "
          "library directly.\n"
          "Exit codes: 0 every vector checked matched; 1 a mismatch, a crash, "
          "or bad input\n(options, an unreadable directory); 2 the machine "
          "failed (no arena).\n");
  return code;
}

std::string join(const std::vector<std::string> &v) {
  if (v.empty())
    return "none";
  std::string s;
  for (const auto &x : v)
    s += (s.empty() ? "" : " ") + x;
  return s;
}

} // namespace

int main(int argc, char **argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "-h" || a == "--help" || a == "-help") {
      return usage(stdout, 0);
    } else if (a == "-v" || a == "--verbose") {
      o.verbose = true;
    } else if (a == "--roundtrip") {
      o.roundtrip = true;
    } else if (a == "--no-fork") {
      o.fork = false;
    } else if (a == "--order" && i + 1 < argc &&
               (std::string(argv[i + 1]) == "python" ||
                std::string(argv[i + 1]) == "canonical")) {
      o.python = pythonOrder = std::string(argv[++i]) == "python";
    } else if ((a == "--prim" || a == "--show" || a == "--timeout") &&
               i + 1 < argc) {
      std::string v = argv[++i];
      if (a == "--show") {
        o.show = atoi(v.c_str());
      } else if (a == "--timeout") {
        o.timeout = atoi(v.c_str());
      } else {
        size_t s = 0;
        while (s <= v.size()) {
          size_t e = v.find(',', s);
          if (e == std::string::npos)
            e = v.size();
          if (e > s)
            o.only.insert(v.substr(s, e - s));
          s = e + 1;
        }
      }
    } else if (a.rfind("--prim=", 0) == 0) {
      o.only.insert(a.substr(7));
    } else if (!a.empty() && a[0] == '-') {
      return usage();
    } else if (o.dir.empty()) {
      o.dir = a;
    } else {
      return usage();
    }
  }
  if (o.dir.empty())
    return usage();

  DIR *d = opendir(o.dir.c_str());
  if (!d) {
    fprintf(stderr, "cannot open %s\n", o.dir.c_str());
    return 1;
  }
  std::vector<std::string> prims;
  while (dirent *e = readdir(d)) {
    std::string n = e->d_name;
    if (n.size() > 6 && n.compare(n.size() - 6, 6, ".jsonl") == 0)
      prims.push_back(n.substr(0, n.size() - 6));
  }
  closedir(d);
  std::sort(prims.begin(), prims.end());
  for (const std::string &want : o.only)
    if (!std::binary_search(prims.begin(), prims.end(), want))
      printf("warning: no golden file for '%s'\n", want.c_str());

  setvbuf(stdout, nullptr, _IOLBF, 0);
  uint8_t *arena = (uint8_t *)malloc(kArenaBytes);
  if (!arena) {
    fprintf(stderr, "cannot allocate the arena\n");
    return 2;
  }

  Counts total;
  long primsChecked = 0;
  std::vector<std::string> unimplemented, unknown, crashed;
  for (const std::string &name : prims) {
    if (!o.only.empty() && !o.only.count(name))
      continue;
    std::string path = o.dir + "/" + name + ".jsonl";
    std::string crash;
    Counts n;
    if (o.roundtrip) {
      n = isolated(o, [&] { return roundtripFile(o, name, path, arena); },
                   crash);
    } else {
      const PrimInfo *p = findPrim(name.c_str());
      if (!p) {
        unknown.push_back(name);
        continue;
      }
      if (!p->entry) {
        unimplemented.push_back(name);
        continue;
      }
      n = isolated(o, [&] { return runFile(o, *p, path, arena); }, crash);
    }
    ++primsChecked;
    if (!crash.empty()) {
      printf("%s: %s\n", name.c_str(), crash.c_str());
      crashed.push_back(name);
      total.mismatches++;
      continue;
    }
    total.vectors += n.vectors;
    total.mismatches += n.mismatches;
    total.unchecked += n.unchecked;
  }

  if (o.roundtrip) {
    printf("golden roundtrip: %ld values in %ld files, %ld mismatches%s%s\n",
           total.vectors, primsChecked, total.mismatches,
           crashed.empty() ? "" : "; crashed: ",
           crashed.empty() ? "" : join(crashed).c_str());
  } else {
    printf("golden: checked %ld vectors in %ld primitives, %ld mismatches",
           total.vectors, primsChecked, total.mismatches);
    if (total.unchecked)
      printf(" (%ld reference-timeout vectors run unchecked)", total.unchecked);
    printf("; unimplemented: %s", join(unimplemented).c_str());
    if (!crashed.empty())
      printf("; crashed/hung: %s", join(crashed).c_str());
    if (!unknown.empty())
      printf("; not in Primitives.def: %s", join(unknown).c_str());
    printf("\n");
  }
  free(arena);
  return total.mismatches ? 1 : 0;
}
