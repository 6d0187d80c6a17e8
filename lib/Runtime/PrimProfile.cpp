//===- PrimProfile.cpp - per-sample profile by primitive ------------------===//

#include "ArcDsl/Runtime/PrimProfile.h"

#include <cstring>
#include <map>

using namespace arcdsl;
using namespace arcdsl::runtime;

namespace {
thread_local PrimProfile *current = nullptr;
constexpr const char *kBody = "body";
} // namespace

void runtime::setThreadProfile(PrimProfile *p) { current = p; }
PrimProfile *runtime::threadProfile() { return current; }

PrimProfile::PrimProfile() {
  enter = enterHook;
  leave = leaveHook;
  reset();
}

void PrimProfile::reset() {
  counts.clear();
  stack.assign(1, &counts[kBody]);
  mark = 0;
}

void PrimProfile::charge(ArcCtx *c) {
  stack.back()->work += c->work - mark;
  mark = c->work;
}

void PrimProfile::enterHook(ArcProfile *self, ArcCtx *c, const char *what) {
  auto *p = static_cast<PrimProfile *>(self);
  p->charge(c);
  Counts &n = p->counts[what];
  ++n.calls;
  p->stack.push_back(&n);
}

void PrimProfile::leaveHook(ArcProfile *self, ArcCtx *c) {
  auto *p = static_cast<PrimProfile *>(self);
  p->charge(c);
  if (p->stack.size() > 1)
    p->stack.pop_back();
}

std::string PrimProfile::json() const {
  // Names of entries: "arcdsl_prim_vmirror" -> "vmirror", "arcdsl_tok_x"
  // -> "tok_x", "arcdsl_hof_apply" -> "hof_apply". Names from different
  // string literals may be equal: merged, and sorted, by the map.
  std::map<std::string, Counts> rows;
  for (const auto &[name, n] : counts) {
    std::string s = name;
    for (const char *prefix : {"arcdsl_prim_", "arcdsl_"})
      if (s.rfind(prefix, 0) == 0) {
        s = s.substr(strlen(prefix));
        break;
      }
    rows[s].calls += n.calls;
    rows[s].work += n.work;
  }
  std::string out = "{";
  for (const auto &[name, n] : rows) {
    if (!n.calls && !n.work)
      continue; // "body" of a program that does all in primitives
    if (out.size() > 1)
      out += ",";
    out += "\"" + name + "\":[" + std::to_string(n.calls) + "," +
           std::to_string(n.work) + "]";
  }
  return out + "}";
}
