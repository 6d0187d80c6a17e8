//===- PrimProfile.h - per-sample profile by primitive ----------*- C++ -*-===//
//
// What a host run of one sample spent, by primitive: how many times each
// primitive entry ran, how many compiled callees and function values were
// called ("call"), and the work units charged while each was the innermost
// (exclusive: a higher-order primitive's own loop, not its callee's work).
// The features that bench/fit_work_model.py fits CPython's time on. Set
// with setThreadProfile(); runSample() restarts it for each attempt of a
// sample and hands it to the sample's context.
//===----------------------------------------------------------------------===//

#ifndef ARCDSL_RUNTIME_PRIMPROFILE_H
#define ARCDSL_RUNTIME_PRIMPROFILE_H

#include "ArcDsl/Primitives/Value.h"

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace arcdsl {
namespace runtime {

class PrimProfile : public ArcProfile {
public:
  PrimProfile();
  /// Forget the counts (a new sample, or a sample's run again in the full
  /// arena).
  void reset();
  /// {"name":[calls,work],...}, by name, "arcdsl_prim_"/"arcdsl_" dropped;
  /// the work outside any primitive under "body".
  std::string json() const;

private:
  struct Counts {
    uint64_t calls = 0, work = 0;
  };
  static void enterHook(ArcProfile *self, ArcCtx *c, const char *what);
  static void leaveHook(ArcProfile *self, ArcCtx *c);
  void charge(ArcCtx *c);

  /// By entry name (a string literal; nodes stay put, so `stack` may
  /// point into them).
  std::unordered_map<const char *, Counts> counts;
  std::vector<Counts *> stack; ///< the entries running, innermost last
  uint64_t mark = 0; ///< c->work when the innermost was last charged
};

/// The profile that runSample() attaches to the samples of this thread
/// (null: none, the default).
void setThreadProfile(PrimProfile *p);
PrimProfile *threadProfile();

} // namespace runtime
} // namespace arcdsl

#endif // ARCDSL_RUNTIME_PRIMPROFILE_H
