//===- Cost.h - what a sample costs, in CPython-nanoseconds -----*- C++ -*-===//
//
// A sample's `work` is the model's estimate of how long stock CPython 3.11
// takes to run it, in nanoseconds, so that a bound on it means time and is
// the same on every machine and backend (docs/capacities.md). Every
// primitive entry costs its call weight, and every unit of work it charges
// (charge() in Value.h: cells, elements, pairs...) costs its unit weight:
// the weights of the primitive innermost at the time, as PrimProfile
// attributes work when it measures. The weights come from
// bench/fit_work_model.py, which fits them to CPython's times and writes
// CostModel.def.
//
// A profiling run (PrimProfile) counts raw units instead: every unit costs
// 1 and calls nothing, the inputs of the fit.
//
//===----------------------------------------------------------------------===//

#ifndef ARCDSL_PRIMITIVES_COST_H
#define ARCDSL_PRIMITIVES_COST_H

#include <stdint.h>

namespace arcdsl {

/// The weights of one entry: nanoseconds of CPython per call and per unit
/// of work (at least 1, so that every charged loop counts towards the
/// bound).
struct PrimCost {
  uint32_t callNs;
  uint32_t unitNs;
};

namespace cost {
struct Entry {
  const char *name; ///< a profile name: "vmirror", "tok_x", "hof_apply"
  PrimCost cost;
};

constexpr Entry kTable[] = {
#define ARCDSL_COST(name, callNs, unitNs) {#name, {callNs, unitNs}},
#include "ArcDsl/Primitives/CostModel.def"
};

constexpr bool startsWith(const char *s, const char *prefix) {
  while (*prefix)
    if (*s++ != *prefix++)
      return false;
  return true;
}
constexpr bool equal(const char *a, const char *b) {
  while (*a && *a == *b)
    ++a, ++b;
  return *a == *b;
}
/// The profile name of an entry point: "arcdsl_prim_vmirror" -> "vmirror",
/// "arcdsl_tok_x" -> "tok_x", "arcdsl_hof_apply" -> "hof_apply".
constexpr const char *profileName(const char *func) {
  return startsWith(func, "arcdsl_prim_") ? func + 12
         : startsWith(func, "arcdsl_")    ? func + 7
                                          : func;
}
constexpr PrimCost find(const char *name, const char *fallback) {
  for (const Entry &e : kTable)
    if (equal(e.name, name))
      return e.cost;
  for (const Entry &e : kTable)
    if (equal(e.name, fallback))
      return e.cost;
  return {0, 1};
}
/// A sample's context keeps the innermost entry's unit weight in 16 bits
/// (ArcCtx::unitNs).
constexpr bool unitWeightsFit() {
  for (const Entry &e : kTable)
    if (e.cost.unitNs > 0xffff)
      return false;
  return true;
}
static_assert(unitWeightsFit(), "a unit weight of CostModel.def passes "
                                "ArcCtx::unitNs (16 bits)");
} // namespace cost

/// The weights of the entry point `func` (a `__func__`, or a profile name
/// such as "call"); entries the fit saw too rarely share "other"'s.
/// Evaluated at compile time.
constexpr PrimCost costOf(const char *func) {
  return cost::find(cost::profileName(func), "other");
}

/// A call of a compiled callee or of a function value (a Python call of a
/// lambda in the reference).
constexpr PrimCost kCallCost = costOf("call");

/// Work charged outside every entry (compiled code's own loops).
constexpr PrimCost kBodyCost = costOf("body");

/// Per sample: what CPython spends around the program (the fit's
/// constant).
constexpr uint64_t kSampleNs = cost::find("const", "const").callNs;

/// Default bound on a sample's cost: CPython seconds (a solver run; a batt
/// call has its own, Batt.h) and the margin of the model's error. A sample
/// is stopped once its estimate passes margin x seconds, so every sample
/// that CPython finishes within the time is kept where the estimate is
/// within the margin (bench/results/2026-12-05-cost-model.md measures how
/// often).
constexpr double kDefaultTimeoutSeconds = 1.0;
constexpr double kTimeoutMargin = 2.0;
/// The bound, in cost units (CPython-nanoseconds), for `seconds`.
constexpr uint64_t workLimitFor(double seconds) {
  return seconds * kTimeoutMargin * 1e9 >= 1.8e19
             ? ~0ull
             : (uint64_t)(seconds * kTimeoutMargin * 1e9);
}

/// A profiling run's bound in raw units (it measures what the model
/// charges, so it cannot be bounded by it): past every sample CPython
/// finishes in 2 s (bench/results/2026-11-26-work-calibration.md).
constexpr uint64_t kRawUnitLimit = 32000000;

} // namespace arcdsl

#endif // ARCDSL_PRIMITIVES_COST_H
