//===- Hof.h - entry points of compiled code into the library ---*- C++ -*-===//
//
// What compiled programs call besides the primitives (ABI.h names the
// prefixes): the loops of the higher-order primitives over a specialized
// function (`arcdsl_hof_*`, written once in HofLoops.h, which the
// interpreter of function values shares), and the run-time helpers
// (`arcdsl_rt_*`: container access for those loops, errors, batt lines,
// calls of run-time function values, packing for devices). Host/device
// neutral; part of the primitive library. The names are the contract with
// lib/Conversion/ArcDslToLLVM.
//===----------------------------------------------------------------------===//

#ifndef ARCDSL_PRIMITIVES_HOF_H
#define ARCDSL_PRIMITIVES_HOF_H

#include "ArcDsl/Primitives/Value.h"

/// A specialized function as compiled code hands it to a loop: `env` holds
/// the values it captured, `args` the element(s) of this call (two for
/// papply/mpapply/prapply, else one).
typedef arcdsl::av (*ArcCallee)(arcdsl::ArcCtx *c, const arcdsl::av *env,
                                const arcdsl::av *args);

/// The higher-order primitives over a specialized function: data operands
/// in the primitive's order without its function, then the function.
#define ARCDSL_HOF_ENTRY(name, ...)                                            \
  ARCDSL_EXPORT arcdsl::av arcdsl_hof_##name(arcdsl::ArcCtx *c, __VA_ARGS__,   \
                                             ArcCallee f, const arcdsl::av *env);
ARCDSL_HOF_ENTRY(apply, arcdsl::av xs)
ARCDSL_HOF_ENTRY(mapply, arcdsl::av xs)
ARCDSL_HOF_ENTRY(sfilter, arcdsl::av xs)
ARCDSL_HOF_ENTRY(mfilter, arcdsl::av xs)
ARCDSL_HOF_ENTRY(extract, arcdsl::av xs)
ARCDSL_HOF_ENTRY(argmax, arcdsl::av xs)
ARCDSL_HOF_ENTRY(argmin, arcdsl::av xs)
ARCDSL_HOF_ENTRY(valmax, arcdsl::av xs)
ARCDSL_HOF_ENTRY(valmin, arcdsl::av xs)
ARCDSL_HOF_ENTRY(order, arcdsl::av xs)
ARCDSL_HOF_ENTRY(papply, arcdsl::av a, arcdsl::av b)
ARCDSL_HOF_ENTRY(mpapply, arcdsl::av a, arcdsl::av b)
ARCDSL_HOF_ENTRY(prapply, arcdsl::av a, arcdsl::av b)
/// power(f, n)(x)
ARCDSL_HOF_ENTRY(power, arcdsl::av n, arcdsl::av x)
#undef ARCDSL_HOF_ENTRY

/// Length of a container (tuple, set, grid rows, pair...); 0 and an error
/// for a non-container.
ARCDSL_EXPORT int64_t arcdsl_rt_len(arcdsl::ArcCtx *c, arcdsl::av v);
/// Element i of a container, in iteration order (sets ascending).
ARCDSL_EXPORT arcdsl::av arcdsl_rt_at(arcdsl::ArcCtx *c, arcdsl::av v,
                                      int64_t i);
/// Scratch buffer of n values on the arena (null and an error when full).
ARCDSL_EXPORT arcdsl::av *arcdsl_rt_buf(arcdsl::ArcCtx *c, int64_t n);
/// buf[i] = v (ignored when buf is null).
ARCDSL_EXPORT void arcdsl_rt_buf_set(arcdsl::ArcCtx *c, arcdsl::av *buf,
                                     int64_t i, arcdsl::av v);
/// `type(like)(buf[0:n])`: a frozenset when `like` is one, else a tuple.
ARCDSL_EXPORT arcdsl::av arcdsl_rt_like(arcdsl::ArcCtx *c, arcdsl::av like,
                                        arcdsl::av *buf, int64_t n);
/// tuple(buf[0:n]) and frozenset(buf[0:n]).
ARCDSL_EXPORT arcdsl::av arcdsl_rt_tuple(arcdsl::ArcCtx *c, arcdsl::av *buf,
                                         int64_t n);
ARCDSL_EXPORT arcdsl::av arcdsl_rt_set(arcdsl::ArcCtx *c, arcdsl::av *buf,
                                       int64_t n);
/// Python truthiness: 1 or 0.
ARCDSL_EXPORT int64_t arcdsl_rt_truthy(arcdsl::ArcCtx *c, arcdsl::av v);
/// Python `a < b` / `a > b` as -1/0/1 (errors for incomparable values).
ARCDSL_EXPORT int64_t arcdsl_rt_cmp(arcdsl::ArcCtx *c, arcdsl::av a,
                                    arcdsl::av b);
/// tuple(sorted(xs, key)) with keys[i] the key of xs[i] (stable).
ARCDSL_EXPORT arcdsl::av arcdsl_rt_sorted(arcdsl::ArcCtx *c, arcdsl::av *xs,
                                          arcdsl::av *keys, int64_t n);
/// Batt support (Batt.cpp). `_get_safe_default(callee)`: the value a batt
/// line takes when its call fails.
ARCDSL_EXPORT arcdsl::av arcdsl_rt_safe_default(arcdsl::ArcCtx *c,
                                                arcdsl::av callee);
/// The `except` of a batt line: v when the line did not fail; its safe
/// default when it raised an exception whose bit is set in `mask`
/// (1 << ErrCode) and the sample had not failed `before` it (its status
/// then); otherwise the error stays (the batt raised).
ARCDSL_EXPORT arcdsl::av arcdsl_rt_recover(arcdsl::ArcCtx *c, arcdsl::av v,
                                           arcdsl::av callee, int64_t before,
                                           int64_t mask);
/// v[k] of a tuple (IndexError out of range).
ARCDSL_EXPORT arcdsl::av arcdsl_rt_item(arcdsl::ArcCtx *c, arcdsl::av v,
                                        int64_t k);
/// The memo of a batt's two calls on a sample (ShareBattModes: the call
/// with C = None keeps the values and costs of the lines that do not read
/// C, the call with the expected output replays them): a tuple the host
/// makes (battMemo, Runtime/Batt.h) and passes as the fourth argument;
/// word 0 set means replay.
/// The call's memo: args[3] of a 4-tuple, else None (no memo).
ARCDSL_EXPORT arcdsl::av arcdsl_rt_memo_of(arcdsl::ArcCtx *c, arcdsl::av args);
/// Whether memo word 0 is set (the call replays).
ARCDSL_EXPORT int64_t arcdsl_rt_memo_replaying(arcdsl::ArcCtx *c,
                                               arcdsl::av memo);
/// memo[k] = the sample's work so far.
ARCDSL_EXPORT void arcdsl_rt_memo_mark(arcdsl::ArcCtx *c, arcdsl::av memo,
                                       int64_t k);
/// memo[k] = v.
ARCDSL_EXPORT void arcdsl_rt_memo_store(arcdsl::ArcCtx *c, arcdsl::av memo,
                                        int64_t k, arcdsl::av v);
/// Unless the sample failed: charge memo[k + 1] - memo[k] of work (the
/// work-bound error past the bound).
ARCDSL_EXPORT void arcdsl_rt_memo_charge(arcdsl::ArcCtx *c, arcdsl::av memo,
                                         int64_t k);
/// memo[k], or the error word when the sample failed.
ARCDSL_EXPORT arcdsl::av arcdsl_rt_memo_load(arcdsl::ArcCtx *c,
                                             arcdsl::av memo, int64_t k);
/// Raise Python exception `code` (an ErrCode).
ARCDSL_EXPORT void arcdsl_rt_fail(arcdsl::ArcCtx *c, int64_t code);
/// Repetition count of `power(f, n)`: n >= 1, else an error (Python
/// recurses without end building power(f, 0)); charged as work.
ARCDSL_EXPORT int64_t arcdsl_rt_power_count(arcdsl::ArcCtx *c, arcdsl::av n);

/// Call function value f (a primitive or a run-time closure, Fn.cpp) with
/// 1..4 arguments: how compiled code calls a function it cannot see.
ARCDSL_EXPORT arcdsl::av arcdsl_rt_call1(arcdsl::ArcCtx *c, arcdsl::av f,
                                         arcdsl::av a);
ARCDSL_EXPORT arcdsl::av arcdsl_rt_call2(arcdsl::ArcCtx *c, arcdsl::av f,
                                         arcdsl::av a, arcdsl::av b);
ARCDSL_EXPORT arcdsl::av arcdsl_rt_call3(arcdsl::ArcCtx *c, arcdsl::av f,
                                         arcdsl::av a, arcdsl::av b,
                                         arcdsl::av d);
ARCDSL_EXPORT arcdsl::av arcdsl_rt_call4(arcdsl::ArcCtx *c, arcdsl::av f,
                                         arcdsl::av a, arcdsl::av b,
                                         arcdsl::av d, arcdsl::av e);

/// Arena reclamation around a call inside a loop: `mark` before the call,
/// then `keep` its result (everything allocated since the mark is freed
/// except what the result needs, which moves down onto the mark) or
/// `release` when the result is not kept (a predicate's truth value).
/// A sample's values are the same with or without it; only its memory
/// differs. Copies are not charged as work.
ARCDSL_EXPORT uint64_t arcdsl_rt_mark(arcdsl::ArcCtx *c);
ARCDSL_EXPORT arcdsl::av arcdsl_rt_keep(arcdsl::ArcCtx *c, uint64_t mark,
                                        arcdsl::av v);
ARCDSL_EXPORT void arcdsl_rt_release(arcdsl::ArcCtx *c, uint64_t mark);

/// Deep-copy value `v` of context `c` into `dst` as a self-contained image
/// (dst[0..8) holds the root word, boxes follow, offsets relative to dst):
/// how a result leaves a device arena and an input enters one. Returns the
/// bytes used; 0 and ERR_RESULT_IMAGE on `c` when `cap` is too small. When `c`
/// has failed, the image holds just the ERR word.
ARCDSL_EXPORT uint64_t arcdsl_rt_pack(arcdsl::ArcCtx *c, arcdsl::av v,
                                      uint8_t *dst, uint64_t cap);
/// Copy an image made by arcdsl_rt_pack into `c`'s arena; returns the value.
ARCDSL_EXPORT arcdsl::av arcdsl_rt_unpack(arcdsl::ArcCtx *c,
                                          const uint8_t *src);

//===----------------------------------------------------------------------===//
// Batches of (program, input) samples in one launch
//===----------------------------------------------------------------------===//

/// Set in ArcBatch::status beside the ErrCode: the sample iterated a set
/// ordered by a hash CPython takes from an address (ORDER_ADDRESS_HASH).
constexpr uint32_t kBatchAddressOrder = 0x80000000u;

/// What the dispatch kernel (`arcdsl_dispatch`, see --convert-arcdsl-to-gpu)
/// works on: n samples, sample i runs program `program[i]` (an index into
/// the kernel's switch) on input image `input[i]`. Each thread takes samples
/// one after the other (an atomic counter) until none is left, reusing its
/// own arena; a result is packed at its arena's top and copied into the
/// shared result heap. Layout is ABI with the runtime.
struct ArcBatch {
  uint8_t *arenas;            ///< one arena per team of the launch, each
                              ///< arenaBytes + its lane space apart
  uint64_t arenaBytes;        ///< capacity of each
  uint64_t workLimit;         ///< per-sample work bound
  const uint8_t *in;          ///< input images
  const uint64_t *inOffsets;  ///< image k at in + inOffsets[k]
  const uint32_t *program;    ///< per sample
  const uint32_t *input;      ///< per sample
  uint64_t n;                 ///< samples
  unsigned long long *next;   ///< next sample to take (starts at 0)
  uint8_t *heap;              ///< result images
  uint64_t heapBytes;
  unsigned long long *heapTop; ///< bytes of the heap used (starts at 0)
  uint32_t *status;           ///< per sample: ErrCode (0: a value), with
                              ///< kBatchAddressOrder when the result
                              ///< depends on an address-hash order
  uint64_t *work;             ///< per sample: work units spent
  uint64_t *resultOffset;     ///< per sample: its image in the heap
  uint64_t *resultBytes;      ///< per sample: the image's size
  /// Optional (null: off): every sample that stops with ERR_WORK,
  /// ERR_CAPACITY or ERR_RESULT_IMAGE is announced here as it stops, as
  /// (status << 32) | (index + 1), in memory the host can read while the
  /// launch goes on (so it can start such samples over on its own cores).
  uint64_t *early;
  uint64_t earlyCap;
  unsigned long long *earlyCount; ///< entries taken (starts at 0)
  /// Lanes per sample (a power of two up to 32; 0 or 1: a thread per
  /// sample): thread t is lane t % lanes of team t / lanes, which owns
  /// arena t / lanes; the team runs its samples in lockstep (TeamLoops.h).
  uint32_t lanes;
  /// With lanes > 1: each team's lane space (2^laneLog2 bytes past each
  /// arena's arenaBytes; 0: none), where its lanes run a long loop's
  /// elements (ArcCtx::laneLog2).
  uint32_t laneLog2;
  /// Optional (null: off): per sample, the nanoseconds its team spent on
  /// it (the GPU's global timer), for profiles of the slowest samples.
  uint64_t *nanos;
  /// Optional (null: off): samples the host's threads may take too.
  /// taken[ids[i]], in memory the host also writes, is 1 once a host
  /// thread took sample i: the team skips it; else the team writes
  /// takenMark (0: 2) and runs it (Runtime/HostPool.h).
  uint8_t *taken;
  const uint32_t *ids;
  /// What a team writes in taken[] (a light pass's mark tells the host's
  /// threads that the sample may still come to them if it goes on).
  uint32_t takenMark;
};

/// Take the next sample for thread `slot` (its team's lane 0 takes it, the
/// others get it from lane 0): set up `c` in the team's arena and return
/// the sample's index, or -1 when none is left.
ARCDSL_EXPORT int64_t arcdsl_rt_batch_next(ArcBatch *b, arcdsl::ArcCtx *c,
                                           int64_t slot);
/// The program index of sample i, and its input unpacked into `c`.
ARCDSL_EXPORT int64_t arcdsl_rt_batch_program(ArcBatch *b, int64_t i);
ARCDSL_EXPORT arcdsl::av arcdsl_rt_batch_input(ArcBatch *b, arcdsl::ArcCtx *c,
                                               int64_t i);
/// Record sample i's outcome: status, work and, for a value, its image in
/// the heap (ERR_RESULT_IMAGE when the arena or the heap has no room).
ARCDSL_EXPORT void arcdsl_rt_batch_finish(ArcBatch *b, arcdsl::ArcCtx *c,
                                          int64_t i, arcdsl::av v);

#endif // ARCDSL_PRIMITIVES_HOF_H
