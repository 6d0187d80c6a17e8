//===- Isolation.h - one sample's failure stays that sample's ---*- C++ -*-===//
//
// Host threads run thousands of samples of generated programs; a sample
// that dies of a signal (a bug in arcdsl) or runs away must cost that
// sample only. guardedCall runs a compiled program so that:
//   * SIGSEGV, SIGBUS, SIGFPE or SIGILL raised while it runs ends the call
//     with ERR_CRASH (the handler runs on an alternate stack, so a stack
//     overflow is caught too, and jumps back with siglongjmp);
//   * running past its time limit ends it with ERR_TIMEOUT: a watchdog
//     thread sends the worker a signal whose handler jumps back the same way.
// Jumping out of sample code is sound because a sample only touches its own
// arena and context: the primitive library takes no locks and never calls
// malloc, and the arena is started afresh for the next sample. Signals
// outside a guarded call go to the handlers that were installed before
// (LLVM's crash report, Python's faulthandler) or to the default action.
//
// Worker threads get a large stack (address space, touched as used) and a
// stack floor (Value.h: arcdslStackFloor), so deep nesting is an error
// value and never an overflow; a system that refuses threads gets fewer.
// A run of one thread's worth stays on the calling thread, on a stack of
// the same size kept for the thread's next runs (onBigStack).
//
// Test-only fault injection: ARCDSL_TEST_FAULT="segv@K,hang@M" makes the
// guarded call of sample index K fault (a store through a null pointer)
// and that of index M spin forever, inside the guarded region.
// Nothing from LLVM/MLIR.
//===----------------------------------------------------------------------===//

#ifndef ARCDSL_RUNTIME_ISOLATION_H
#define ARCDSL_RUNTIME_ISOLATION_H

#include "ArcDsl/Primitives/Value.h"

#include <cstddef>
#include <functional>

namespace arcdsl {
namespace runtime {

/// How a host sample run is bounded beyond its arena and work bound.
struct SampleGuard {
  double seconds = 0;             ///< wall-clock limit; 0: none
  size_t index = ~(size_t)0;      ///< the sample's index (fault injection)
};

/// Default per-sample wall-clock limit of the host drivers (seconds): far
/// above what the work bound allows a sample (under a second), so only a
/// sample that escapes the work accounting meets it.
constexpr double kDefaultSampleSeconds = 20.0;

/// fn(ctx, in) with crashes and overtime turned into ctx->err = ERR_CRASH /
/// ERR_TIMEOUT (and kErr). Installs the signal handlers on first use.
av guardedCall(av (*fn)(ArcCtx *, av), ArcCtx *ctx, av in,
               const SampleGuard &guard);

/// Run `worker` on `threads` new threads (0: one per core) with large
/// stacks and wait for them; when the system refuses threads, on as many as
/// it gives (on this thread when it gives none). Returns how many ran it.
unsigned onThreads(unsigned threads, const std::function<void()> &worker);

/// Run `worker` on this thread, on a stack of a worker thread's size that
/// the thread keeps for its next calls (with its stack floor): what
/// onThreads(1, worker) does, without starting a thread or mapping a stack
/// each time. The stack's pages past its first MiB are given back after
/// each call. An exception from `worker` comes out here. Returns false,
/// having run nothing, when the stack cannot be mapped.
bool onBigStack(const std::function<void()> &worker);

/// Set this thread's stack floor (Value.h: arcdslStackFloor) a margin above
/// its stack's end; the worker threads do it themselves, code that runs
/// samples on a thread of its own calls it (fuzz-prims).
void setStackFloorOfThisThread();

/// The arena each of `threads` threads gets when it wants `wanted` bytes:
/// at most its share of what the arenas of one process may touch in all
/// (ARCDSL_MEM_LIMIT_MB when set, else 3/4 of physical memory, at most half
/// of an address-space limit), at least 2 MiB. A runaway sample meets its
/// arena's end (a capacity error) before the system's OOM killer.
uint64_t arenaShare(uint64_t wanted, unsigned threads);

} // namespace runtime
} // namespace arcdsl

#endif // ARCDSL_RUNTIME_ISOLATION_H
