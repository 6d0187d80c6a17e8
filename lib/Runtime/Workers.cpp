//===- Workers.cpp - units of samples run in worker processes -------------===//
//
// See Workers.h. The parent hands a worker a unit as "<u>\n" on the
// worker's command pipe once the worker is idle. The worker answers on its
// result pipe with "J <u>\n", then one record per sample as it finishes:
// "<status> <flags> <work> <nanoseconds> <length>\n<value>". The parent
// parses as the bytes arrive: outcomes are moved out and the consumed
// prefix dropped, so a unit whose outputs are hundreds of MB is never held,
// grown and copied whole.
//===----------------------------------------------------------------------===//

#include "ArcDsl/Runtime/Workers.h"

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace arcdsl;
using namespace arcdsl::runtime;

namespace {

/// Write all of `msg` to `fd`; false when the other end is gone.
bool writeAll(int fd, const std::string &msg) {
  size_t off = 0;
  while (off < msg.size()) {
    ssize_t n = write(fd, msg.data() + off, msg.size() - off);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      return false;
    off += (size_t)n;
  }
  return true;
}

/// A worker's life: units from `cmd` until it closes, outcomes to `res`.
[[noreturn]] void workerMain(const WorkerUnits &units, int cmd, int res) {
  if (units.workerStart)
    units.workerStart();
  std::string in;
  char buf[256];
  for (;;) {
    size_t nl;
    while ((nl = in.find('\n')) == std::string::npos) {
      ssize_t n = read(cmd, buf, sizeof buf);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        _exit(0); // no more units
      in.append(buf, (size_t)n);
    }
    size_t u = std::strtoull(in.c_str(), nullptr, 10);
    in.erase(0, nl + 1);
    alarm(units.alarmSeconds(u));
    std::string msg = "J " + std::to_string(u) + "\n";
    units.run(u, [&](SampleOutput &&o) {
      msg += std::to_string(o.status) + " " +
             std::to_string((o.matches ? 1 : 0) | (o.addressOrder ? 2 : 0)) +
             " " + std::to_string(o.work) + " " +
             std::to_string((uint64_t)(o.seconds * 1e9)) + " " +
             std::to_string(o.value.size()) + "\n";
      msg += o.value;
      if (msg.size() >= (1u << 20)) {
        if (!writeAll(res, msg))
          _exit(3);
        msg.clear();
      }
    });
    if (!writeAll(res, msg)) // each unit sent when it ends
      _exit(3);
    alarm(0);
  }
}

struct Worker {
  pid_t pid = 0;
  int cmd = -1, res = -1; ///< the parent's ends (cmd -1 once closed)
  long unit = -1; ///< the unit it runs, or -1
  bool header = false; ///< its "J <u>" line has come
  std::string data;
  std::vector<SampleOutput> outs;
};

/// Why a unit failed whose worker ended without a signal, or was gone.
constexpr const char *kNoResult = "no result from the task process";

/// Why a worker that ended with `status` left its unit unfinished.
std::string whyStopped(int status) {
  if (WIFSIGNALED(status)) {
    int sig = WTERMSIG(status);
    return sig == SIGALRM ? "timed out"
                          : std::string("crashed (") + strsignal(sig) + ")";
  }
  return kNoResult;
}

class Pool {
public:
  Pool(const WorkerUnits &units) : units(units) {}

  void run(unsigned processes) {
    for (unsigned k = 0; k < std::max(1u, processes) && more(); ++k)
      if (!spawn())
        break;
    for (size_t k = 0; k < workers.size(); ++k)
      handOut(workers[k]);
    while (!workers.empty())
      step();
    runHere(); // no process to spare: the units left, unprotected
  }

private:
  const WorkerUnits &units;
  std::vector<Worker> workers;
  size_t next = 0;
  bool broken = false; ///< poll failed: no new workers

  bool more() const { return next < units.units; }

  /// The next unit wanted, or false when none is left.
  bool take(size_t &u) {
    while (more()) {
      u = next++;
      if (!units.wanted || units.wanted(u))
        return true;
      units.done(u, {}, "skipped");
    }
    return false;
  }

  bool spawn() {
    int cmd[2], res[2];
    if (pipe(cmd) != 0)
      return false;
    if (pipe(res) != 0) {
      close(cmd[0]);
      close(cmd[1]);
      return false;
    }
    pid_t pid = fork();
    if (pid < 0) {
      for (int fd : {cmd[0], cmd[1], res[0], res[1]})
        close(fd);
      return false;
    }
    if (pid == 0) {
      // The other workers' pipes: held open here, their workers would
      // never see the end of their commands.
      for (Worker &w : workers) {
        if (w.cmd >= 0)
          close(w.cmd);
        close(w.res);
      }
      close(cmd[1]);
      close(res[0]);
      signal(SIGPIPE, SIG_DFL);
      workerMain(units, cmd[0], res[1]);
    }
    close(cmd[0]);
    close(res[1]);
    Worker w;
    w.pid = pid;
    w.cmd = cmd[1];
    w.res = res[0];
    workers.push_back(std::move(w));
    return true;
  }

  /// Give an idle worker the next unit, or close its commands (it ends).
  void handOut(Worker &w) {
    size_t u;
    while (w.cmd >= 0 && take(u)) {
      if (writeAll(w.cmd, std::to_string(u) + "\n")) {
        w.unit = (long)u;
        w.header = false;
        w.outs.clear();
        return;
      }
      // It is gone (its end comes through `res`), and the unit with it:
      // a unit fails once, never loops from worker to worker.
      units.done(u, {}, kNoResult);
      close(w.cmd);
      w.cmd = -1;
    }
    if (w.cmd >= 0) {
      close(w.cmd);
      w.cmd = -1;
    }
  }

  /// Take the complete records of w's stream.
  void parse(Worker &w) {
    const std::string &msg = w.data;
    size_t pos = 0;
    for (;;) {
      if (w.unit >= 0 && w.header &&
          w.outs.size() == units.samples((size_t)w.unit)) {
        size_t u = (size_t)w.unit;
        w.unit = -1;
        units.done(u, std::move(w.outs), "");
        w.outs.clear();
        handOut(w);
      }
      size_t e = msg.find('\n', pos);
      if (e == std::string::npos || w.unit < 0)
        break;
      if (!w.header) {
        if (msg.compare(pos, 2, "J ") != 0 ||
            std::strtoull(msg.c_str() + pos + 2, nullptr, 10) !=
                (unsigned long long)w.unit)
          break; // not our stream: the unit fails when the worker ends
        w.header = true;
        pos = e + 1;
        continue;
      }
      // Five numbers on one line (not sscanf: it measures the whole,
      // possibly huge, buffer on every call).
      unsigned long long f[5];
      const char *q = msg.c_str() + pos;
      char *endp = nullptr;
      bool ok = true;
      for (int x = 0; ok && x < 5; ++x) {
        f[x] = std::strtoull(q, &endp, 10);
        ok = endp != q;
        q = endp;
      }
      if (!ok || e + 1 + f[4] > msg.size())
        break;
      SampleOutput o;
      o.status = (uint32_t)f[0];
      o.matches = (f[1] & 1) != 0;
      o.addressOrder = (f[1] & 2) != 0;
      o.work = f[2];
      o.seconds = f[3] * 1e-9;
      o.value.assign(msg, e + 1, (size_t)f[4]);
      w.outs.push_back(std::move(o));
      pos = e + 1 + (size_t)f[4];
    }
    w.data.erase(0, pos);
  }

  /// Wait for output of any worker and take it; a worker whose stream
  /// ended is reaped, its unfinished unit failed and a new worker started.
  void step() {
    std::vector<pollfd> fds;
    for (Worker &w : workers)
      fds.push_back({w.res, POLLIN, 0});
    if (poll(fds.data(), fds.size(), -1) < 0) {
      if (errno == EINTR)
        return;
      broken = true; // cannot wait for them: stop them all
      for (Worker &w : workers)
        kill(w.pid, SIGKILL);
    }
    for (size_t k = fds.size(); k-- > 0;) {
      if (!broken && !(fds[k].revents & (POLLIN | POLLHUP | POLLERR)))
        continue;
      Worker &w = workers[k];
      char buf[1 << 16];
      ssize_t n = broken ? 0 : read(w.res, buf, sizeof buf);
      if (n < 0 && errno == EINTR)
        continue;
      if (n > 0) {
        w.data.append(buf, (size_t)n);
        parse(w);
        continue;
      }
      end(k);
    }
  }

  /// Worker k's stream ended: it exited, or died.
  void end(size_t k) {
    Worker &w = workers[k];
    parse(w);
    close(w.res);
    if (w.cmd >= 0)
      close(w.cmd);
    int status = 0;
    waitpid(w.pid, &status, 0);
    if (w.unit >= 0)
      units.done((size_t)w.unit, std::move(w.outs), whyStopped(status));
    workers.erase(workers.begin() + k);
    if (!broken && more() && spawn())
      handOut(workers.back());
  }

  /// Run the units left in this process.
  void runHere() {
    size_t u;
    while (take(u)) {
      std::vector<SampleOutput> outs;
      units.run(u, [&](SampleOutput &&o) { outs.push_back(std::move(o)); });
      units.done(u, std::move(outs), "");
    }
  }
};

} // namespace

void runtime::runInWorkers(const WorkerUnits &units, unsigned processes) {
  // A worker that died leaves its command pipe without a reader: writing
  // to it must fail, not end this process.
  struct sigaction ignore {}, old {};
  ignore.sa_handler = SIG_IGN;
  sigaction(SIGPIPE, &ignore, &old);
  Pool(units).run(processes);
  sigaction(SIGPIPE, &old, nullptr);
}
