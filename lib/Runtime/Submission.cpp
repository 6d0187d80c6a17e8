//===- Submission.cpp - Kaggle submissions from solver outputs ------------===//
#include "ArcDsl/Runtime/Submission.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

using namespace arcdsl;
using namespace arcdsl::runtime;

bool runtime::isNamedFor(const std::string &solver, const std::string &task) {
  std::string head = "solve_" + task;
  return solver.compare(0, head.size(), head) == 0 &&
         (solver.size() == head.size() ||
          (solver[head.size()] == '_' && solver.size() > head.size() + 1));
}

std::string runtime::taskOfSolver(const std::string &solver,
                                  const std::vector<std::string> &known) {
  if (solver.compare(0, 6, "solve_") != 0 || solver.size() == 6)
    return "";
  std::string rest = solver.substr(6);
  if (std::binary_search(known.begin(), known.end(), rest))
    return rest;
  for (size_t at = rest.rfind('_'); at != std::string::npos && at > 0;
       at = rest.rfind('_', at - 1)) {
    std::string t = rest.substr(0, at);
    if (std::binary_search(known.begin(), known.end(), t))
      return t;
    if (at == 0)
      break;
  }
  return rest;
}

std::map<std::string, std::vector<Candidate>> runtime::candidatesOf(
    const std::map<std::string, Task> &tasks, const std::vector<Job> &jobs,
    const std::map<std::string, std::vector<SampleOutput>> &outputs,
    bool cross) {
  // ran[task][job]: the job's outputs on the task's pairs.
  std::map<const Task *, std::map<size_t, std::vector<const SampleOutput *>>>
      ran;
  for (size_t j = 0; j < jobs.size(); ++j) {
    auto outs = outputs.find(jobs[j].solver);
    if (outs == outputs.end())
      continue;
    for (size_t i = 0; i < jobs[j].samples.size() && i < outs->second.size();
         ++i) {
      auto [task, k] = jobs[j].samples[i];
      auto &row = ran[task][j];
      row.resize(task->pairs.size(), nullptr);
      row[k] = &outs->second[i];
    }
  }
  std::map<std::string, std::vector<Candidate>> result;
  for (const auto &[id, task] : tasks) {
    std::vector<Candidate> &list = result[id];
    auto runs = ran.find(&task);
    for (int pass = 0; pass < (cross ? 2 : 1); ++pass)
      for (size_t j = 0; j < jobs.size(); ++j) {
        bool named = isNamedFor(jobs[j].solver, id);
        if (named != (pass == 0))
          continue;
        Candidate c{jobs[j].solver, named, {}};
        if (runs != ran.end() && runs->second.count(j))
          c.outputs = runs->second.at(j);
        if (named || !c.outputs.empty())
          list.push_back(std::move(c));
      }
  }
  return result;
}

std::string runtime::gridJson(const std::string &valueJson) {
  Json v;
  std::string err;
  if (valueJson.empty() || !parseJson(valueJson, v, err))
    return "";
  if (v.kind != Json::Array || v.arr.empty() || v.arr.size() > 30)
    return "";
  size_t w = 0;
  for (const Json &row : v.arr) {
    if (row.kind != Json::Array || row.arr.empty() || row.arr.size() > 30 ||
        (w && row.arr.size() != w))
      return "";
    w = row.arr.size();
    for (const Json &c : row.arr)
      if (c.kind != Json::Number || !c.isInt || c.i < 0 || c.i > 9)
        return "";
  }
  std::string s = "[";
  for (size_t r = 0; r < v.arr.size(); ++r) {
    s += r ? ",[" : "[";
    for (size_t c = 0; c < w; ++c)
      s += (c ? "," : "") + std::to_string(v.arr[r].arr[c].i);
    s += "]";
  }
  return s + "]";
}

static const SampleOutput *outputOn(const Candidate &c, size_t k) {
  return k < c.outputs.size() ? c.outputs[k] : nullptr;
}

bool runtime::fits(const Task &task, const Candidate &candidate) {
  for (size_t k = 0; k < task.numTrain; ++k) {
    const SampleOutput *o = outputOn(candidate, k);
    if (!o || o->status || !task.pairs[k].hasOutput || !o->matches)
      return false;
  }
  return true;
}

std::vector<Attempts>
runtime::chooseAttempts(const Task &task,
                        const std::vector<Candidate> &candidates) {
  std::vector<bool> fit;
  for (const Candidate &c : candidates)
    fit.push_back(fits(task, c));
  std::vector<Attempts> out;
  for (size_t k = task.numTrain; k < task.pairs.size(); ++k) {
    std::vector<std::string> grids;
    auto add = [&](const std::string &g) {
      if (!g.empty() && std::find(grids.begin(), grids.end(), g) == grids.end())
        grids.push_back(g);
    };
    auto fromCandidates = [&](bool fitting) {
      for (size_t c = 0; c < candidates.size(); ++c) {
        if (fit[c] != fitting || (!fitting && !candidates[c].named))
          continue;
        const SampleOutput *o = outputOn(candidates[c], k);
        if (o && !o->status)
          add(gridJson(o->value));
      }
    };
    fromCandidates(true);
    if (grids.size() < 2)
      fromCandidates(false);
    add(gridJson(jsonToString(task.pairs[k].input)));
    Attempts a;
    a.first = grids.empty() ? "[[0]]" : grids[0];
    a.second = grids.size() > 1 ? grids[1] : a.first;
    out.push_back(std::move(a));
  }
  return out;
}

std::string runtime::submissionJson(
    const std::map<std::string, std::vector<Attempts>> &tasks) {
  std::string s = "{";
  bool firstTask = true;
  for (const auto &[id, attempts] : tasks) {
    if (!firstTask)
      s += ",";
    firstTask = false;
    appendJsonString(s, id);
    s += ":[";
    for (size_t k = 0; k < attempts.size(); ++k)
      s += std::string(k ? "," : "") + "{\"attempt_1\":" +
           attempts[k].first + ",\"attempt_2\":" + attempts[k].second + "}";
    s += "]";
  }
  return s + "}\n";
}

bool runtime::writeFileAtomically(const std::string &path,
                                  const std::string &text,
                                  std::string &error) {
  std::string tmp = path + ".tmp." + std::to_string(getpid());
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0)
    return error = "cannot write " + tmp + ": " + strerror(errno), false;
  size_t off = 0;
  while (off < text.size()) {
    ssize_t n = ::write(fd, text.data() + off, text.size() - off);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0) {
      error = "cannot write " + tmp + ": " + strerror(errno);
      ::close(fd);
      ::unlink(tmp.c_str());
      return false;
    }
    off += (size_t)n;
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    error = "cannot write " + tmp + ": " + strerror(errno);
    ::unlink(tmp.c_str());
    return false;
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    error = "cannot rename " + tmp + " to " + path + ": " + strerror(errno);
    ::unlink(tmp.c_str());
    return false;
  }
  return true;
}
