//===- PySetCheck.cpp - the python order's set model, run on programs ------===//
//
// arcdsl-pyset-check reads set programs, one JSON array per line, and
// prints for each the iteration order and hash() of every set it builds, so
// that test/Runtime/pyset_order.py can compare them with stock CPython.
// Each op builds register r:
//   ["seq", r, [x...]]      frozenset(iter([x...]))
//   ["setof", r, [x...]]    frozenset(set([x...]))   (adds, then a copy)
//   ["or"|"and"|"sub"|"xor", r, a, b]   ra | rb, ra & rb, ra - rb, ra ^ rb
//   ["copy", r, a]          frozenset(set(ra))
//   ["dseq", r, [x...]]     frozenset(iter([x...])) of distinct inline keys
//                           (pySetFromDistinct)
//   ["shape", r, h, w]      frozenset((i, j) for i in range(h) for j in
//                           range(w)) (pyIndexSet: cached per shape)
//   ["tinyseq", r, [x...]]  the same for at most 8 inline keys in a TinyTab
//   ["tinyor", r, [x...], [y...]]  frozenset({x...}) | frozenset({y...}),
//                           at most 4 distinct inline keys each, in TinyTabs
//   ["has", r, a, x]        r = (x in ra) as an int
// x: an int, a tuple (JSON array), or {"r": k} (register k's set).
// Output per line: [[<elements in order>, hash], ...] by register.
//===----------------------------------------------------------------------===//

#include "ArcDsl/Primitives/PySet.h"
#include "ArcDsl/Runtime/TaskSet.h"
#include "ArcDsl/Runtime/ValueJson.h"

#include <cstdio>
#include <iostream>
#include <map>
#include <string>

using namespace arcdsl;
using namespace arcdsl::runtime;

static av decode(ArcCtx *c, const Json &j, std::map<int64_t, av> &regs) {
  if (j.kind == Json::Number)
    return mkInt(c, j.i);
  if (j.kind == Json::Bool)
    return mkBool(j.b);
  if (j.kind == Json::Object && j.get("r"))
    return regs[j.get("r")->i];
  std::vector<av> xs;
  for (const Json &e : j.arr)
    xs.push_back(decode(c, e, regs));
  return makeTuple(c, xs.data(), (uint32_t)xs.size());
}

/// A value with sets in iteration order (not the canonical JSON encoding).
static void encode(ArcCtx *c, av v, std::string &out) {
  if (isNum(v)) {
    out += tagOf(v) == TAG_BOOL ? (numOf(v) ? "true" : "false")
                                : std::to_string(numOf(v));
    return;
  }
  bool set = isSet(c, v);
  out += set ? "{\"set\":[" : "[";
  int64_t n = seqLen(c, v);
  for (int64_t k = 0; k < n; ++k) {
    if (k)
      out += ',';
    encode(c, seqAt(c, v, k), out);
  }
  out += set ? "]}" : "]";
}

int main() {
  HostArena arena(64ull << 20);
  std::string line;
  int status = 0;
  while (std::getline(std::cin, line)) {
    Json prog;
    std::string err;
    if (!parseJson(line, prog, err)) {
      fprintf(stderr, "arcdsl-pyset-check: bad line: %s\n", err.c_str());
      return 2;
    }
    ArcCtx ctx = arena.fresh(~0ull);
    ArcCtx *c = &ctx;
    c->order = ORDER_PYTHON;
    std::map<int64_t, av> regs;
    std::vector<int64_t> built;
    for (const Json &op : prog.arr) {
      const std::string &k = op.arr[0].str;
      int64_t r = op.arr[1].i;
      auto reg = [&](size_t i) { return regs[op.arr[i].i]; };
      av v = kErr;
      if (k == "seq" || k == "setof") {
        std::vector<av> xs;
        for (const Json &e : op.arr[2].arr)
          xs.push_back(decode(c, e, regs));
        v = k == "seq" ? pySetFromSeq(c, xs.data(), (uint32_t)xs.size())
                       : pySetFromSetOf(c, xs.data(), (uint32_t)xs.size());
      } else if (k == "dseq") {
        std::vector<av> xs;
        for (const Json &e : op.arr[2].arr)
          xs.push_back(decode(c, e, regs));
        v = pySetFromDistinct(c, xs.data(), (uint32_t)xs.size());
      } else if (k == "shape") {
        v = pyIndexSet(c, op.arr[2].i, op.arr[3].i);
      } else if (k == "tinyseq" || k == "tinyor") {
        TinyTab t[3];
        for (int s = 0; s < 3; ++s)
          tinyInit(&t[s]);
        for (size_t s = 2; s < op.arr.size(); ++s)
          for (const Json &e : op.arr[s].arr)
            tinyAdd(c, &t[s - 2], decode(c, e, regs));
        if (k == "tinyor") {
          tinyMerge(c, &t[2], &t[0]);
          tinyMerge(c, &t[2], &t[1]);
        }
        v = tabFreeze(c, &t[k == "tinyor" ? 2 : 0].t);
      } else if (k == "or") {
        v = pySetOr(c, reg(2), reg(3));
      } else if (k == "and") {
        v = pySetAnd(c, reg(2), reg(3));
      } else if (k == "sub") {
        v = pySetSub(c, reg(2), reg(3));
      } else if (k == "xor") {
        v = pySetXor(c, reg(2), reg(3));
      } else if (k == "copy") {
        PyTab t;
        if (tabInit(c, &t) && tabMergeSet(c, &t, reg(2)))
          v = tabFreezeCopy(c, &t);
      } else if (k == "has") {
        v = mkInt(c, pySetHas(c, reg(2), decode(c, op.arr[3], regs)));
      } else {
        fprintf(stderr, "arcdsl-pyset-check: unknown op '%s'\n", k.c_str());
        return 2;
      }
      regs[r] = v;
      built.push_back(r);
    }
    if (c->err) {
      printf("{\"error\":\"%s\"}\n", errorName(c->err));
      status = 1;
      continue;
    }
    std::string out = "[";
    for (size_t i = 0; i < built.size(); ++i) {
      av v = regs[built[i]];
      out += i ? ",[" : "[";
      encode(c, v, out);
      out += ',';
      out += isSet(c, v) ? std::to_string(pyHash(c, v)) : "null";
      out += ']';
    }
    printf("%s]\n", out.c_str());
  }
  return status;
}
