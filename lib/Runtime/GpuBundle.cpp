//===- GpuBundle.cpp - kernel bundles, packed values and pass reports -----===//
//
// The host-side pieces of the GPU backend that need no driver: loading host
// code, a kernel bundle's JSON form, packing values into result images and
// back, and the per-pass timing report.
//===----------------------------------------------------------------------===//

#include "ArcDsl/Primitives/Hof.h"
#include "ArcDsl/Runtime/GpuRuntime.h"
#include "ArcDsl/Runtime/ValueJson.h"

#include <cstdio>
#include <dlfcn.h>

using namespace arcdsl;
using namespace arcdsl::runtime;

std::string runtime::abiMismatch(const std::string &what, uint32_t version) {
  std::string made = version ? "arcdsl ABI " + std::to_string(version)
                             : "an arcdsl older than ABI versions";
  return "the " + what + " was made by " + made + ", this runtime is ABI " +
         std::to_string(abi::kAbiVersion) +
         ": make it again with this arcdsl (arcdsl-run or arcdsl-batt "
         "--emit-bundle / --emit-host-object)";
}

std::unique_ptr<HostCode> HostCode::open(const std::string &path,
                                         std::string &error) {
  // dlopen searches the library path for a name without a slash: a bare
  // file name means the file in the current directory.
  std::string file = path.find('/') == std::string::npos ? "./" + path : path;
  void *h = dlopen(file.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!h) {
    const char *why = dlerror();
    error = "cannot load host code " + path + ": " + (why ? why : "?");
    return nullptr;
  }
  auto *version = static_cast<const uint32_t *>(dlsym(h, abi::kAbiSymbol));
  if (!version || *version != abi::kAbiVersion) {
    error = path + ": " + abiMismatch("host object", version ? *version : 0);
    dlclose(h);
    return nullptr;
  }
  return std::unique_ptr<HostCode>(new HostCode(h));
}

HostCode::~HostCode() { dlclose(handle); }

HostCode::Fn HostCode::lookup(const std::string &name) const {
  return reinterpret_cast<Fn>(dlsym(handle, name.c_str()));
}

std::string GpuTimings::passReport(const std::string &prefix) const {
  static const char *const names[3] = {"light", "heavy", "full-arena"};
  std::string s;
  char line[160];
  for (int p = 0; p < 3; ++p)
    if (passSamples[p]) {
      snprintf(line, sizeof line, "%s pass: %zu samples, kernel %.3f s\n",
               names[p], passSamples[p], passSpan[p]);
      s += prefix + line;
    }
  if (hostSamples) {
    snprintf(line, sizeof line,
             "host CPU: %zu samples, %.3f s (%.3f s after the GPU's passes)\n",
             hostSamples, hostSpan, hostWait);
    s += prefix + line;
  }
  return s;
}

std::vector<uint8_t> runtime::packValue(ArcCtx *c, av v) {
  // Pack into a per-thread scratch buffer and return an image of exactly
  // its size: hundreds of thousands of results must not each hold (and
  // fault in) a large buffer.
  thread_local std::vector<uint8_t> scratch(1 << 16);
  for (;;) {
    uint32_t saved = c->err;
    uint64_t used = arcdsl_rt_pack(c, v, scratch.data(), scratch.size());
    if (used)
      return std::vector<uint8_t>(scratch.begin(), scratch.begin() + used);
    c->err = saved; // too small: grow and retry
    scratch.resize(scratch.size() * 4);
  }
}

av runtime::unpackValue(ArcCtx *c, const std::vector<uint8_t> &image) {
  return arcdsl_rt_unpack(c, image.data());
}

std::string KernelBundle::toJson() const {
  std::string s = "{\"format\": \"arcdsl-kernels-1\", \"abi\": " +
                  std::to_string(abi) + ", \"chip\": ";
  appendJsonString(s, chip);
  s += ", \"order\": ";
  appendJsonString(s, order);
  s += ", \"kernels\": [";
  for (size_t i = 0; i < kernels.size(); ++i) {
    s += i ? ", " : "";
    appendJsonString(s, kernels[i]);
  }
  s += "], \"dispatch\": [";
  for (size_t i = 0; i < dispatch.size(); ++i) {
    s += i ? ", " : "";
    appendJsonString(s, dispatch[i]);
  }
  s += "], \"issues\": [";
  for (size_t i = 0; i < issues.size(); ++i) {
    s += i ? ", " : "";
    s += "{\"name\": ";
    appendJsonString(s, issues[i].name);
    s += ", \"kind\": ";
    appendJsonString(s, issues[i].kind);
    s += ", \"detail\": ";
    appendJsonString(s, issues[i].detail);
    s += "}";
  }
  s += "], \"batt_layouts\": {";
  for (auto it = battLayouts.begin(); it != battLayouts.end(); ++it) {
    s += it == battLayouts.begin() ? "" : ", ";
    appendJsonString(s, it->first);
    s += ": ";
    appendJsonString(s, it->second);
  }
  s += "}, \"ptx\": ";
  appendJsonString(s, ptx);
  s += ", \"library_ptx\": ";
  appendJsonString(s, libraryPtx);
  s += ", \"cubins\": {";
  for (auto it = cubins.begin(); it != cubins.end(); ++it) {
    s += it == cubins.begin() ? "" : ", ";
    appendJsonString(s, it->first);
    s += ": \"" + base64Encode(it->second) + "\"";
  }
  s += "}}\n";
  return s;
}

bool KernelBundle::fromJson(const std::string &text, KernelBundle &out,
                            std::string &error) {
  Json j;
  if (!parseJson(text, j, error))
    return false;
  const Json *fmt = j.get("format");
  const Json *chip = j.get("chip"), *kernels = j.get("kernels"),
             *ptx = j.get("ptx"), *issues = j.get("issues");
  if (!fmt || fmt->str != "arcdsl-kernels-1" || !chip || !kernels ||
      kernels->kind != Json::Array || !ptx) {
    error = "not an arcdsl kernel bundle";
    return false;
  }
  // Code of another ABI would read the contexts and the batch the runtime
  // fills wrongly: made again by this arcdsl, it runs.
  const Json *abiField = j.get("abi");
  out.abi = abiField && abiField->kind == Json::Number && abiField->isInt &&
                    abiField->i > 0 && abiField->i < (1ll << 31)
                ? (uint32_t)abiField->i
                : 0;
  if (out.abi != abi::kAbiVersion) {
    error = abiMismatch("bundle", out.abi);
    return false;
  }
  out.chip = chip->str;
  out.ptx = ptx->str;
  if (const Json *o = j.get("order")) // bundles before it: canonical
    out.order = o->str;
  if (const Json *lib = j.get("library_ptx"))
    out.libraryPtx = lib->str;
  for (const Json &k : kernels->arr)
    out.kernels.push_back(k.str);
  if (const Json *d = j.get("dispatch"); d && d->kind == Json::Array)
    for (const Json &k : d->arr)
      out.dispatch.push_back(k.str);
  if (const Json *b = j.get("batt_layouts"); b && b->kind == Json::Object)
    for (const auto &[name, layout] : b->obj)
      out.battLayouts[name] = layout.str;
  if (const Json *c = j.get("cubins"); c && c->kind == Json::Object)
    for (const auto &[arch, text] : c->obj)
      if (!base64Decode(text.str, out.cubins[arch])) {
        error = "the bundle's cubin for " + arch + " is not base64";
        return false;
      }
  if (issues && issues->kind == Json::Array)
    for (const Json &i : issues->arr) {
      const Json *n = i.get("name"), *k = i.get("kind"), *d = i.get("detail");
      out.issues.push_back({n ? n->str : "", k ? k->str : "", d ? d->str : ""});
    }
  return true;
}

int runtime::smNumber(const std::string &chip) {
  if (chip.size() < 4 || chip.size() > 6 || chip.compare(0, 3, "sm_"))
    return -1;
  int v = 0;
  for (size_t k = 3; k < chip.size(); ++k) {
    if (chip[k] < '0' || chip[k] > '9')
      return -1;
    v = v * 10 + (chip[k] - '0');
  }
  return v > 200 ? -1 : v;
}

std::string runtime::sassChipFor(const std::vector<std::string> &chips,
                                 int cc) {
  std::string best;
  int bestCc = -1;
  for (const std::string &chip : chips) {
    int v = smNumber(chip);
    if (v >= 0 && v / 10 == cc / 10 && v <= cc && v > bestCc)
      best = chip, bestCc = v;
  }
  return best;
}

std::string runtime::cubinFor(const std::map<std::string, std::string> &cubins,
                              int cc) {
  std::vector<std::string> chips;
  for (const auto &[arch, image] : cubins)
    if (!image.empty())
      chips.push_back(arch);
  return sassChipFor(chips, cc);
}

static const char kB64[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string runtime::base64Encode(const std::string &bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  size_t i = 0, n = bytes.size();
  for (; i + 2 < n; i += 3) {
    uint32_t v = (uint8_t)bytes[i] << 16 | (uint8_t)bytes[i + 1] << 8 |
                 (uint8_t)bytes[i + 2];
    out += kB64[v >> 18], out += kB64[v >> 12 & 63], out += kB64[v >> 6 & 63],
        out += kB64[v & 63];
  }
  if (i < n) {
    uint32_t v = (uint8_t)bytes[i] << 16 |
                 (i + 1 < n ? (uint8_t)bytes[i + 1] << 8 : 0);
    out += kB64[v >> 18], out += kB64[v >> 12 & 63];
    out += i + 1 < n ? kB64[v >> 6 & 63] : '=';
    out += '=';
  }
  return out;
}

bool runtime::base64Decode(const std::string &text, std::string &bytes) {
  int8_t value[256];
  for (int k = 0; k < 256; ++k)
    value[k] = -1;
  for (int k = 0; k < 64; ++k)
    value[(uint8_t)kB64[k]] = (int8_t)k;
  if (text.size() % 4)
    return false;
  bytes.clear();
  bytes.reserve(text.size() / 4 * 3);
  for (size_t i = 0; i < text.size(); i += 4) {
    int pad = (text[i + 3] == '=') + (text[i + 2] == '=');
    if (pad && i + 4 != text.size())
      return false;
    uint32_t v = 0;
    for (int k = 0; k < 4; ++k) {
      int8_t d = k >= 4 - pad ? 0 : value[(uint8_t)text[i + k]];
      if (d < 0)
        return false;
      v = v << 6 | (uint32_t)d;
    }
    bytes += (char)(v >> 16);
    if (pad < 2)
      bytes += (char)(v >> 8 & 255);
    if (pad < 1)
      bytes += (char)(v & 255);
  }
  return true;
}
