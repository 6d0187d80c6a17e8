//===- RuntimeTest.cpp - runtime checks that need no GPU ------------------===//
//
// The parts of the GPU runtime a machine without a GPU can check: kernel
// bundles survive their file format, value images survive pack/unpack for
// every kind of value, an image that is too small is an error (never a cut
// value), and asking for the GPU without a driver is a clear error.
//===----------------------------------------------------------------------===//

#include "ArcDsl/Primitives/Hof.h"
#include "ArcDsl/Primitives/TeamLoops.h"
#include "ArcDsl/Runtime/GpuRuntime.h"
#include "ArcDsl/Runtime/Progress.h"
#include "ArcDsl/Runtime/Submission.h"
#include "ArcDsl/Runtime/TaskSet.h"
#include "ArcDsl/Runtime/ValueJson.h"
#include "ArcDsl/Runtime/Workers.h"
#include "HostPool.h"

#include <csignal>
#include <cstdio>
#include <cstring>
#include <chrono>
#include <thread>

using namespace arcdsl;
using namespace arcdsl::runtime;

static int failures = 0;
#define CHECK(cond, what)                                                      \
  do {                                                                         \
    if (cond)                                                                  \
      printf("ok: %s\n", what);                                                \
    else {                                                                     \
      printf("FAILED: %s (%s:%d)\n", what, __FILE__, __LINE__);                \
      ++failures;                                                              \
    }                                                                          \
  } while (0)

int main() {
  // Bundle file round trip.
  KernelBundle b;
  b.chip = "sm_90";
  b.ptx = ".version 8.0\n.target sm_90\n\"quoted\"\t\\";
  b.libraryPtx = "// library";
  b.kernels = {"solve_a", "solve_b"};
  b.issues.push_back({"solve_c", "unsupported", "primitive 'x'"});
  KernelBundle back;
  std::string err;
  bool parsed = KernelBundle::fromJson(b.toJson(), back, err);
  CHECK(parsed, "bundle JSON parses");
  CHECK(back.chip == b.chip && back.ptx == b.ptx &&
            back.libraryPtx == b.libraryPtx && back.kernels == b.kernels &&
            back.issues.size() == 1 && back.issues[0].detail == "primitive 'x'",
        "bundle round trip keeps every field");
  // Cubins: binary images survive the JSON (base64), and a device takes
  // the SASS of its chip, else of the newest same-major chip below it.
  b.cubins["sm_80"] = std::string("\x7f" "ELF\0\xff\x01", 7);
  b.cubins["sm_90"] = std::string(1000, '\0') + "end";
  CHECK(KernelBundle::fromJson(b.toJson(), back, err) &&
            back.cubins == b.cubins,
        "cubins round trip byte for byte");
  std::string bytes, text;
  bool allLengths = true;
  for (int n = 0; n < 7; ++n) {
    std::string in = std::string("\0\xff\x10" "abc\x80", n);
    allLengths &= base64Decode(base64Encode(in), bytes) && bytes == in;
  }
  CHECK(allLengths && base64Encode("Man") == "TWFu" &&
            base64Encode("Ma") == "TWE=" && base64Encode("M") == "TQ==",
        "base64 of every padding length");
  CHECK(!base64Decode("TWF", bytes) && !base64Decode("TW=u", bytes) &&
            !base64Decode("T!Fu", bytes),
        "bad base64 is refused");
  std::map<std::string, std::string> four = {
      {"sm_75", "a"}, {"sm_80", "b"}, {"sm_89", "c"}, {"sm_90", "d"}};
  CHECK(cubinFor(four, 75) == "sm_75" && cubinFor(four, 80) == "sm_80" &&
            cubinFor(four, 86) == "sm_80" && cubinFor(four, 89) == "sm_89" &&
            cubinFor(four, 90) == "sm_90",
        "each chip gets its own SASS, sm_86 the sm_80 one");
  CHECK(smNumber("sm_90") == 90 && smNumber("sm_100") == 100 &&
            smNumber("sm_9x") == -1 && smNumber("sm_") == -1 &&
            smNumber("gpu") == -1,
        "chip names parse to their SM number, bad ones to -1");
  CHECK(sassChipFor({std::begin(kLibraryChips), std::end(kLibraryChips)}, 86) ==
                "sm_80" &&
            sassChipFor({std::begin(kLibraryChips), std::end(kLibraryChips)},
                        100)
                .empty(),
        "an sm_86 card runs the library's sm_80 SASS, an sm_100 card none");
  CHECK(cubinFor(four, 70).empty() && cubinFor(four, 100).empty() &&
            cubinFor(four, 0).empty() && cubinFor({}, 90).empty(),
        "no SASS for another major version: the PTX is JIT-ed");
  // Team loops (TeamLoops.h): a team of one lane is the plain loop; the
  // lanes of a bigger team (run here one after the other) take disjoint
  // iterations that cover the range, and their partial counts add up.
  {
    bool covered = true, counted = true;
    for (uint8_t lanes : {1, 3, 32}) {
      const int64_t n = 100;
      std::vector<int> hits(n, 0);
      int64_t total = 0;
      for (uint8_t l = 0; l < lanes; ++l) {
        ArcCtx t{};
        t.lane = l, t.lanes = lanes;
        team::forEach(&t, n, [&](int64_t k) { ++hits[k]; });
        total += team::count(&t, n, [](int64_t k) { return k % 7 == 0; });
      }
      for (int h : hits)
        covered &= h == 1;
      counted &= total == 15;
    }
    ArcCtx zero{};
    CHECK(covered && counted && team::lanes(&zero) == 1,
          "team loops cover each iteration once over 1, 3 and 32 lanes");
  }
  // Several GPUs: launches dealt out sample by sample, results put back in
  // input order whatever the parts' sizes.
  {
    std::vector<std::vector<uint8_t>> imgs(7);
    for (size_t i = 0; i < imgs.size(); ++i)
      imgs[i] = {(uint8_t)i};
    std::vector<Launch> ls(3);
    ls[0].solver = "solve_a";
    for (auto &im : imgs)
      ls[0].inputs.push_back(&im);
    ls[1].solver = "solve_b"; // no samples
    ls[2].solver = "solve_c";
    ls[2].inputs = {&imgs[3], &imgs[5]};
    std::vector<std::vector<Launch>> parts;
    splitLaunches(ls, 3, parts);
    bool dealt = parts.size() == 3 && parts[0][0].inputs.size() == 3 &&
                 parts[1][0].inputs.size() == 2 &&
                 parts[2][0].inputs.size() == 2 &&
                 parts[1][0].inputs[1] == &imgs[4] &&
                 parts[2][2].inputs.empty() && parts[1][2].inputs[0] == &imgs[5];
    CHECK(dealt, "samples are dealt out to the devices in turn");
    for (auto &part : parts) // each "device" answers with its input byte
      for (Launch &L : part) {
        L.results.resize(L.inputs.size());
        for (size_t m = 0; m < L.inputs.size(); ++m)
          L.results[m].image = *L.inputs[m];
      }
    mergeLaunches(ls, parts);
    bool ordered = ls[0].results.size() == 7 && ls[1].results.empty() &&
                   ls[2].results.size() == 2 && ls[2].results[1].image[0] == 5;
    for (size_t i = 0; i < 7 && ordered; ++i)
      ordered = ls[0].results[i].image == std::vector<uint8_t>{(uint8_t)i};
    CHECK(ordered, "the devices' results come back in input order");
  }
  // Heavy samples on both: a host thread runs a shared sample only if the
  // GPU has not taken it (taken[id] == 2), and a sample the GPU gave up
  // only if no host thread ran it; each sample runs once here.
  {
    HostArena arena(1 << 20);
    std::vector<std::vector<uint8_t>> imgs(6);
    Launch L;
    L.solver = "solve_echo";
    for (int i = 0; i < 6; ++i) {
      ArcCtx c = arena.fresh(1000);
      imgs[i] = packValue(&c, abi::encodeInt(i));
      L.inputs.push_back(&imgs[i]);
    }
    L.results.resize(6);
    HostLookup echo = [](const std::string &) -> HostCode::Fn {
      return [](ArcCtx *, av in) { return in; };
    };
    uint8_t taken[6] = {0, 2, 0, 0, 2, 0}; // the GPU took samples 1 and 4
    HostPool pool(echo, 2, 1000000, 1 << 20, 10);
    pool.share(taken, 6);
    std::vector<HostPool::Ref> refs;
    for (size_t i = 0; i < 6; ++i)
      refs.push_back({&L, i, i, HostPool::SHARED});
    refs.push_back({&L, 4, 4, HostPool::AFTER}); // the GPU gave 4 up
    refs.push_back({&L, 0, 0, HostPool::AFTER}); // already run here
    bool added = pool.add(refs, err);
    bool done = pool.finish(err);
    bool right = added && done && !pool.ranHere(1) && pool.samples() == 5;
    for (size_t i : {0, 2, 3, 4, 5})
      right &= pool.ranHere(i) && L.results[i].pass == 3 &&
               L.results[i].image == imgs[i];
    right &= L.results[1].pass == 0 && taken[0] == 1 && taken[1] == 2 &&
             taken[4] == 2;
    CHECK(right, "shared heavy samples run once, on whichever took them");
  }
  // Light samples on both: while a stand-in for the GPU's light pass takes
  // samples from the front (reading taken[i], skipping a 1, writing
  // kLightMark), idle host threads steal from the back; afterwards every
  // sample ran on one side or both, the host's steals are exactly its
  // ranHere(), and a light sample the "GPU" gave up is the host's to take
  // again (kLightMark counts as free for a queued shared sample).
  {
    constexpr size_t n = 120;
    HostArena arena(1 << 20);
    std::vector<std::vector<uint8_t>> imgs(n);
    Launch L;
    L.solver = "solve_echo";
    for (size_t i = 0; i < n; ++i) {
      ArcCtx c = arena.fresh(1000);
      imgs[i] = packValue(&c, abi::encodeInt((int64_t)i));
      L.inputs.push_back(&imgs[i]);
    }
    L.results.resize(n);
    HostLookup slowEcho = [](const std::string &) -> HostCode::Fn {
      return [](ArcCtx *, av in) {
        std::this_thread::sleep_for(std::chrono::microseconds(400));
        return in;
      };
    };
    std::vector<uint8_t> taken(n, 0);
    HostPool pool(slowEcho, 2, 1000000, 1 << 20, 10);
    pool.share(taken.data(), n);
    std::vector<HostPool::Ref> light;
    for (size_t i = 0; i < n; ++i)
      light.push_back({&L, i, i, HostPool::SHARED});
    bool stealing = pool.steal(light, err);
    std::vector<bool> gpuRan(n, false);
    // (The stand-in starts once a thread has stolen one, so both sides run
    // some however the threads are scheduled.)
    for (int wait = 0; stealing && pool.stolen() == 0 && wait < 5000; ++wait)
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    for (size_t i = 0; i < n; ++i) {
      if (__atomic_load_n(&taken[i], __ATOMIC_SEQ_CST) == 1)
        continue;
      __atomic_store_n(&taken[i], HostPool::kLightMark, __ATOMIC_SEQ_CST);
      gpuRan[i] = true;
      std::this_thread::sleep_for(std::chrono::microseconds(100));
    }
    pool.stopStealing();
    size_t host = 0, gpu = 0, neither = 0, wrongHere = 0;
    for (size_t i = 0; i < n; ++i) {
      host += pool.ranHere(i);
      gpu += gpuRan[i];
      neither += !pool.ranHere(i) && !gpuRan[i];
    }
    // The "GPU" gives up its first sample it ran alone: a queued shared
    // sample, which a host thread now takes.
    size_t gaveUp = n;
    for (size_t i = 0; i < n && gaveUp == n; ++i)
      if (gpuRan[i] && !pool.ranHere(i))
        gaveUp = i;
    bool added = gaveUp < n &&
                 pool.add({{&L, gaveUp, gaveUp, HostPool::SHARED}}, err);
    bool done = pool.finish(err);
    for (size_t i = 0; i < n; ++i)
      if (pool.ranHere(i))
        wrongHere += L.results[i].pass != 3 || L.results[i].image != imgs[i];
    CHECK(stealing && added && done && neither == 0 && wrongHere == 0 &&
              host > 0 && gpu > 0 && pool.stolen() == host &&
              pool.ranHere(gaveUp) && taken[gaveUp] == 1,
          "light samples: each runs on the GPU or a host thread, the "
          "threads' steals are their ranHere(), a given-up one is theirs");
  }
  CHECK(!KernelBundle::fromJson("{\"chip\": \"sm_90\"}", back, err) &&
            !err.empty(),
        "a non-bundle is rejected with a message");
  // The ABI: recorded, and a bundle of another (or of none) is refused.
  CHECK(b.toJson().find("\"abi\": " + std::to_string(abi::kAbiVersion) +
                        ",") != std::string::npos &&
            back.abi == abi::kAbiVersion,
        "a bundle records the ABI it was made for");
  {
    KernelBundle other = b;
    other.abi = abi::kAbiVersion + 1;
    err.clear();
    bool refused = !KernelBundle::fromJson(other.toJson(), back, err) &&
                   err.find("ABI " + std::to_string(abi::kAbiVersion + 1)) !=
                       std::string::npos;
    std::string none = b.toJson();
    size_t at = none.find("\"abi\": ");
    none.erase(at, none.find(',', at) + 2 - at);
    err.clear();
    bool refusedNone = !KernelBundle::fromJson(none, back, err) &&
                       err.find("older than ABI versions") != std::string::npos;
    CHECK(refused && refusedNone,
          "a bundle of another ABI, or of none, is refused with a message");
  }

  // Value images: every kind of value survives pack/unpack.
  HostArena a(64 << 20), b2(64 << 20);
  const char *values[] = {
      "7", "true", "[1,2]", "[3,[4,5]]", "[[1,2,3],[4,5,6]]",
      "{\"set\":[[0,[0,0]],[2,[1,1]]]}",
      "{\"set\":[{\"set\":[[0,1],[2,3]]},{\"set\":[[5,5]]}]}",
      "[[[1]],[[2,2],[2,2]]]", "[]", "{\"set\":[]}",
  };
  for (const char *text : values) {
    Json j;
    parseJson(text, j, err);
    ArcCtx c = a.fresh(1000000);
    av v = jsonToValue(&c, j);
    std::vector<uint8_t> img = packValue(&c, v);
    ArcCtx d = b2.fresh(1000000);
    av w = unpackValue(&d, img);
    std::string msg = std::string("pack/unpack keeps ") + text;
    CHECK(!d.err && valueToJson(&d, w) == valueToJson(&c, v), msg.c_str());
  }
  {
    Json j;
    parseJson("[[1,2,3],[4,5,6],[7,8,9]]", j, err);
    ArcCtx c = a.fresh(1000000);
    av v = jsonToValue(&c, j);
    uint8_t small[16];
    uint64_t used = arcdsl_rt_pack(&c, v, small, sizeof small);
    CHECK(used == 0 && c.err == ERR_RESULT_IMAGE,
          "a result too big for its image is an error, not a cut value");
  }

  // Arena reclamation in loops: keep() frees what a call allocated except
  // what its result needs, and the result reads the same afterwards.
  for (const char *text : values) {
    Json j;
    parseJson(text, j, err);
    ArcCtx c = a.fresh(1000000);
    av before = jsonToValue(&c, j); // allocated before the mark: shared
    uint64_t mark = arcdsl_rt_mark(&c);
    av garbage = jsonToValue(&c, j);
    av v = jsonToValue(&c, j);
    (void)garbage;
    // A result mixing old and new boxes: (before, v).
    av parts[2] = {before, v};
    av r = isBox(v) ? makeTuple(&c, parts, 2) : v;
    std::string expect = valueToJson(&c, r);
    uint64_t used = c.top - mark;
    av kept = arcdsl_rt_keep(&c, mark, r);
    std::string msg = std::string("keep() keeps ") + text + " and frees";
    CHECK(!c.err && valueToJson(&c, kept) == expect &&
              (!isBox(v) ? c.top == mark : c.top - mark < used),
          msg.c_str());
    uint64_t m2 = arcdsl_rt_mark(&c);
    jsonToValue(&c, j);
    arcdsl_rt_release(&c, m2);
    CHECK(c.top == m2, "release() frees everything since the mark");
  }

  // isCanonical in a full arena (fuzz-prims): it builds a trial tuple to see
  // whether a tuple box has a compact form; with no room for it the answer
  // used to be "should be a PAIR/CELL/GRID" for any tuple. A tuple of two
  // grids (no compact form) is canonical with or without room.
  {
    ArcCtx c = a.fresh(1000000);
    Json j;
    parseJson("[[[1,2],[3,4]],[[5,6],[7,8]]]", j, err);
    av v = jsonToValue(&c, j);
    std::string why;
    CHECK(!c.err && isCanonical(&c, v, &why), "a tuple of grids is canonical");
    c.cap = (c.top + 7) & ~7ull; // no room left
    bool canon = isCanonical(&c, v, &why);
    CHECK(canon && !c.err,
          ("a tuple of grids is canonical in a full arena" +
           (canon ? std::string() : ": " + why))
              .c_str());
  }

  // The submission rule's pieces (docs/submission.md).
  CHECK(isNamedFor("solve_abc", "abc") && isNamedFor("solve_abc_2", "abc") &&
            !isNamedFor("solve_abcd", "abc") &&
            !isNamedFor("solve_abc_", "abc") && !isNamedFor("abc", "abc"),
        "solve_<T> and solve_<T>_<anything> are named for T, nothing else");
  {
    std::vector<std::string> known = {"abc", "abc_d"};
    CHECK(taskOfSolver("solve_abc_d", known) == "abc_d" &&
              taskOfSolver("solve_abc_x", known) == "abc" &&
              taskOfSolver("solve_zzz_1", known) == "zzz_1" &&
              taskOfSolver("other", known).empty(),
          "a solver's task: its whole name, else the longest known prefix");
  }
  CHECK(gridJson("[[1,2],[3,4]]") == "[[1,2],[3,4]]" &&
            gridJson("[[1,2],[3]]").empty() && gridJson("[[10]]").empty() &&
            gridJson("[]").empty() && gridJson("[[]]").empty() &&
            gridJson("7").empty() && gridJson("{\"set\":[1]}").empty(),
        "grids: rectangular, 1-30 x 1-30, cells 0-9");
  {
    // One train pair [[1]] -> [[2]], one test input [[3]]; candidates
    // a (named, fits, gives [[4]]), b (cross, fits, [[4]] again, then
    // [[5]]...), c (named, does not fit, [[6]]), d (cross, does not fit).
    Task t;
    Json one, two, three;
    std::string e;
    parseJson("[[1]]", one, e);
    parseJson("[[2]]", two, e);
    parseJson("[[3]]", three, e);
    t.pairs = {{one, two, true, {}, {}}, {three, {}, false, {}, {}}};
    t.numTrain = 1;
    auto out = [](const char *v, bool matches) {
      SampleOutput o;
      o.value = v;
      o.matches = matches;
      return o;
    };
    SampleOutput fitTrain = out("[[2]]", true), wrongTrain = out("[[9]]", false),
                 four = out("[[4]]", false), five = out("[[5]]", false),
                 six = out("[[6]]", false), seven = out("[[7]]", false);
    SampleOutput raised;
    raised.status = ERR_VALUE;
    Candidate a{"solve_t", true, {&fitTrain, &four}};
    Candidate b{"solve_u", false, {&fitTrain, &four}};
    Candidate b5{"solve_v", false, {&fitTrain, &five}};
    Candidate c{"solve_t_2", true, {&wrongTrain, &six}};
    Candidate d{"solve_w", false, {&wrongTrain, &seven}};
    Candidate r{"solve_t_3", true, {&raised, &raised}};
    auto attempts = [&](std::vector<Candidate> cs) {
      std::vector<Attempts> at = chooseAttempts(t, cs);
      return at.size() == 1 ? at[0].first + " " + at[0].second : "?";
    };
    CHECK(fits(t, a) && !fits(t, c) && !fits(t, r), "fits: every train pair");
    CHECK(attempts({a, c}) == "[[4]] [[6]]",
          "a fitting grid, then a named non-fitting one");
    CHECK(attempts({a, b, b5, c}) == "[[4]] [[5]]",
          "two distinct fitting grids win over the non-fitting");
    CHECK(attempts({a, b, d}) == "[[4]] [[3]]",
          "a non-fitting cross candidate never counts; then the input");
    CHECK(attempts({r}) == "[[3]] [[3]]",
          "only the input: attempt_2 = attempt_1");
    std::map<std::string, std::vector<Attempts>> sub = {
        {"b", {{"[[1]]", "[[2]]"}}}, {"a", {}}};
    CHECK(submissionJson(sub) ==
              "{\"a\":[],\"b\":[{\"attempt_1\":[[1]],\"attempt_2\":[[2]]}]}\n",
          "the file: one compact line, ids sorted");
  }
  CHECK(ProgressBar::line("x", "runs", 5, 10, 2.0, 10) ==
            "x: [#####.....] 5/10 runs, 2.5/s, ETA 2s",
        "the progress bar's text: bar, count, rate, ETA");

  // Worker processes: every unit comes back once, its samples in order;
  // a worker that crashes fails its unit only (it had sent nothing: a
  // unit's samples go when it ends), and a unit not wanted is skipped.
  {
    const size_t n = 9, per = 3;
    std::vector<std::vector<uint64_t>> got(n);
    std::vector<std::string> whys(n);
    std::vector<int> calls(n, 0);
    WorkerUnits units;
    units.units = n;
    units.samples = [&](size_t) { return per; };
    units.run = [&](size_t u, const EmitSample &emit) {
      for (size_t i = 0; i < per; ++i) {
        if (u == 4 && i == 1)
          raise(SIGSEGV);
        SampleOutput o;
        o.work = u * 10 + i;
        o.value = std::string(u * 1000, 'x'); // some records span reads
        emit(std::move(o));
      }
    };
    units.alarmSeconds = [](size_t) { return 60u; };
    units.wanted = [](size_t u) { return u != 7; };
    units.done = [&](size_t u, std::vector<SampleOutput> &&outs,
                     const std::string &why) {
      ++calls[u];
      whys[u] = why;
      for (SampleOutput &o : outs)
        got[u].push_back(o.work + (o.value.size() == u * 1000 ? 0 : 1000));
    };
    runInWorkers(units, 2);
    bool right = true;
    for (size_t u = 0; u < n; ++u) {
      right &= calls[u] == 1;
      if (u == 4)
        // "crashed (...)"; under ASan, whose handler exits instead, "no
        // result from the task process"
        right &= got[u].empty() && !whys[u].empty() && whys[u] != "skipped";
      else if (u == 7)
        right &= got[u].empty() && whys[u] == "skipped";
      else
        right &= whys[u].empty() &&
                 got[u] == std::vector<uint64_t>{u * 10, u * 10 + 1, u * 10 + 2};
    }
    CHECK(right, "worker processes: each unit once and in order, a crash "
                 "fails its unit only, an unwanted unit is skipped");
  }

  // No driver here: a clear error, not a crash.
  std::string why;
  std::unique_ptr<GpuDevice> gpu = GpuDevice::open(why);
  if (gpu)
    printf("note: a GPU is present: %s\n", gpu->name().c_str());
  else
    CHECK(!why.empty(), ("without a GPU, open() explains: " + why).c_str());

  printf("%d failure(s)\n", failures);
  return failures ? 1 : 0;
}
