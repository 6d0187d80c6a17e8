//===- ValueJson.h - JSON codec for arcdsl values ----------------*- C++ -*-===//
//
// Host only. A small JSON DOM plus the golden-vector encoding of values:
//   int -> number, bool -> true/false, tuple -> array (a grid is an array of
//   rows, a PAIR [i,j], a CELL [c,[i,j]]), frozenset -> {"set":[...]} in
//   canonical order (or the order it iterates in, on request), primitive -> {"fn":"name"}, None -> null,
//   error -> {"error":"<Python exception name>"}.
// Output is compact (no spaces).
//===----------------------------------------------------------------------===//

#ifndef ARCDSL_RUNTIME_VALUEJSON_H
#define ARCDSL_RUNTIME_VALUEJSON_H

#include "ArcDsl/Primitives/Value.h"

#include <stdint.h>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace arcdsl {
namespace runtime {

struct Json {
  enum Kind { Null, Bool, Number, String, Array, Object };
  Kind kind = Null;
  bool b = false;
  bool isInt = true; ///< Number: integral and fits int64
  int64_t i = 0;     ///< Number, when isInt
  double d = 0;      ///< Number
  std::string str;   ///< String; for Number the original spelling
  std::vector<Json> arr;
  std::vector<std::pair<std::string, Json>> obj;

  /// Object member lookup; null when absent or not an object.
  const Json *get(std::string_view key) const;
};

/// Parse one JSON document (surrounding whitespace allowed). On failure
/// returns false and sets `error` to "line:col: message".
bool parseJson(std::string_view text, Json &out, std::string &error);
/// Compact re-serialisation of a DOM (numbers keep their spelling).
std::string jsonToString(const Json &j);
/// Append a JSON string literal (quoted, escaped) to `out`.
void appendJsonString(std::string &out, std::string_view s);

/// A grid held flat: a JSON rectangle of ints that fit a grid cell, the
/// value makeTuple makes a GRID box of. Decoded once (a task's inputs and
/// expected outputs), copied into the arena of every run that needs it.
struct GridImage {
  uint32_t h = 0, w = 0; ///< 0 x 0: `j` was no such rectangle
  std::vector<GridCell> cells; ///< row-major
};
/// The image of `j`, or an empty one when `j` is not a grid.
GridImage gridImageOf(const Json &j);
/// The image's GRID box in c's arena (ERR when it does not fit).
av gridValue(ArcCtx *c, const GridImage &g);

/// Decode a golden-encoded value into the context's arena (canonical form).
/// Unsupported JSON (strings, non-integers, unknown objects/primitives)
/// yields ERR with ERR_UNSUPPORTED; `error`, when given, says why.
av jsonToValue(ArcCtx *c, const Json &j, std::string *error = nullptr);
/// Encode a value (compact golden encoding).
/// With iterationOrder, sets list their elements in the order they iterate
/// (python order) instead of canonical order.
std::string valueToJson(ArcCtx *c, av v, bool iterationOrder = false);
/// The same, appended to `out` (a batt run's line is one string).
void appendValueJson(ArcCtx *c, std::string &out, av v,
                     bool iterationOrder = false);
/// Python exception name of an error code ("ValueError", ...; arcdsl-only
/// codes give "Capacity", "WorkLimit", "Unsupported").
const char *errorName(uint32_t code);

/// Whether v (recursively) uses the canonical representation of Value.h:
/// no tuple box that should be a PAIR/CELL/GRID, no 0-row grid, sets
/// strictly ascending, no ERR inside. `why` says what is wrong.
bool isCanonical(ArcCtx *c, av v, std::string *why = nullptr);

/// Read a whole file; false (and `error`) on failure.
bool readFile(const std::string &path, std::string &out, std::string &error);

/// Read a whole input file that must be a regular file of at most
/// `maxBytes` bytes: it is opened without blocking (a FIFO does not hang),
/// its type and size are checked before anything is read (a device, a
/// directory or a file over the cap is refused with a message saying so),
/// and no more than `maxBytes` bytes are read even if it grows meanwhile.
bool readInputFile(const std::string &path, uint64_t maxBytes,
                   std::string &out, std::string &error);

/// Drop a UTF-8 byte order mark (EF BB BF) at the start of `text`.
void skipUtf8Bom(std::string &text);

} // namespace runtime
} // namespace arcdsl

#endif // ARCDSL_RUNTIME_VALUEJSON_H
