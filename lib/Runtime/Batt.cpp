//===- Batt.cpp - inputs and outputs of batt programs ----------------------===//

#include "ArcDsl/Runtime/Batt.h"

#include "ArcDsl/Primitives/Hof.h"
#include "ArcDsl/Runtime/Isolation.h"

#include <map>

using namespace arcdsl;
using namespace arcdsl::runtime;

bool runtime::parseBattLayout(const std::string &json, BattLayout &layout,
                              std::string &error) {
  Json root;
  if (!parseJson(json, root, error))
    return false;
  layout = BattLayout();
  const Json *returns = root.get("returns");
  const Json *records = root.get("records");
  if (!returns || returns->kind != Json::Array || !records ||
      records->kind != Json::Array) {
    error = "a batt layout has \"returns\" and \"records\" lists";
    return false;
  }
  for (const Json &n : returns->arr) {
    if (n.kind != Json::String) {
      error = "\"returns\" holds list names";
      return false;
    }
    layout.returns.push_back(n.str);
  }
  for (const Json &r : records->arr) {
    if (r.kind != Json::Array || r.arr.size() != 2 ||
        r.arr[0].kind != Json::String) {
      error = "a record is [list, parts]";
      return false;
    }
    BattLayout::Record rec;
    rec.list = layout.returns.size();
    for (size_t k = 0; k < layout.returns.size(); ++k)
      if (layout.returns[k] == r.arr[0].str)
        rec.list = k;
    rec.isTuple = r.arr[1].kind == Json::Array;
    if (rec.isTuple)
      rec.parts = r.arr[1].arr;
    else
      rec.parts.push_back(r.arr[1]);
    for (const Json &p : rec.parts) {
      const Json *slot = p.get("slot");
      rec.slot.push_back(slot ? slot->i : -1);
      rec.text.push_back(slot ? std::string() : jsonToString(p));
      if (slot)
        layout.slots = std::max<size_t>(layout.slots, (size_t)slot->i + 1);
    }
    layout.records.push_back(std::move(rec));
  }
  layout.byList.assign(layout.returns.size(), {});
  for (size_t k = 0; k < layout.records.size(); ++k)
    if (layout.records[k].list < layout.returns.size())
      layout.byList[layout.records[k].list].push_back(k);
  // "lines" (optional: older bundles have none).
  if (const Json *lines = root.get("lines")) {
    if (lines->kind != Json::Array) {
      error = "\"lines\" is a list";
      return false;
    }
    for (const Json &l : lines->arr) {
      if (l.kind != Json::Array || l.arr.size() != 2 ||
          l.arr[0].kind != Json::String || l.arr[1].kind != Json::String) {
        error = "a line is [name, \"FILE:line\"]";
        return false;
      }
      layout.lines.push_back({l.arr[0].str, l.arr[1].str});
    }
  }
  return true;
}

const BattLayout::Line *runtime::battErrorLine(const ArcCtx *c, av out,
                                               const BattLayout &layout) {
  if (!c->err || tagOf(out) != TAG_INT)
    return nullptr;
  uint64_t k = out & ((1ull << 60) - 1);
  return k < layout.lines.size() ? &layout.lines[k] : nullptr;
}

const char *runtime::battModeName(BattMode m) {
  return m == BattMode::Solve ? "solve" : "diff";
}

av runtime::battInput(ArcCtx *c, const Task &task, size_t k, BattMode mode,
                      av memo) {
  // (S, I, C) built in the arena piece by piece: no copy of the task's
  // JSON per run (a task of 700 train pairs made every run copy them all).
  std::vector<av> pairs(task.numTrain);
  for (size_t t = 0; t < task.numTrain; ++t) {
    av io[2] = {pairInput(c, task.pairs[t]), pairOutput(c, task.pairs[t])};
    pairs[t] = makeTuple(c, io, 2);
  }
  av args[4] = {makeTuple(c, pairs.data(), (uint32_t)pairs.size()),
                pairInput(c, task.pairs[k]),
                mode == BattMode::Diff && task.pairs[k].hasOutput
                    ? pairOutput(c, task.pairs[k])
                    : kNone,
                memo};
  return c->err ? kErr : makeTuple(c, args, memo == kErr ? 3 : 4);
}

av runtime::battMemo(ArcCtx *c, uint64_t words) {
  // A tuple box whatever its words (makeTuple would make 2 or 3 ints an
  // inline pair or triple).
  Box *b = words > UINT32_MAX ? nullptr : newSeq(c, BOX_TUPLE, (uint32_t)words);
  if (!b)
    return fail(c, ERR_CAPACITY);
  for (uint64_t k = 0; k < words; ++k)
    elems(b)[k] = abi::encodeInt(0);
  return boxRef(c, b);
}

unsigned runtime::runBattOnThreads(
    av (*fn)(ArcCtx *, av), const BattShare &share,
    const std::vector<BattRun> &runs, unsigned threads, uint64_t arenaBytes,
    uint64_t workLimit, const std::function<void(size_t, ArcCtx &, av)> &done,
    double seconds) {
  // Units: a sample's solve run followed by its diff run is one when the
  // batt shares lines; any other run is one by itself.
  struct Unit {
    size_t run;
    bool pair;
  };
  std::vector<Unit> units;
  for (size_t i = 0; i < runs.size(); ++i) {
    bool pair = share && runs[i].mode == BattMode::Solve &&
                i + 1 < runs.size() && runs[i + 1].task == runs[i].task &&
                runs[i + 1].sample == runs[i].sample &&
                runs[i + 1].mode == BattMode::Diff;
    units.push_back({i, pair});
    i += pair;
  }
  auto input = [&](ArcCtx *c, size_t i, av memo) {
    return battInput(c, *runs[i].task, runs[i].sample, runs[i].mode, memo);
  };
  return runUnitsOnThreads(
      units.size(), threads, arenaBytes,
      [&](size_t u, const HostArena &small, const HostArena &full) {
        size_t i = units[u].run;
        if (!units[u].pair)
          return runSampleUnit(
              fn, i, small, full, workLimit,
              [&](ArcCtx *c) { return input(c, i, kErr); }, done, seconds);
        // The solve call, recording; then the diff call replaying, in the
        // same arena, unless the first call raised (its lines after the
        // error were not recorded) or the arena overflows.
        ArcCtx ctx;
        av memo = kErr;
        av out = runSample(
            fn, small, full, workLimit,
            [&](ArcCtx *c) {
              memo = battMemo(c, share.memoWords);
              return input(c, i, memo);
            },
            ctx, SampleGuard{seconds, i});
        done(i, ctx, out);
        if (!ctx.err && isBox(memo)) {
          ctxContinue(&ctx);
          elems(box(&ctx, memo))[0] = abi::encodeInt(1); // replay
          av in = input(&ctx, i + 1, memo);
          av diff = ctx.err ? kErr
                            : guardedCall(fn, &ctx, in,
                                          SampleGuard{seconds, i + 1});
          if (ctx.err != ERR_CAPACITY) {
            done(i + 1, ctx, diff);
            full.release(ctx);
            return;
          }
        }
        full.release(ctx);
        runSampleUnit(
            fn, i + 1, small, full, workLimit,
            [&](ArcCtx *c) { return input(c, i + 1, kErr); }, done, seconds);
      });
}

/// The lists' members ("o":[...],"s":[...]) appended to `out`; false
/// when `result` does not have the layout's shape.
static bool appendBattLists(ArcCtx *c, av result, const BattLayout &layout,
                            std::string &out) {
  if (c->err || (int64_t)layout.slots > arcdsl_rt_len(c, result))
    return false;
  for (size_t l = 0; l < layout.returns.size(); ++l) {
    if (l)
      out += ',';
    appendJsonString(out, layout.returns[l]);
    out += ":[";
    for (size_t k = 0; k < layout.byList[l].size(); ++k) {
      const BattLayout::Record &rec = layout.records[layout.byList[l][k]];
      if (k)
        out += ',';
      if (rec.isTuple)
        out += '[';
      for (size_t p = 0; p < rec.slot.size(); ++p) {
        if (p)
          out += ',';
        if (rec.slot[p] >= 0)
          appendValueJson(c, out, arcdsl_rt_at(c, result, rec.slot[p]));
        else
          out += rec.text[p];
      }
      if (rec.isTuple)
        out += ']';
    }
    out += ']';
  }
  return true;
}

std::string runtime::battSampleName(const Task &task, size_t k) {
  return k < task.numTrain ? "train/" + std::to_string(k)
                           : "test/" + std::to_string(k - task.numTrain);
}

std::vector<BattRun> runtime::battRuns(const std::vector<const Task *> &tasks,
                                       const std::vector<BattMode> &modes) {
  std::vector<BattRun> runs;
  for (const Task *t : tasks)
    for (size_t k = 0; k < t->pairs.size(); ++k)
      for (BattMode m : modes)
        runs.push_back({t, k, m});
  return runs;
}

std::string runtime::battLine(ArcCtx *c, av out, const BattRun &run,
                              const BattLayout &layout, uint32_t &status) {
  std::string line;
  battLineInto(line, c, out, run, layout, status);
  return line;
}

void runtime::battLineInto(std::string &line, ArcCtx *c, av out,
                           const BattRun &run, const BattLayout &layout,
                           uint32_t &status) {
  line = "{\"task\":";
  appendJsonString(line, run.task->id);
  line += ",\"sample\":";
  appendJsonString(line, battSampleName(*run.task, run.sample));
  line += ",\"mode\":";
  appendJsonString(line, battModeName(run.mode));
  size_t head = line.size();
  if (!layout.returns.empty())
    line += ',';
  bool shaped = appendBattLists(c, out, layout, line);
  status = c->err;
  if (c->err || !shaped) {
    line.resize(head);
    line += ",\"error\":";
    appendJsonString(line, c->err ? errorName(c->err) : "BadResult");
    if (!c->err)
      status = ERR_TYPE;
    if (const BattLayout::Line *where = battErrorLine(c, out, layout)) {
      line += ",\"line\":";
      appendJsonString(line, where->name);
      line += ",\"at\":";
      appendJsonString(line, where->at);
    }
  }
  line += '}';
}

std::string runtime::battErrorSummary(const std::vector<uint32_t> &status) {
  std::map<std::string, size_t> errors;
  for (uint32_t st : status)
    if (st)
      ++errors[errorName(st)];
  std::string s;
  for (auto &[name, n] : errors)
    s += ", " + std::to_string(n) + " " + name;
  return s;
}
