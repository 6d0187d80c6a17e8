//===- Isolation.cpp - one sample's failure stays that sample's -----------===//
//
// Signal recovery, the watchdog and worker threads (Isolation.h).
//===----------------------------------------------------------------------===//
#include "ArcDsl/Runtime/Isolation.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <csetjmp>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <mutex>
#include <pthread.h>
#include <string>
#include <sys/mman.h>
#include <sys/resource.h>
#include <thread>
#include <ucontext.h>
#include <unistd.h>
#include <utility>
#include <vector>

using namespace arcdsl;
using namespace arcdsl::runtime;

namespace {

/// Stack of a worker thread (address space; pages are touched as used), and
/// the room kept below the floor for the frames that fail a nesting check.
constexpr size_t kWorkerStack = 256ull << 20;
constexpr size_t kFloorMargin = 512ull << 10;
constexpr size_t kAltStack = 256ull << 10; // room for chained handlers
const int kFatalSignals[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL};

double steadyNow() {
  return std::chrono::duration<double>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

int timeoutSignal() { return SIGRTMIN + 4; }

/// Per-thread state of guarded calls.
struct ThreadState {
  sigjmp_buf jb;
  volatile sig_atomic_t active = 0;
  std::atomic<double> deadline{0};
  std::atomic<bool> fired{false};
  pthread_t self = pthread_self();
  void *altStack = nullptr;
  bool registered = false;
  ~ThreadState();
};

thread_local ThreadState *tlState = nullptr;

/// The handlers that were there before ours, called for signals that do
/// not come from a guarded call.
struct sigaction oldActions[_NSIG];

//===----------------------------------------------------------------------===//
// The watchdog: one thread per process, started on the first timed call
//===----------------------------------------------------------------------===//

struct Watchdog {
  std::mutex m;
  std::condition_variable cv;
  std::vector<ThreadState *> threads;
  bool started = false;

  void add(ThreadState *t) {
    std::lock_guard<std::mutex> lock(m);
    threads.push_back(t);
    if (!started) {
      started = true;
      std::thread([this] { loop(); }).detach();
    }
  }
  void remove(ThreadState *t) {
    std::lock_guard<std::mutex> lock(m);
    for (size_t i = 0; i < threads.size(); ++i)
      if (threads[i] == t) {
        threads[i] = threads.back();
        threads.pop_back();
        break;
      }
  }
  void loop() {
    std::unique_lock<std::mutex> lock(m);
    for (;;) {
      cv.wait_for(lock, std::chrono::milliseconds(10));
      double t = steadyNow();
      for (ThreadState *s : threads) {
        double d = s->deadline.load(std::memory_order_relaxed);
        if (d > 0 && t > d && !s->fired.exchange(true))
          pthread_kill(s->self, timeoutSignal());
      }
    }
  }
};

Watchdog &watchdog() {
  static Watchdog *w = new Watchdog; // lives as long as its thread
  return *w;
}

ThreadState::~ThreadState() {
  tlState = nullptr; // a signal from here on is not a sample's
  if (registered)
    watchdog().remove(this);
  if (altStack) {
    stack_t off{};
    off.ss_flags = SS_DISABLE;
    sigaltstack(&off, nullptr);
    munmap(altStack, kAltStack);
  }
}

//===----------------------------------------------------------------------===//
// Signals
//===----------------------------------------------------------------------===//

void passOn(int sig, siginfo_t *info, void *uc) {
  const struct sigaction &o = oldActions[sig];
  if ((o.sa_flags & SA_SIGINFO) && o.sa_sigaction) {
    o.sa_sigaction(sig, info, uc);
    return;
  }
  if (!(o.sa_flags & SA_SIGINFO) && o.sa_handler != SIG_DFL &&
      o.sa_handler != SIG_IGN) {
    o.sa_handler(sig);
    return;
  }
  // The default action: a fault re-executes and kills the process; a
  // signal sent by kill() is raised again.
  signal(sig, SIG_DFL);
  if (info->si_code <= 0)
    raise(sig);
}

void onSignal(int sig, siginfo_t *info, void *uc) {
  ThreadState *t = tlState;
  if (t && t->active) {
    t->active = 0;
    siglongjmp(t->jb, sig == timeoutSignal() ? ERR_TIMEOUT : ERR_CRASH);
  }
  if (sig == timeoutSignal()) // late: the sample has finished
    return;
  passOn(sig, info, uc);
}

void installHandlers() {
  static std::once_flag once;
  std::call_once(once, [] {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = onSignal;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigemptyset(&sa.sa_mask);
    for (int sig : kFatalSignals)
      sigaction(sig, &sa, &oldActions[sig]);
    sigaction(timeoutSignal(), &sa, &oldActions[timeoutSignal()]);
  });
}

ThreadState &threadState() {
  if (tlState)
    return *tlState;
  static thread_local ThreadState state;
  tlState = &state;
  // An alternate signal stack, unless the thread has one (Python's
  // faulthandler gives the main thread its own).
  stack_t cur{};
  if (!sigaltstack(nullptr, &cur) && (cur.ss_flags & SS_DISABLE)) {
    void *p = mmap(nullptr, kAltStack, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p != MAP_FAILED) {
      stack_t ss{};
      ss.ss_sp = p;
      ss.ss_size = kAltStack;
      if (!sigaltstack(&ss, nullptr))
        state.altStack = p;
      else
        munmap(p, kAltStack);
    }
  }
  if (!arcdslStackFloor)
    setStackFloorOfThisThread();
  return state;
}

//===----------------------------------------------------------------------===//
// Test-only fault injection
//===----------------------------------------------------------------------===//

enum Fault { NO_FAULT, FAULT_SEGV, FAULT_HANG };

Fault faultFor(size_t index) {
  static const std::vector<std::pair<Fault, size_t>> faults = [] {
    std::vector<std::pair<Fault, size_t>> out;
    const char *spec = getenv("ARCDSL_TEST_FAULT");
    std::string s = spec ? spec : "";
    size_t pos = 0;
    while (pos < s.size()) {
      size_t end = s.find(',', pos);
      std::string item = s.substr(pos, end == std::string::npos
                                           ? std::string::npos
                                           : end - pos);
      size_t at = item.find('@');
      if (at != std::string::npos) {
        std::string kind = item.substr(0, at);
        size_t k = strtoull(item.c_str() + at + 1, nullptr, 10);
        if (kind == "segv")
          out.push_back({FAULT_SEGV, k});
        else if (kind == "hang")
          out.push_back({FAULT_HANG, k});
      }
      if (end == std::string::npos)
        break;
      pos = end + 1;
    }
    return out;
  }();
  for (auto &[f, k] : faults)
    if (k == index)
      return f;
  return NO_FAULT;
}

__attribute__((noinline)) void injectFault(Fault f) {
  if (f == FAULT_SEGV) {
    volatile int *p = nullptr;
    *p = 1;
  }
  if (f == FAULT_HANG)
    for (volatile uint64_t i = 0;; i = i + 1) {
    }
}

struct ThreadStart {
  const std::function<void()> *worker;
};

void *threadMain(void *arg) {
  const std::function<void()> &worker = *((ThreadStart *)arg)->worker;
  threadState();
  worker();
  return nullptr;
}

//===----------------------------------------------------------------------===//
// A worker's stack on the calling thread
//===----------------------------------------------------------------------===//

/// A stack of a worker thread's size (a guard page below it), mapped on a
/// thread's first onBigStack call and kept for its next ones: one sample
/// run on the caller's thread without starting a thread or mapping a stack.
struct BigStack {
  uint8_t *map = nullptr; ///< the guard page, then the stack
  ucontext_t caller, callee;
  const std::function<void()> *worker = nullptr;
  std::exception_ptr error;
  bool running = false;
  ~BigStack() {
    if (map)
      munmap(map, kWorkerStack);
  }
};

thread_local BigStack bigStack;

/// The stack's room kept resident between calls; deeper pages a run
/// touched are given back after it (the pages of a deep nesting are not
/// held until the next run).
constexpr size_t kBigStackKeep = 1ull << 20;

void bigStackMain() {
  BigStack &s = bigStack;
  try {
    (*s.worker)();
  } catch (...) {
    s.error = std::current_exception();
  }
} // returns to s.caller through uc_link

} // namespace

bool runtime::onBigStack(const std::function<void()> &worker) {
  BigStack &s = bigStack;
  if (s.running) { // already on it (a nested call)
    worker();
    return true;
  }
  if (!s.map) {
    void *p =
        mmap(nullptr, kWorkerStack, PROT_READ | PROT_WRITE,
             MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK, -1, 0);
    if (p == MAP_FAILED)
      return false;
    long page = sysconf(_SC_PAGESIZE);
    if (mprotect(p, (size_t)page, PROT_NONE)) {
      munmap(p, kWorkerStack);
      return false;
    }
    s.map = (uint8_t *)p;
  }
  if (getcontext(&s.callee))
    return false;
  s.callee.uc_stack.ss_sp = s.map;
  s.callee.uc_stack.ss_size = kWorkerStack;
  s.callee.uc_link = &s.caller;
  makecontext(&s.callee, bigStackMain, 0);
  s.worker = &worker;
  s.error = nullptr;
  s.running = true;
  // Nesting checks measure against this stack's floor while it runs.
  const char *floor = arcdslStackFloor;
  arcdslStackFloor = (const char *)s.map + kFloorMargin;
  int swapped = swapcontext(&s.caller, &s.callee);
  arcdslStackFloor = floor;
  s.running = false;
  s.worker = nullptr;
  if (swapped)
    return false;
  long page = sysconf(_SC_PAGESIZE);
  madvise(s.map + page, kWorkerStack - kBigStackKeep - page, MADV_DONTNEED);
  if (s.error)
    std::rethrow_exception(std::exchange(s.error, nullptr));
  return true;
}

av runtime::guardedCall(av (*fn)(ArcCtx *, av), ArcCtx *ctx, av in,
                        const SampleGuard &guard) {
  installHandlers();
  ThreadState &t = threadState();
  Fault fault = faultFor(guard.index);
  if (guard.seconds > 0) {
    if (!t.registered) {
      t.registered = true;
      watchdog().add(&t);
    }
    t.fired.store(false);
    t.deadline.store(steadyNow() + guard.seconds);
  }
  av out = kErr;
  // No signal mask saved (that is a system call a sample): the handler's
  // signal, blocked while it ran, is unblocked after the jump instead.
  int code = sigsetjmp(t.jb, 0);
  if (code == 0) {
    t.active = 1;
    if (fault != NO_FAULT)
      injectFault(fault);
    out = fn(ctx, in);
    t.active = 0;
  } else {
    sigset_t ours;
    sigemptyset(&ours);
    for (int sig : kFatalSignals)
      sigaddset(&ours, sig);
    sigaddset(&ours, timeoutSignal());
    pthread_sigmask(SIG_UNBLOCK, &ours, nullptr);
    ctx->err = (uint32_t)code;
    out = kErr;
  }
  t.deadline.store(0);
  return out;
}

unsigned runtime::onThreads(unsigned threads,
                            const std::function<void()> &worker) {
  if (threads == 0)
    threads = std::max(1u, std::thread::hardware_concurrency());
  ThreadStart start{&worker};
  std::vector<pthread_t> pool;
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, kWorkerStack);
  for (unsigned t = 0; t < threads; ++t) {
    pthread_t id;
    if (pthread_create(&id, &attr, threadMain, &start))
      break; // the system gives no more: the others share the work
    pool.push_back(id);
  }
  pthread_attr_destroy(&attr);
  if (pool.empty()) {
    threadState();
    worker();
    return 1;
  }
  for (pthread_t id : pool)
    pthread_join(id, nullptr);
  return (unsigned)pool.size();
}

void runtime::setStackFloorOfThisThread() {
  pthread_attr_t attr;
  if (pthread_getattr_np(pthread_self(), &attr))
    return;
  void *addr = nullptr;
  size_t size = 0;
  if (!pthread_attr_getstack(&attr, &addr, &size) && size > 2 * kFloorMargin)
    arcdslStackFloor = (const char *)addr + kFloorMargin;
  pthread_attr_destroy(&attr);
}

static uint64_t processArenaBudget() {
  if (const char *mb = getenv("ARCDSL_MEM_LIMIT_MB")) {
    uint64_t v = strtoull(mb, nullptr, 10);
    if (v)
      return v << 20;
  }
  long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGESIZE);
  uint64_t budget = pages > 0 && page > 0
                        ? (uint64_t)pages * (uint64_t)page / 4 * 3
                        : 16ull << 30;
  // Under an address-space limit (ulimit -v), half of it.
  struct rlimit as;
  if (!getrlimit(RLIMIT_AS, &as) && as.rlim_cur != RLIM_INFINITY)
    budget = std::min<uint64_t>(budget, (uint64_t)as.rlim_cur / 2);
  return budget;
}

uint64_t runtime::arenaShare(uint64_t wanted, unsigned threads) {
  uint64_t share = processArenaBudget() / std::max(1u, threads);
  return std::max<uint64_t>(std::min(wanted, share), 2ull << 20);
}
