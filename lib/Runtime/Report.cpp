//===- Report.cpp - showing tasks, outputs and diffs ----------------------===//
#include "ArcDsl/Runtime/Report.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <unistd.h>

using namespace arcdsl;
using namespace arcdsl::runtime;

namespace {

/// ARC's ten colours (the palette of the ARC testing interface).
const unsigned char kRgb[10][3] = {
    {0x00, 0x00, 0x00}, {0x00, 0x74, 0xD9}, {0xFF, 0x41, 0x36},
    {0x2E, 0xCC, 0x40}, {0xFF, 0xDC, 0x00}, {0xAA, 0xAA, 0xAA},
    {0xF0, 0x12, 0xBE}, {0xFF, 0x85, 0x1B}, {0x7F, 0xDB, 0xFF},
    {0x87, 0x0C, 0x25}};
/// The nearest of xterm's 256 colours.
const int kXterm[10] = {16, 32, 203, 41, 220, 248, 199, 208, 117, 88};

using Grid = std::vector<std::vector<int>>;

/// The grid a value's JSON holds, or false.
bool toGrid(const std::string &json, Grid &g) {
  std::string norm = gridJson(json);
  if (norm.empty())
    return false;
  Json v;
  std::string err;
  parseJson(norm, v, err);
  g.clear();
  for (const Json &row : v.arr) {
    g.emplace_back();
    for (const Json &c : row.arr)
      g.back().push_back((int)c.i);
  }
  return true;
}

/// Visible width of a UTF-8 string without escape sequences.
size_t visibleWidth(const std::string &s) {
  size_t w = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\033') {
      while (i < s.size() && s[i] != 'm')
        ++i;
      continue;
    }
    if (((unsigned char)s[i] & 0xC0) != 0x80)
      ++w;
  }
  return w;
}

std::vector<std::string> gridLines(const std::string &json, ColorMode mode) {
  Grid g;
  std::vector<std::string> lines;
  if (!toGrid(json, g)) {
    const std::string &s = json;
    for (size_t at = 0; at < s.size(); at += 60)
      lines.push_back(s.substr(at, 60));
    return lines;
  }
  for (const auto &row : g) {
    std::string line;
    for (int c : row) {
      if (mode == ColorMode::Plain) {
        line += std::to_string(c);
        line += ' ';
        continue;
      }
      if (mode == ColorMode::TrueColor)
        line += "\033[48;2;" + std::to_string(kRgb[c][0]) + ";" +
                std::to_string(kRgb[c][1]) + ";" +
                std::to_string(kRgb[c][2]) + "m  ";
      else
        line += "\033[48;5;" + std::to_string(kXterm[c]) + "m  ";
    }
    if (mode != ColorMode::Plain)
      line += "\033[0m";
    else
      line.pop_back();
    lines.push_back(line);
  }
  return lines;
}

void htmlEscape(std::string &out, const std::string &s) {
  for (char c : s) {
    switch (c) {
    case '<': out += "&lt;"; break;
    case '>': out += "&gt;"; break;
    case '&': out += "&amp;"; break;
    case '"': out += "&quot;"; break;
    default: out += c;
    }
  }
}

/// A grid as a table of coloured cells; cells that differ from `expected`
/// (same shape) get class "x".
void htmlGrid(std::string &out, const std::string &caption,
              const std::string &json, const std::string *expected = nullptr,
              bool wrong = false) {
  Grid g, want;
  bool isGrid = toGrid(json, g);
  bool compare = isGrid && expected && toGrid(*expected, want);
  bool sameShape = compare && want.size() == g.size() &&
                   want[0].size() == g[0].size();
  out += std::string("<figure class=\"grid") + (wrong ? " wrong" : "") +
         "\"><figcaption>";
  htmlEscape(out, caption);
  if (isGrid)
    out += " <span class=\"dim\">" + std::to_string(g.size()) + "&times;" +
           std::to_string(g[0].size()) + "</span>";
  out += "</figcaption>";
  if (!isGrid) {
    out += "<pre class=\"value\">";
    htmlEscape(out, json.size() > 2000 ? json.substr(0, 2000) + "..." : json);
    out += "</pre></figure>";
    return;
  }
  out += "<table>";
  for (size_t r = 0; r < g.size(); ++r) {
    out += "<tr>";
    for (size_t c = 0; c < g[r].size(); ++c) {
      bool diff = sameShape && want[r][c] != g[r][c];
      out += "<td class=\"c" + std::to_string(g[r][c]) + (diff ? " x" : "") +
             "\"></td>";
    }
    out += "</tr>";
  }
  out += "</table>";
  if (compare && !sameShape)
    out += "<p class=\"shape\">shape differs: expected " +
           std::to_string(want.size()) + "&times;" +
           std::to_string(want[0].size()) + "</p>";
  else if (sameShape && wrong) {
    size_t n = 0;
    for (size_t r = 0; r < g.size(); ++r)
      for (size_t c = 0; c < g[r].size(); ++c)
        n += want[r][c] != g[r][c];
    out += "<p class=\"shape\">" + std::to_string(n) + " cell" +
           (n == 1 ? " differs" : "s differ") + "</p>";
  }
  out += "</figure>";
}

const char *kCss = R"(
body{font:14px/1.4 system-ui,sans-serif;margin:16px;background:#f4f4f6;color:#222}
h1{font-size:20px;margin:0 0 4px}
.summary{margin:0 0 12px;color:#444}
nav{margin:0 0 12px;line-height:1.9}
nav a{display:inline-block;padding:0 6px;margin:0 2px;border-radius:3px;text-decoration:none;color:#fff;font:12px monospace}
section.task{background:#fff;border:1px solid #ccc;border-radius:6px;margin:0 0 14px;padding:8px 12px}
section.task h2{font:600 16px monospace;margin:0 0 6px}
.status{font:600 12px system-ui;padding:1px 7px;border-radius:9px;color:#fff;margin-left:6px}
.pass{background:#2e9d48}.fail{background:#d9362b}.error{background:#8a1c7c}
.predicted{background:#2f6fd6}.unsupported{background:#777}.nosolver{background:#999}
.row{display:flex;flex-wrap:wrap;align-items:flex-start;gap:12px;margin:4px 0 8px}
.pair{display:flex;gap:6px;align-items:center;border:1px solid #e2e2e2;border-radius:4px;padding:4px}
.pair .arrow{color:#888;font-size:18px}
h3{font:600 13px system-ui;margin:8px 0 2px;color:#555}
figure{margin:0}figcaption{font:11px monospace;color:#555;margin-bottom:2px}
.dim{color:#999}
table{border-collapse:collapse;border:1px solid #555}
td{width:14px;height:14px;padding:0;border:1px solid #3a3a3a}
td.x{box-shadow:inset 0 0 0 2px #fff,inset 0 0 0 4px #000}
figure.wrong table{border:2px solid #d9362b}
.shape{font:11px monospace;color:#d9362b;margin:2px 0}
.errmsg{font:12px monospace;color:#8a1c7c;background:#f8eef6;border-left:3px solid #8a1c7c;padding:3px 6px;margin:4px 0}
.detail{font:12px monospace;color:#555;margin:0 0 4px}
pre.value{font:11px monospace;max-width:420px;white-space:pre-wrap;word-break:break-all;margin:0;background:#f6f6f6;padding:4px}
.c0{background:#000}.c1{background:#0074d9}.c2{background:#ff4136}.c3{background:#2ecc40}.c4{background:#ffdc00}
.c5{background:#aaa}.c6{background:#f012be}.c7{background:#ff851b}.c8{background:#7fdbff}.c9{background:#870c25}
)";

std::string taskStatus(const ReportTask &t) {
  if (!t.task)
    return "error";
  if (t.runs.empty())
    return "nosolver";
  std::string best = t.runs[0].verdict.status;
  for (const auto &r : t.runs)
    if (r.verdict.status == "pass" ||
        (r.verdict.status == "predicted" && best != "pass"))
      best = r.verdict.status;
  return best;
}

} // namespace

bool runtime::colorModeFor(const std::string &option, int fd,
                           ColorMode &mode) {
  bool on;
  if (option == "always")
    on = true;
  else if (option == "never")
    on = false;
  else if (option == "auto") {
    const char *noColor = getenv("NO_COLOR");
    on = isatty(fd) && !(noColor && *noColor);
  } else
    return false;
  const char *ct = getenv("COLORTERM");
  bool truecolor = ct && (!strcmp(ct, "truecolor") || !strcmp(ct, "24bit"));
  mode = !on ? ColorMode::Plain
             : truecolor ? ColorMode::TrueColor : ColorMode::Ansi256;
  return true;
}

std::string runtime::renderGridsText(
    const std::vector<std::pair<std::string, std::string>> &captioned,
    ColorMode mode) {
  std::vector<std::vector<std::string>> blocks;
  std::vector<size_t> widths;
  size_t height = 0;
  for (const auto &[caption, json] : captioned) {
    std::vector<std::string> b = gridLines(json, mode);
    b.insert(b.begin(), caption);
    size_t w = 0;
    for (const std::string &l : b)
      w = std::max(w, visibleWidth(l));
    widths.push_back(w);
    height = std::max(height, b.size());
    blocks.push_back(std::move(b));
  }
  std::string out;
  for (size_t r = 0; r < height; ++r) {
    std::string line = "    ";
    for (size_t b = 0; b < blocks.size(); ++b) {
      std::string cell = r < blocks[b].size() ? blocks[b][r] : "";
      line += cell;
      if (b + 1 < blocks.size())
        line += std::string(widths[b] - visibleWidth(cell) + 3, ' ');
    }
    while (!line.empty() && line.back() == ' ')
      line.pop_back();
    out += line + "\n";
  }
  return out;
}

std::string runtime::showRun(const Task &task,
                             const std::vector<SampleOutput> &outs,
                             ColorMode mode) {
  std::string out;
  const size_t kMaxShown = 3;
  size_t shown = 0;
  for (size_t k = 0; k < task.pairs.size() && k < outs.size(); ++k) {
    const TaskPair &p = task.pairs[k];
    const SampleOutput &o = outs[k];
    bool wrong = p.hasOutput && !o.status && !o.matches;
    if (!o.status && !wrong && p.hasOutput)
      continue;
    if (++shown > kMaxShown)
      continue;
    std::string which =
        k < task.numTrain ? "train " + std::to_string(k)
                          : "test " + std::to_string(k - task.numTrain);
    std::vector<std::pair<std::string, std::string>> grids = {
        {which + " input", jsonToString(p.input)}};
    if (p.hasOutput)
      grids.push_back({"expected", jsonToString(p.output)});
    if (o.status)
      grids.push_back({std::string("raised ") + errorName(o.status), ""});
    else
      grids.push_back({p.hasOutput ? "output (wrong)"
                                   : "output (predicted, not checked)",
                       o.value});
    out += renderGridsText(grids, mode);
  }
  if (shown > kMaxShown)
    out += "    (" + std::to_string(shown - kMaxShown) + " more input" +
           (shown - kMaxShown == 1 ? "" : "s") + " not shown)\n";
  return out;
}

std::string runtime::renderHtmlReport(const std::string &title,
                                      const std::string &summary,
                                      const std::vector<ReportTask> &tasks) {
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta "
                    "charset=\"utf-8\"><title>";
  htmlEscape(out, title);
  out += "</title><style>";
  out += kCss;
  out += "</style></head><body>\n<h1>";
  htmlEscape(out, title);
  out += "</h1><p class=\"summary\">";
  htmlEscape(out, summary);
  out += "</p>\n<nav>";
  for (const ReportTask &t : tasks) {
    out += "<a class=\"" + taskStatus(t) + "\" href=\"#task-";
    htmlEscape(out, t.id);
    out += "\">";
    htmlEscape(out, t.id);
    out += "</a>";
  }
  out += "</nav>\n";
  for (const ReportTask &t : tasks) {
    std::string st = taskStatus(t);
    out += "<section class=\"task\" id=\"task-";
    htmlEscape(out, t.id);
    out += "\" data-status=\"" + st + "\"><h2>";
    htmlEscape(out, t.id);
    out += "<span class=\"status " + st + "\">" +
           (st == "nosolver" ? std::string("no solver") : st) + "</span></h2>";
    if (!t.task) {
      out += "<p class=\"errmsg\">";
      htmlEscape(out, t.error);
      out += "</p></section>\n";
      continue;
    }
    const Task &task = *t.task;
    out += "<h3>train</h3><div class=\"row\">";
    for (size_t k = 0; k < task.numTrain; ++k) {
      out += "<div class=\"pair\">";
      htmlGrid(out, "input " + std::to_string(k), jsonToString(task.pairs[k].input));
      out += "<span class=\"arrow\">&rarr;</span>";
      htmlGrid(out, "output", task.pairs[k].hasOutput
                                  ? jsonToString(task.pairs[k].output)
                                  : "");
      out += "</div>";
    }
    out += "</div>";
    for (size_t k = task.numTrain; k < task.pairs.size(); ++k) {
      size_t n = k - task.numTrain;
      const TaskPair &p = task.pairs[k];
      std::string expected = p.hasOutput ? jsonToString(p.output) : "";
      out += "<h3>test " + std::to_string(n) + "</h3><div class=\"row\">";
      htmlGrid(out, "input", jsonToString(p.input));
      if (p.hasOutput)
        htmlGrid(out, "expected", expected);
      if (n < t.attempts.size()) {
        for (int a = 0; a < 2; ++a) {
          const std::string &g =
              a ? t.attempts[n].second : t.attempts[n].first;
          bool wrong = p.hasOutput && gridJson(expected) != g;
          htmlGrid(out,
                   "attempt " + std::to_string(a + 1) +
                       (p.hasOutput ? (wrong ? " (wrong)" : " (right)")
                                    : " (not checked)"),
                   g, p.hasOutput ? &expected : nullptr, wrong);
        }
      }
      out += "</div>";
    }
    for (const ReportTask::Run &r : t.runs) {
      out += "<h3>";
      htmlEscape(out, r.solver);
      out += " <span class=\"status " + r.verdict.status + "\">" +
             r.verdict.status + "</span>" +
             (r.fits ? " fits the train pairs" : "") + "</h3><p class=\"detail\">";
      htmlEscape(out, r.verdict.detail);
      out += "</p>";
      if (r.outputs.empty() && r.verdict.status != "pass") {
        out += "<p class=\"errmsg\">";
        htmlEscape(out, r.solver + ": " + r.verdict.status + ": " +
                            r.verdict.detail);
        out += "</p>";
      }
      std::string row;
      for (size_t k = 0; k < r.outputs.size() && k < task.pairs.size(); ++k) {
        const SampleOutput *o = r.outputs[k];
        if (!o)
          continue;
        const TaskPair &p = task.pairs[k];
        std::string which = k < task.numTrain
                                ? "train " + std::to_string(k)
                                : "test " + std::to_string(k - task.numTrain);
        if (o->status) {
          out += "<p class=\"errmsg\">";
          htmlEscape(out, r.solver + " on " + which + ": raised " +
                              errorName(o->status));
          out += "</p>";
          continue;
        }
        if (p.hasOutput && !o->matches) {
          std::string want = jsonToString(p.output);
          htmlGrid(row, "output on " + which + " (wrong)", o->value, &want,
                   true);
        } else if (!p.hasOutput && k >= task.numTrain) {
          htmlGrid(row, "output on " + which + " (not checked)", o->value);
        }
      }
      if (!row.empty())
        out += "<div class=\"row\">" + row + "</div>";
    }
    out += "</section>\n";
  }
  out += "</body></html>\n";
  return out;
}
