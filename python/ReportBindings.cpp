//===- ReportBindings.cpp - the runtime's report renderers for Python -----===//
//
// `arcdsl.Results.write_html` / `_repr_html_` / `show` draw with the same
// code as arcdsl-run's --html and --show (lib/Runtime/Report.cpp): one
// renderer, two front ends. Grids cross as JSON text.
//===----------------------------------------------------------------------===//

#include "ArcDsl/Runtime/Report.h"
#include "ArcDsl/Runtime/ValueJson.h"

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <deque>

namespace py = pybind11;
using namespace arcdsl;
using namespace arcdsl::runtime;

namespace {

ColorMode colorMode(const std::string &name) {
  if (name == "plain")
    return ColorMode::Plain;
  if (name == "256")
    return ColorMode::Ansi256;
  if (name == "truecolor")
    return ColorMode::TrueColor;
  throw py::value_error("arcdsl: colour mode must be plain, 256 or truecolor, "
                        "not '" + name + "'");
}

using Attempt = std::pair<std::string, std::string>;
/// (solver, status, detail, fits)
using RunRow = std::tuple<std::string, std::string, std::string, bool>;
/// (id, task JSON, attempts per test input, the named solvers' verdicts)
using TaskRow = std::tuple<std::string, std::string, std::vector<Attempt>,
                           std::vector<RunRow>>;

/// The HTML page of arcdsl-run --html for tasks described from Python.
std::string renderHtml(const std::string &title, const std::string &summary,
                       const std::vector<TaskRow> &rows) {
  std::deque<Task> tasks; // stable addresses for ReportTask::task
  std::vector<ReportTask> report;
  for (const auto &[id, text, attempts, runs] : rows) {
    ReportTask r;
    r.id = id;
    Json root;
    std::string error;
    tasks.emplace_back();
    if (!parseJson(text, root, error) ||
        !parseTaskJson(root, id, id, tasks.back(), error)) {
      r.error = error;
    } else {
      r.task = &tasks.back();
      for (const Attempt &a : attempts)
        r.attempts.push_back({gridJson(a.first), gridJson(a.second)});
      for (const auto &[solver, status, detail, fits] : runs)
        r.runs.push_back({solver, {status, detail}, {}, fits});
    }
    report.push_back(std::move(r));
  }
  return renderHtmlReport(title, summary, report);
}

} // namespace

void bindReport(py::module_ &m) {
  m.def(
      "render_grids_text",
      [](const std::vector<std::pair<std::string, std::string>> &captioned,
         const std::string &color) {
        return renderGridsText(captioned, colorMode(color));
      },
      py::arg("captioned"), py::arg("color"),
      "(caption, grid JSON) pairs side by side, in ARC's colours (plain, 256 "
      "or truecolor)");
  m.def("render_html", &renderHtml, py::arg("title"), py::arg("summary"),
        py::arg("tasks"),
        "arcdsl-run's --html page: tasks are (id, task JSON, [(attempt_1, "
        "attempt_2) JSON per test input], [(solver, status, detail, fits)])");
}
