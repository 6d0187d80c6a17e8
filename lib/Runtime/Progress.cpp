//===- Progress.cpp - a progress bar on stderr ----------------------------===//
#include "ArcDsl/Runtime/Progress.h"
#include "ArcDsl/Runtime/TaskSet.h"

#include <cstdio>
#include <cstdlib>
#include <unistd.h>

using namespace arcdsl::runtime;

ProgressBar::ProgressBar(std::string label, std::string unit, size_t total,
                         bool enabled)
    : label(std::move(label)), unit(std::move(unit)), total(total),
      active(enabled && total > 0 && isatty(2)), start(now()) {
  if (active)
    draw(0, true);
}

ProgressBar::~ProgressBar() { finish(); }

void ProgressBar::advance(size_t n) {
  size_t d = count += n;
  if (active)
    draw(d, false);
}

void ProgressBar::set(size_t done) {
  count = done;
  if (active)
    draw(done, false);
}

static std::string duration(double s) {
  char buf[32];
  long t = (long)(s + 0.5);
  if (t >= 3600)
    snprintf(buf, sizeof buf, "%ldh%02ldm", t / 3600, t / 60 % 60);
  else if (t >= 60)
    snprintf(buf, sizeof buf, "%ldm%02lds", t / 60, t % 60);
  else
    snprintf(buf, sizeof buf, "%lds", t);
  return buf;
}

std::string ProgressBar::line(const std::string &label,
                              const std::string &unit, size_t done,
                              size_t total, double seconds, unsigned width) {
  if (done > total)
    done = total;
  unsigned full = total ? (unsigned)(width * done / total) : width;
  std::string bar(full, '#');
  bar += std::string(width - full, '.');
  double rate = seconds > 0 ? done / seconds : 0;
  char buf[160];
  snprintf(buf, sizeof buf, "%s: [%s] %zu/%zu %s, %.1f/s, ETA %s",
           label.c_str(), bar.c_str(), done, total, unit.c_str(), rate,
           rate > 0 ? duration((total - done) / rate).c_str() : "?");
  return buf;
}

void ProgressBar::draw(size_t done, bool force) {
  std::unique_lock<std::mutex> lock(drawing, std::try_to_lock);
  if (!lock.owns_lock() && !force)
    return;
  double t = now();
  if (!force && t - lastDraw < 0.1 && done < total)
    return;
  lastDraw = t;
  std::string s = "\r" + line(label, unit, done, total, t - start) + "\033[K";
  fputs(s.c_str(), stderr);
  fflush(stderr);
}

void ProgressBar::finish() {
  if (!active)
    return;
  std::lock_guard<std::mutex> lock(drawing);
  fputs("\r\033[K", stderr);
  fflush(stderr);
  active = false;
}
