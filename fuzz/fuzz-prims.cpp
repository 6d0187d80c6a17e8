//===- fuzz-prims.cpp - the primitive library on arbitrary values ---------===//
//
// A structure-aware fuzz target: the input is decoded into a short program
// over a pool of values. The pool starts with ints, bools, pairs, cells,
// None, small grids, tuples, frozensets and function values; each step
// makes a value or calls a function (a primitive of either DSL through its
// FN word, or any pool value) on pool operands, and appends the result.
// Python exceptions (ctx.err < ERR_CAPACITY) are cleared the way a batt
// line recovers; capacity and work-bound errors end the program.
//
// At the end every value made must be canonical (canonical order) and must
// survive a pack/unpack round trip with the same JSON encoding.
// Errors are fine; crashes, sanitizer reports and hangs are bugs.
//===----------------------------------------------------------------------===//

#include "ArcDsl/Primitives/Hof.h"
#include "ArcDsl/Primitives/Primitives.h"
#include "ArcDsl/Runtime/Isolation.h"
#include "ArcDsl/Runtime/ValueJson.h"

#include <fuzzer/FuzzedDataProvider.h>
#include <sanitizer/asan_interface.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

using namespace arcdsl;

namespace {

constexpr size_t kMaxSteps = 24;
constexpr size_t kMaxPool = 64;
/// Room for values nested past Python's recursion limit (power(initset,
/// n) costs n units, about 100 estimated CPython-ns each, Cost.h): the
/// nesting bound must turn them into errors.
constexpr uint64_t kWorkLimit = 4000000;
constexpr uint64_t kArenaBytes = 256u << 10;

[[noreturn]] void bug(const char *what, const std::string &detail) {
  fprintf(stderr, "fuzz-prims: %s: %.600s\n", what, detail.c_str());
  abort();
}

/// FUZZ_PRIMS_TRACE=1 prints each step (to read a reproducer).
const bool kTrace = getenv("FUZZ_PRIMS_TRACE") != nullptr;

std::string fnLabel(uint32_t id) {
  return id < kTokBase ? primTable()[id].name
                       : std::string("tok:") + arcdsl_tok_name(id - kTokBase);
}

av tuple(ArcCtx *c, std::vector<av> xs) {
  return makeTuple(c, xs.data(), (uint32_t)xs.size());
}
av set(ArcCtx *c, std::vector<av> xs) {
  return makeSet(c, xs.data(), (uint32_t)xs.size());
}
av grid(ArcCtx *c, int h, int w, int seed) {
  std::vector<av> rows;
  for (int i = 0; i < h; ++i) {
    std::vector<av> row;
    for (int j = 0; j < w; ++j)
      row.push_back(mkInt(c, (i * 7 + j * 3 + seed) % 10));
    rows.push_back(tuple(c, row));
  }
  return tuple(c, rows);
}
/// A cell of the context's DSL: (c, (i, j)) in Hodel's, (i, j, c) in
/// tokpidjin's.
av cell(ArcCtx *c, int col, int i, int j) {
  if (isTok(c))
    return mkTripleRaw(i, j, col);
  return mkCellRaw(col, i, j);
}

void seedPool(ArcCtx *c, std::vector<av> &pool) {
  for (int x : {0, 1, 2, 3, 5, 10, -1})
    pool.push_back(mkInt(c, x));
  pool.push_back(mkBool(true));
  pool.push_back(mkBool(false));
  pool.push_back(kNone);
  pool.push_back(mkPairRaw(0, 0));
  pool.push_back(mkPairRaw(1, 2));
  pool.push_back(mkPairRaw(-1, 1));
  pool.push_back(cell(c, 3, 0, 1));
  pool.push_back(grid(c, 3, 3, 0));
  pool.push_back(grid(c, 2, 4, 5));
  pool.push_back(grid(c, 1, 1, 2));
  pool.push_back(tuple(c, {}));
  pool.push_back(set(c, {}));
  pool.push_back(tuple(c, {mkInt(c, 4), mkInt(c, 1), mkInt(c, 4)}));
  pool.push_back(set(c, {mkPairRaw(0, 0), mkPairRaw(0, 1), mkPairRaw(2, 2)}));
  pool.push_back(set(c, {cell(c, 1, 0, 0), cell(c, 1, 0, 1),
                         cell(c, 2, 1, 1)}));
  pool.push_back(set(c, {pool.back(), set(c, {cell(c, 5, 3, 3)})}));
  pool.push_back(tuple(c, {mkInt(c, 2), pool[8]}));
  for (const char *f : {"identity", "size", "first", "add", "fill", "objects",
                        "compose", "rbind"})
    if (const PrimInfo *p = findPrim(f))
      pool.push_back(mkFn((uint32_t)(p - primTable())));
}

/// Arity of function id (either table).
uint32_t arityOf(uint32_t id) {
  if (id < kTokBase)
    return primTable()[id].arity;
  return arcdsl_tok_argcount(id - kTokBase);
}

/// Every value the program made must be canonical and survive a
/// pack/unpack round trip.
void checkValue(ArcCtx *c, av v, std::vector<uint8_t> &image) {
  std::string why;
  if (!isPyOrder(c) && !runtime::isCanonical(c, v, &why))
    bug("non-canonical value", runtime::valueToJson(c, v) + ": " + why);
  uint64_t used = arcdsl_rt_pack(c, v, image.data(), image.size());
  if (c->err || !used) { // too big for the image: fine
    c->err = 0;
    return;
  }
  av back = arcdsl_rt_unpack(c, image.data());
  if (c->err) {
    c->err = 0;
    return;
  }
  std::string a = runtime::valueToJson(c, v, true);
  std::string b = runtime::valueToJson(c, back, true);
  if (a != b)
    bug("pack/unpack changed a value", a + " -> " + b);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  // The arena is filled with a pattern before each input, so that reading
  // arena memory nothing wrote gives the same (wrong) value every time
  // instead of what the previous input left: such reads reproduce.
  // The arena is also poisoned (ASan): reading what no arenaAlloc handed out
  // is a report (Value.h unpoisons what it allocates).
  // The stack floor the host runtime gives each sample thread (Value.h):
  // nesting that would pass it is a capacity error, not an overflow.
  static bool floorSet = (runtime::setStackFloorOfThisThread(), true);
  (void)floorSet;
  static std::vector<uint64_t> arena(kArenaBytes / 8);
  static std::vector<uint8_t> image(1u << 20);
  ASAN_UNPOISON_MEMORY_REGION(arena.data(), kArenaBytes);
  memset(arena.data(), 0xA5, kArenaBytes);
  ASAN_POISON_MEMORY_REGION(arena.data(), kArenaBytes);
  memset(image.data(), 0xA5, image.size());
  FuzzedDataProvider in(data, size);
  ArcCtx ctx;
  ArcCtx *c = &ctx;
  ctxStart(c, (uint8_t *)arena.data(), kArenaBytes, kWorkLimit);
  uint8_t mode = in.ConsumeIntegral<uint8_t>();
  if (mode & 1)
    arcdsl_rt_set_dialect(c, DIALECT_TOKPIDJIN);
  if (mode & 2)
    arcdsl_rt_set_order(c, ORDER_PYTHON);
  if (kTrace)
    fprintf(stderr, "dialect %d order %d\n", c->dialect, c->order);

  std::vector<av> pool;
  seedPool(c, pool);
  size_t seeded = pool.size();
  auto pick = [&] {
    return pool[in.ConsumeIntegralInRange<size_t>(0, pool.size() - 1)];
  };

  for (size_t step = 0; step < kMaxSteps && in.remaining_bytes(); ++step) {
    av r = kErr;
    av args[4];
    switch (in.ConsumeIntegralInRange<int>(0, 7)) {
    case 0: // a literal
      r = mkInt(c, in.ConsumeIntegralInRange<int>(-4, 32));
      break;
    case 1: { // a tuple or a frozenset of pool values
      bool asSet = in.ConsumeBool();
      std::vector<av> xs(in.ConsumeIntegralInRange<int>(0, 4));
      for (av &x : xs)
        x = pick();
      r = asSet ? set(c, xs) : tuple(c, xs);
      break;
    }
    case 2: { // call a pool value (a function or not) with 1..3 arguments
      av f = pick();
      uint32_t n = in.ConsumeIntegralInRange<uint32_t>(1, 3);
      for (uint32_t k = 0; k < n; ++k)
        args[k] = pick();
      if (kTrace)
        fprintf(stderr, "call pool value %s with %u args\n",
                runtime::valueToJson(c, f).c_str(), n);
      r = callFn(c, f, n, args);
      break;
    }
    default: { // call a primitive of either table with its arity
      uint32_t id = in.ConsumeIntegralInRange<uint32_t>(0, kFnIdEnd - 1);
      uint32_t n = arityOf(id);
      if (n > 4)
        continue;
      for (uint32_t k = 0; k < n; ++k)
        args[k] = pick();
      if (kTrace) {
        fprintf(stderr, "%s(", fnLabel(id).c_str());
        for (uint32_t k = 0; k < n; ++k)
          fprintf(stderr, "%s%.200s", k ? ", " : "",
                  runtime::valueToJson(c, args[k]).c_str());
        fprintf(stderr, ")\n");
      }
      r = callFn(c, mkFn(id), n, args);
      break;
    }
    }
    if (kTrace) {
      std::string v = c->err ? runtime::errorName(c->err)
                             : runtime::valueToJson(c, r);
      fprintf(stderr, "step %zu -> [%zu] %.300s\n", step, pool.size(),
              v.c_str());
    }
    if (c->err) {
      if (c->err >= ERR_CAPACITY) // out of room or work: the sample ends
        break;
      c->err = 0; // a Python exception: the line recovers
      continue;
    }
    if (tagOf(r) == TAG_ERR)
      bug("ERR returned without an error", std::to_string(step));
    if (pool.size() < kMaxPool)
      pool.push_back(r);
  }

  c->err = 0;
  c->workLimit = ~0ull; // the checks are not the program's work
  for (size_t k = seeded; k < pool.size(); ++k)
    checkValue(c, pool[k], image);
  return 0;
}
