// parse-check: standalone test driver for the ARC-DSL Python front end.
// Not part of the CMake build. Build with:
//   clang++-22 -std=c++17 -O2 -I lib/Conversion/ImportPython
//     utils/parse-check.cpp lib/Conversion/ImportPython/Parser.cpp -o /tmp/parse-check
// Usage:
//   parse-check [-loc] [-q] [-time N] FILE...   parse and dump (or report errors)
//   parse-check -e 'source text'                parse a string
//   parse-check -fuzz N [-seed S] FILE          mutate FILE N times; must never crash
#include "Parser.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>

using namespace arcdsl::py;

static bool readFile(const char *path, std::string &out) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  out = ss.str();
  return true;
}

static size_t countDefs(const StmtList &body) {
  size_t n = 0;
  for (auto &s : body)
    if (FunctionDefStmt::classof(s.get()))
      ++n;
  return n;
}

static int parseOne(const std::string &src, const std::string &name, bool withLocs, bool quiet,
                    int timeIters) {
  auto file = std::make_shared<std::string>(name);
  std::vector<Diagnostic> diags;
  auto t0 = std::chrono::steady_clock::now();
  auto mod = parseModule(src, file, diags);
  auto t1 = std::chrono::steady_clock::now();
  for (int i = 1; i < timeIters; ++i) {
    std::vector<Diagnostic> d2;
    auto m2 = parseModule(src, file, d2);
  }
  auto t2 = std::chrono::steady_clock::now();
  if (!mod) {
    for (auto &d : diags)
      std::cerr << formatDiagnostic(d) << "\n";
    if (diags.size() != 1)
      std::cerr << "INTERNAL: expected exactly 1 diagnostic, got " << diags.size() << "\n";
    return 1;
  }
  if (!diags.empty())
    std::cerr << "INTERNAL: success with diagnostics\n";
  if (!quiet)
    std::cout << dumpAST(*mod, withLocs);
  double ms = std::chrono::duration<double, std::milli>(t1 - t0).count();
  std::cerr << name << ": OK, " << mod->body.size() << " top-level stmts, "
            << countDefs(mod->body) << " defs, first parse " << ms << " ms";
  if (timeIters > 1)
    std::cerr << ", avg "
              << std::chrono::duration<double, std::milli>(t2 - t1).count() / (timeIters - 1)
              << " ms";
  std::cerr << "\n";
  return 0;
}

static int fuzz(const std::string &orig, int iters, unsigned seed) {
  std::mt19937 rng(seed);
  auto file = std::make_shared<std::string>("fuzz");
  static const char *const snippets[] = {"(", ")", "[", "]", ",", ":", "\n", "    ", "\t",
                                         "'", "\"", "'''", "#", "\\", "=", "def ", "try:",
                                         "except", " as ", "-", "not ", "\r", "\n  ", "0x",
                                         "9999999999999999999999", "1.5", "\xff", "\0", "."};
  size_t ok = 0, err = 0;
  for (int it = 0; it < iters; ++it) {
    std::string s = orig;
    int kind = rng() % 6;
    if (kind == 0) {
      s.resize(rng() % (s.size() + 1)); // truncate
    } else {
      // Work on a random window to keep it cheap, then apply a few edits.
      int edits = 1 + rng() % 8;
      for (int e = 0; e < edits; ++e) {
        size_t p = s.empty() ? 0 : rng() % (s.size() + 1);
        switch (rng() % 5) {
        case 0: if (p < s.size()) s.erase(p, 1 + rng() % 20); break;
        case 1: s.insert(p, snippets[rng() % (sizeof snippets / sizeof *snippets)]); break;
        case 2: if (p < s.size()) s[p] = (char)(rng() % 256); break;
        case 3: {
          size_t q = s.empty() ? 0 : rng() % s.size();
          size_t len = 1 + rng() % 200;
          if (q < s.size()) s.insert(p, s.substr(q, len));
          break;
        }
        case 4: if (p < s.size()) s.insert(p, std::string(1 + rng() % 300, "([-"[rng() % 3])); break;
        }
      }
    }
    std::vector<Diagnostic> diags;
    auto mod = parseModule(s, file, diags);
    if (mod) {
      if (!diags.empty()) { std::cerr << "BUG: success with diags\n"; return 2; }
      (void)dumpAST(*mod, true);
      ++ok;
    } else {
      if (diags.size() != 1 || diags[0].loc.line == 0 || diags[0].message.empty()) {
        std::cerr << "BUG: failure without proper diag at iter " << it << "\n";
        return 2;
      }
      ++err;
    }
  }
  std::cerr << "fuzz: " << iters << " inputs, " << ok << " parsed, " << err
            << " rejected with a diagnostic\n";
  return 0;
}

int main(int argc, char **argv) {
  bool withLocs = false, quiet = false;
  int timeIters = 1, fuzzIters = 0;
  unsigned seed = 1;
  int rc = 0;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "-loc") withLocs = true;
    else if (a == "-q") quiet = true;
    else if (a == "-time" && i + 1 < argc) timeIters = std::atoi(argv[++i]);
    else if (a == "-fuzz" && i + 1 < argc) fuzzIters = std::atoi(argv[++i]);
    else if (a == "-seed" && i + 1 < argc) seed = (unsigned)std::atoi(argv[++i]);
    else if (a == "-e" && i + 1 < argc) rc |= parseOne(argv[++i], "<string>", withLocs, quiet, 1);
    else {
      std::string src;
      if (!readFile(argv[i], src)) {
        std::cerr << "cannot read " << a << "\n";
        return 2;
      }
      if (fuzzIters)
        rc |= fuzz(src, fuzzIters, seed);
      else
        rc |= parseOne(src, a, withLocs, quiet, timeIters);
    }
  }
  return rc;
}
