//===- StackDepth.cpp - native stack per level of nesting -----------------===//
//
// Measures what one level of nesting costs on the native stack, for the
// walks that recurse: `==` of two distinct equal values nested 9,990 deep
// (frozensets, python order), canonical comparison of the same, and calls
// of function values nested 9,990 deep (compose chains built line by line,
// called through the interpreter). Each runs on a thread whose stack is
// painted first; the untouched paint below the deepest frame tells the use.
// Prints bytes per level and checks that Python's recursion limit of levels
// fits a worker thread's stack (Isolation.cpp: 256 MiB, floor 512 KiB) and
// a default 8 MiB thread stack for the walks; and that the nesting past the
// limit is a RecursionError, not a fault.
//===----------------------------------------------------------------------===//

#include "ArcDsl/Primitives/Hof.h"
#include "ArcDsl/Primitives/Primitives.h"
#include "ArcDsl/Runtime/TaskSet.h"

#include <cstdio>
#include <cstring>
#include <functional>
#include <pthread.h>
#include <sys/mman.h>

using namespace arcdsl;
using namespace arcdsl::runtime;

namespace {

constexpr size_t kStack = 64ull << 20;
constexpr uint8_t kPaint = 0xA5;
constexpr uint32_t kLevels = 9990;

struct Job {
  std::function<void()> body;
};

void *runJob(void *p) {
  ((Job *)p)->body();
  return nullptr;
}

/// Bytes of a painted stack that `body` touched.
size_t stackUse(const std::function<void()> &body) {
  void *stack = mmap(nullptr, kStack, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  memset(stack, kPaint, kStack);
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstack(&attr, stack, kStack);
  Job job{body};
  pthread_t t;
  pthread_create(&t, &attr, runJob, &job);
  pthread_join(t, nullptr);
  pthread_attr_destroy(&attr);
  size_t untouched = 0;
  while (untouched < kStack && ((uint8_t *)stack)[untouched] == kPaint)
    ++untouched;
  munmap(stack, kStack);
  return kStack - untouched;
}

int failures = 0;
void check(bool ok, const char *what) {
  printf("%s: %s\n", ok ? "ok" : "FAILED", what);
  failures += !ok;
}

} // namespace

int main() {
  HostArena arena(256ull << 20);
  ArcCtx c = arena.fresh(~0ull);
  c.order = ORDER_PYTHON;

  // Two distinct equal sets nested kLevels deep, and a compose chain.
  av a = mkInt(&c, 0), b = mkInt(&c, 0);
  for (uint32_t k = 0; k < kLevels; ++k) {
    a = arcdsl_prim_initset(&c, a);
    b = arcdsl_prim_initset(&c, b);
  }
  av f = mkFn(PRIM_ID_identity);
  for (uint32_t k = 0; k < kLevels; ++k)
    f = arcdsl_prim_compose(&c, mkFn(PRIM_ID_identity), f);
  check(!c.err, "built values nested 9,990 deep");

  size_t base = stackUse([] {});
  bool eq = false;
  size_t eqUse = stackUse([&] { eq = equalValues(&c, a, b); });
  check(eq && !c.err, "== of two distinct equal nested sets");
  int cmp = 1;
  ArcCtx canon = c;
  canon.order = ORDER_CANONICAL;
  size_t cmpUse = stackUse([&] { cmp = compareCanon(&canon, a, b); });
  check(cmp == 0 && !canon.err, "canonical comparison of the same");
  av x = mkInt(&c, 7), r = kErr;
  size_t callUse = stackUse([&] { r = callFn(&c, f, 1, &x); });
  check(r == x && !c.err, "a call of 9,991 nested function values");

  double eqPer = double(eqUse - base) / kLevels;
  double cmpPer = double(cmpUse - base) / kLevels;
  double callPer = double(callUse - base) / kLevels;
  printf("stack per level: equality %.0f B, canonical compare %.0f B, "
         "call %.0f B\n",
         eqPer, cmpPer, callPer);
  // Python's limit of levels within the default 8 MiB thread stack less
  // the 512 KiB floor margin for the walks, and within a worker thread's
  // 256 MiB stack for calls.
  double walkBudget = double((8ull << 20) - (512ull << 10)) / kPyMaxFrames;
  check(eqPer < walkBudget && cmpPer < walkBudget,
        "10,000 levels of a walk fit an 8 MiB stack");
  check(callPer < double(256ull << 20) / kPyMaxFrames,
        "10,000 levels of calls fit a worker thread's stack");

  // Ten more levels: past the limit, RecursionError (not a fault).
  for (int k = 0; k < 10; ++k) {
    a = arcdsl_prim_initset(&c, a);
    b = arcdsl_prim_initset(&c, b);
    f = arcdsl_prim_compose(&c, mkFn(PRIM_ID_identity), f);
  }
  stackUse([&] { eq = equalValues(&c, a, b); });
  check(c.err == ERR_RECURSION, "== past the limit is RecursionError");
  c.err = 0;
  stackUse([&] { r = callFn(&c, f, 1, &x); });
  check(c.err == ERR_RECURSION, "a call past the limit is RecursionError");
  return failures ? 1 : 0;
}
