//===- fuzz-taskjson.cpp - the task JSON reader on arbitrary bytes --------===//
//
// parseTask (what loadTask reads a task file with) on the input. For a
// task it accepts, each grid is decoded into an arena and encoded back: the
// result must be the grid's own integers, and an input equals its output
// exactly when their JSON does. Any input that parses as JSON must also
// re-serialise to a fixed point (but for lone surrogates, see below), and decode as a golden-encoded value
// (errors allowed) without crashing.
//===----------------------------------------------------------------------===//

#include "ArcDsl/Runtime/TaskSet.h"
#include "ArcDsl/Runtime/ValueJson.h"

#include <cstdio>
#include <cstdlib>
#include <string>

using namespace arcdsl;
using namespace arcdsl::runtime;

namespace {

[[noreturn]] void bug(const char *what, const std::string &detail) {
  fprintf(stderr, "fuzz-taskjson: %s: %s\n", what, detail.c_str());
  abort();
}

/// A checked grid (loadTask's rules) as compact JSON from its integers.
std::string gridText(const Json &g) {
  std::string s = "[";
  for (size_t i = 0; i < g.arr.size(); ++i) {
    s += i ? ",[" : "[";
    for (size_t j = 0; j < g.arr[i].arr.size(); ++j)
      s += (j ? "," : "") + std::to_string(g.arr[i].arr[j].i);
    s += "]";
  }
  return s + "]";
}

void checkTask(const Task &task, ArcCtx *c) {
  for (const TaskPair &p : task.pairs) {
    c->top = 8;
    c->err = 0;
    av in = jsonToValue(c, p.input);
    std::string want = gridText(p.input);
    std::string got = valueToJson(c, in);
    if (c->err || got != want)
      bug("grid round trip", want + " -> " + got);
    if (!p.hasOutput)
      continue;
    SampleOutput o = describeSample(c, in, &p);
    bool same = want == gridText(p.output);
    if (o.matches != same)
      bug("describeSample's match", want + " vs " + gridText(p.output));
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static HostArena arena(16u << 20);
  std::string_view text((const char *)data, size);

  Task task;
  std::string error;
  ArcCtx ctx = arena.fresh(kDefaultWorkLimit);
  if (parseTask(text, "fuzz.json", "fuzz", task, error)) {
    if (task.numTrain > task.pairs.size())
      bug("numTrain", std::to_string(task.numTrain));
    checkTask(task, &ctx);
  } else if (error.empty()) {
    bug("rejected without a message", std::string(text));
  }

  Json root;
  if (!parseJson(text, root, error))
    return 0;
  std::string once = jsonToString(root);
  Json again;
  if (!parseJson(once, again, error))
    bug("re-serialised JSON does not parse", once + ": " + error);
  // Except where a string holds lone surrogates: written as \udXXX escapes
  // (as Python's json writes them), a high one next to a low one reads back
  // as one character, in Python's json as here.
  if (jsonToString(again) != once && once.find("\\ud") == std::string::npos)
    bug("re-serialisation is not a fixed point", once);
  ctx = arena.fresh(kDefaultWorkLimit);
  av v = jsonToValue(&ctx, root);
  if (!ctx.err)
    (void)valueToJson(&ctx, v);
  return 0;
}
