//===- ValueJson.cpp - JSON codec for arcdsl values -----------------------===//

#include "ArcDsl/Runtime/ValueJson.h"

#include "ArcDsl/Primitives/Primitives.h"
#include "ArcDsl/Primitives/PySet.h"

#include <algorithm>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

namespace arcdsl {
namespace runtime {

const Json *Json::get(std::string_view key) const {
  if (kind != Object)
    return nullptr;
  for (const auto &kv : obj)
    if (kv.first == key)
      return &kv.second;
  return nullptr;
}

//===----------------------------------------------------------------------===//
// Parser
//===----------------------------------------------------------------------===//

namespace {
class Parser {
public:
  explicit Parser(std::string_view t) : text(t) {}

  bool run(Json &out, std::string &error) {
    skipWs();
    if (!value(out, 0))
      return report(error);
    skipWs();
    if (pos != text.size()) {
      fail("trailing characters after JSON value");
      return report(error);
    }
    return true;
  }

private:
  std::string_view text;
  size_t pos = 0;
  std::string msg;
  size_t errPos = 0;

  bool report(std::string &error) {
    size_t line = 1, col = 1;
    for (size_t k = 0; k < errPos && k < text.size(); ++k) {
      if (text[k] == '\n') {
        ++line;
        col = 1;
      } else {
        ++col;
      }
    }
    error = std::to_string(line) + ":" + std::to_string(col) + ": " + msg;
    return false;
  }
  bool fail(const std::string &m) {
    if (msg.empty()) {
      msg = m;
      errPos = pos;
    }
    return false;
  }
  void skipWs() {
    while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t' ||
                                 text[pos] == '\n' || text[pos] == '\r'))
      ++pos;
  }
  bool lit(const char *w) {
    size_t n = strlen(w);
    if (text.substr(pos, n) != w)
      return fail(std::string("invalid literal, expected '") + w + "'");
    pos += n;
    return true;
  }

  bool value(Json &out, int depth) {
    if (depth > 512)
      return fail("nesting too deep");
    if (pos >= text.size())
      return fail("unexpected end of input");
    char ch = text[pos];
    switch (ch) {
    case '{':
      return object(out, depth);
    case '[':
      return array(out, depth);
    case '"':
      out.kind = Json::String;
      return string(out.str);
    case 't':
      out.kind = Json::Bool;
      out.b = true;
      return lit("true");
    case 'f':
      out.kind = Json::Bool;
      out.b = false;
      return lit("false");
    case 'n':
      out.kind = Json::Null;
      return lit("null");
    default:
      if (ch == '-' || (ch >= '0' && ch <= '9'))
        return number(out);
      if ((unsigned char)ch < 0x20 || (unsigned char)ch >= 0x7f) {
        char buf[8];
        snprintf(buf, sizeof buf, "\\x%02x", (unsigned char)ch);
        return fail(std::string("unexpected byte '") + buf + "'");
      }
      return fail(std::string("unexpected character '") + ch + "'");
    }
  }

  bool number(Json &out) {
    size_t start = pos;
    if (text[pos] == '-')
      ++pos;
    size_t digits = pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9')
      ++pos;
    if (pos == digits)
      return fail("malformed number");
    bool integral = true;
    if (pos < text.size() && text[pos] == '.') {
      integral = false;
      ++pos;
      size_t f = pos;
      while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9')
        ++pos;
      if (pos == f)
        return fail("malformed number");
    }
    if (pos < text.size() && (text[pos] == 'e' || text[pos] == 'E')) {
      integral = false;
      ++pos;
      if (pos < text.size() && (text[pos] == '+' || text[pos] == '-'))
        ++pos;
      size_t e = pos;
      while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9')
        ++pos;
      if (pos == e)
        return fail("malformed number");
    }
    out.kind = Json::Number;
    out.str = std::string(text.substr(start, pos - start));
    out.d = strtod(out.str.c_str(), nullptr);
    out.isInt = false;
    if (integral) {
      errno = 0;
      long long v = strtoll(out.str.c_str(), nullptr, 10);
      if (errno == 0) {
        out.isInt = true;
        out.i = v;
      }
    }
    return true;
  }

  bool hex4(unsigned &cp) {
    if (pos + 4 > text.size())
      return fail("truncated \\u escape");
    cp = 0;
    for (int k = 0; k < 4; ++k) {
      char h = text[pos++];
      cp <<= 4;
      if (h >= '0' && h <= '9')
        cp |= h - '0';
      else if (h >= 'a' && h <= 'f')
        cp |= h - 'a' + 10;
      else if (h >= 'A' && h <= 'F')
        cp |= h - 'A' + 10;
      else
        return fail("bad \\u escape");
    }
    return true;
  }

  static void utf8(std::string &s, unsigned cp) {
    if (cp < 0x80) {
      s += (char)cp;
    } else if (cp < 0x800) {
      s += (char)(0xC0 | (cp >> 6));
      s += (char)(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      s += (char)(0xE0 | (cp >> 12));
      s += (char)(0x80 | ((cp >> 6) & 0x3F));
      s += (char)(0x80 | (cp & 0x3F));
    } else {
      s += (char)(0xF0 | (cp >> 18));
      s += (char)(0x80 | ((cp >> 12) & 0x3F));
      s += (char)(0x80 | ((cp >> 6) & 0x3F));
      s += (char)(0x80 | (cp & 0x3F));
    }
  }

  bool string(std::string &s) {
    ++pos; // opening quote
    s.clear();
    while (true) {
      if (pos >= text.size())
        return fail("unterminated string");
      char ch = text[pos++];
      if (ch == '"')
        return true;
      if ((unsigned char)ch < 0x20) {
        --pos;
        return fail("control character in string");
      }
      if (ch != '\\') {
        s += ch;
        continue;
      }
      if (pos >= text.size())
        return fail("unterminated string");
      char e = text[pos++];
      switch (e) {
      case '"':
      case '\\':
      case '/':
        s += e;
        break;
      case 'b':
        s += '\b';
        break;
      case 'f':
        s += '\f';
        break;
      case 'n':
        s += '\n';
        break;
      case 'r':
        s += '\r';
        break;
      case 't':
        s += '\t';
        break;
      case 'u': {
        unsigned cp;
        if (!hex4(cp))
          return false;
        if (cp >= 0xD800 && cp < 0xDC00 && pos + 6 <= text.size() &&
            text[pos] == '\\' && text[pos + 1] == 'u') {
          pos += 2;
          unsigned lo;
          if (!hex4(lo))
            return false;
          cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
        }
        utf8(s, cp);
        break;
      }
      default:
        --pos;
        return fail("bad escape in string");
      }
    }
  }

  bool array(Json &out, int depth) {
    out.kind = Json::Array;
    ++pos;
    skipWs();
    if (pos < text.size() && text[pos] == ']') {
      ++pos;
      return true;
    }
    while (true) {
      skipWs();
      out.arr.emplace_back();
      if (!value(out.arr.back(), depth + 1))
        return false;
      skipWs();
      if (pos >= text.size())
        return fail("unterminated array");
      if (text[pos] == ',') {
        ++pos;
        continue;
      }
      if (text[pos] == ']') {
        ++pos;
        return true;
      }
      return fail("expected ',' or ']' in array");
    }
  }

  bool object(Json &out, int depth) {
    out.kind = Json::Object;
    ++pos;
    skipWs();
    if (pos < text.size() && text[pos] == '}') {
      ++pos;
      return true;
    }
    while (true) {
      skipWs();
      if (pos >= text.size() || text[pos] != '"')
        return fail("expected string key in object");
      std::string key;
      if (!string(key))
        return false;
      skipWs();
      if (pos >= text.size() || text[pos] != ':')
        return fail("expected ':' in object");
      ++pos;
      skipWs();
      out.obj.emplace_back(std::move(key), Json());
      if (!value(out.obj.back().second, depth + 1))
        return false;
      skipWs();
      if (pos >= text.size())
        return fail("unterminated object");
      if (text[pos] == ',') {
        ++pos;
        continue;
      }
      if (text[pos] == '}') {
        ++pos;
        return true;
      }
      return fail("expected ',' or '}' in object");
    }
  }
};
} // namespace

bool parseJson(std::string_view text, Json &out, std::string &error) {
  out = Json();
  Parser p(text);
  return p.run(out, error);
}

/// Length of the well-formed UTF-8 sequence at s[k] (1 to 4), or 0 when the
/// bytes there are not one (a stray continuation byte, a truncated or
/// overlong sequence, a surrogate, a code point above U+10FFFF).
static size_t utf8Sequence(std::string_view s, size_t k) {
  unsigned char b = (unsigned char)s[k];
  if (b < 0x80)
    return 1;
  size_t n;
  unsigned char lo = 0x80, hi = 0xBF; // the second byte's range
  if (b >= 0xC2 && b <= 0xDF)
    n = 2;
  else if (b >= 0xE0 && b <= 0xEF) {
    n = 3;
    if (b == 0xE0)
      lo = 0xA0; // no overlong forms
    if (b == 0xED)
      hi = 0x9F; // no surrogates
  } else if (b >= 0xF0 && b <= 0xF4) {
    n = 4;
    if (b == 0xF0)
      lo = 0x90;
    if (b == 0xF4)
      hi = 0x8F; // nothing above U+10FFFF
  } else
    return 0;
  if (k + n > s.size())
    return 0;
  for (size_t j = 1; j < n; ++j) {
    unsigned char c = (unsigned char)s[k + j];
    if (j == 1 ? (c < lo || c > hi) : (c < 0x80 || c > 0xBF))
      return 0;
  }
  return n;
}

void appendJsonString(std::string &out, std::string_view s) {
  out += '"';
  for (size_t k = 0; k < s.size(); ++k) {
    char ch = s[k];
    unsigned char u = (unsigned char)ch;
    if (u >= 0x80) {
      // JSON text is UTF-8: copy well-formed sequences, and write a byte
      // that is not part of one as U+FFFD (the replacement character).
      size_t n = utf8Sequence(s, k);
      if (n == 0 && u == 0xED && k + 2 < s.size() &&
          ((unsigned char)s[k + 1] & 0xE0) == 0xA0 &&
          ((unsigned char)s[k + 2] & 0xC0) == 0x80) {
        // A lone surrogate (Python's "\ud800", which the importer keeps in
        // UTF-8's form): escaped, as Python's json writes it.
        char buf[8];
        snprintf(buf, sizeof buf, "\\u%04x",
                 0xD000u | (((unsigned char)s[k + 1] & 0x3Fu) << 6) |
                     ((unsigned char)s[k + 2] & 0x3Fu));
        out += buf;
        k += 2;
      } else if (n == 0) {
        // Raw, as a well-formed U+FFFD is written: reading the output and
        // writing it again gives the same text (fuzz-taskjson checks it).
        out += "\xEF\xBF\xBD";
      } else {
        out.append(s.data() + k, n);
        k += n - 1;
      }
      continue;
    }
    switch (ch) {
    case '"':
      out += "\\\"";
      break;
    case '\\':
      out += "\\\\";
      break;
    case '\n':
      out += "\\n";
      break;
    case '\r':
      out += "\\r";
      break;
    case '\t':
      out += "\\t";
      break;
    default:
      if (u < 0x20) {
        char buf[8];
        snprintf(buf, sizeof buf, "\\u%04x", u);
        out += buf;
      } else {
        out += ch;
      }
    }
  }
  out += '"';
}

static void dumpJson(std::string &out, const Json &j) {
  switch (j.kind) {
  case Json::Null:
    out += "null";
    break;
  case Json::Bool:
    out += j.b ? "true" : "false";
    break;
  case Json::Number:
    out += j.str.empty() ? std::to_string(j.i) : j.str;
    break;
  case Json::String:
    appendJsonString(out, j.str);
    break;
  case Json::Array:
    out += '[';
    for (size_t k = 0; k < j.arr.size(); ++k) {
      if (k)
        out += ',';
      dumpJson(out, j.arr[k]);
    }
    out += ']';
    break;
  case Json::Object:
    out += '{';
    for (size_t k = 0; k < j.obj.size(); ++k) {
      if (k)
        out += ',';
      appendJsonString(out, j.obj[k].first);
      out += ':';
      dumpJson(out, j.obj[k].second);
    }
    out += '}';
    break;
  }
}

std::string jsonToString(const Json &j) {
  std::string s;
  dumpJson(s, j);
  return s;
}

//===----------------------------------------------------------------------===//
// Values
//===----------------------------------------------------------------------===//

static av unsupported(ArcCtx *c, std::string *error, const std::string &why) {
  if (error && error->empty())
    *error = why;
  return fail(c, ERR_UNSUPPORTED);
}

GridImage gridImageOf(const Json &j) {
  GridImage g;
  if (j.kind != Json::Array || j.arr.empty() ||
      j.arr[0].kind != Json::Array)
    return g;
  size_t n = j.arr.size(), w = j.arr[0].arr.size();
  if (!w || n > kGridMaxDim || w > kGridMaxDim)
    return g;
  for (const Json &row : j.arr) {
    if (row.kind != Json::Array || row.arr.size() != w)
      return g;
    for (const Json &x : row.arr)
      if (x.kind != Json::Number || !x.isInt || x.i < kGridCellMin ||
          x.i > kGridCellMax)
        return g;
  }
  g.cells.reserve(n * w);
  for (const Json &row : j.arr)
    for (const Json &x : row.arr)
      g.cells.push_back((GridCell)x.i);
  g.h = (uint32_t)n, g.w = (uint32_t)w;
  return g;
}

av gridValue(ArcCtx *c, const GridImage &g) {
  Box *b = g.h ? newGrid(c, g.h, g.w) : nullptr;
  if (!b)
    return kErr;
  memcpy(cells(b), g.cells.data(), g.cells.size() * sizeof(GridCell));
  return boxRef(c, b);
}

static av decode(ArcCtx *c, const Json &j, std::string *error) {
  if (c->err)
    return kErr;
  // A rectangle of cells is a GRID box, as makeTuple makes of its rows
  // (built without them).
  GridImage g = gridImageOf(j);
  if (g.h)
    return gridValue(c, g);
  switch (j.kind) {
  case Json::Null:
    return kNone;
  case Json::Bool:
    return mkBool(j.b);
  case Json::Number:
    if (!j.isInt)
      return unsupported(c, error, "non-integer number " + j.str);
    return mkInt(c, j.i);
  case Json::String:
    return unsupported(c, error, "string value");
  case Json::Array: {
    std::vector<av> xs(j.arr.size());
    for (size_t k = 0; k < j.arr.size(); ++k) {
      xs[k] = decode(c, j.arr[k], error);
      if (c->err)
        return kErr;
    }
    return makeTuple(c, xs.data(), (uint32_t)xs.size());
  }
  case Json::Object: {
    if (j.obj.size() == 1 && j.obj[0].first == "set" &&
        j.obj[0].second.kind == Json::Array) {
      const Json &a = j.obj[0].second;
      std::vector<av> xs(a.arr.size());
      for (size_t k = 0; k < a.arr.size(); ++k) {
        xs[k] = decode(c, a.arr[k], error);
        if (c->err)
          return kErr;
      }
      return makeSet(c, xs.data(), (uint32_t)xs.size());
    }
    if (j.obj.size() == 1 && j.obj[0].first == "fn" &&
        j.obj[0].second.kind == Json::String) {
      const PrimInfo *p = findPrim(j.obj[0].second.str.c_str());
      if (!p)
        return unsupported(c, error,
                           "unknown primitive " + j.obj[0].second.str);
      return mkFn((uint32_t)(p - primTable()));
    }
    return unsupported(c, error, "unsupported object " + jsonToString(j));
  }
  }
  return unsupported(c, error, "bad JSON kind");
}

av jsonToValue(ArcCtx *c, const Json &j, std::string *error) {
  return decode(c, j, error);
}

const char *errorName(uint32_t code) {
  switch (code) {
  case ERR_OK:
    return "OK";
  case ERR_STOP_ITERATION:
    return "StopIteration";
  case ERR_VALUE:
    return "ValueError";
  case ERR_INDEX:
    return "IndexError";
  case ERR_ZERO_DIVISION:
    return "ZeroDivisionError";
  case ERR_TYPE:
    return "TypeError";
  case ERR_RUNTIME:
    return "RuntimeError";
  case ERR_RECURSION:
    return "RecursionError";
  case ERR_NAME:
    return "NameError";
  case ERR_CAPACITY:
    return "Capacity";
  case ERR_WORK:
    return "WorkLimit";
  case ERR_UNSUPPORTED:
    return "Unsupported";
  case ERR_RESULT_IMAGE:
    return "ResultImage";
  case ERR_TIMEOUT:
    return "Timeout";
  case ERR_CRASH:
    return "Crash";
  default:
    return "Error";
  }
}

/// `[x0,x1,...]`: a JSON list of ints, as the reference writes tuples.
static void appendIntList(std::string &out,
                          std::initializer_list<int64_t> xs) {
  out += '[';
  for (const int64_t *p = xs.begin(); p != xs.end(); ++p) {
    if (p != xs.begin())
      out += ',';
    out += std::to_string(*p);
  }
  out += ']';
}

/// Whether box word v's header lies inside c's arena (offset 0 is never a
/// box).
static bool boxInArena(ArcCtx *c, av v) {
  return boxOff(v) != 0 && boxOff(v) + sizeof(Box) <= c->cap;
}

static void encode(ArcCtx *c, std::string &out, av v, int depth,
                   bool iterationOrder);

/// Whether v is a python-layout set box.
static bool isPySetBox(ArcCtx *c, av v) {
  if (!isBox(v) || !boxInArena(c, v))
    return false;
  Box *b = box(c, v);
  return b->kind == BOX_SET && isPyLayout(b);
}

/// `{"set":[...]}` of a set at `depth` whose elements xs[0..n) are in the
/// order to write.
static void appendSet(ArcCtx *c, std::string &out, const av *xs, size_t n,
                      int depth) {
  out += "{\"set\":[";
  for (size_t k = 0; k < n; ++k) {
    if (k)
      out += ',';
    encode(c, out, xs[k], depth + 1, false);
  }
  out += "]}";
}

/// `{"set":[...]}` of python-layout set b in canonical order. A set of
/// such sets (objects) sorts each member once, then the members by their
/// sorted elements: what compareCanon compares, without sorting both
/// members again at every comparison.
static void encodeSorted(ArcCtx *c, std::string &out, Box *b, int depth) {
  auto before = [&](av x, av y) { return compareCanon(c, x, y) < 0; };
  std::vector<av> xs(elems(b), elems(b) + b->n);
  bool nested = b->n > 1;
  for (av x : xs)
    nested = nested && isPySetBox(c, x);
  if (!nested) {
    std::stable_sort(xs.begin(), xs.end(), before);
    appendSet(c, out, xs.data(), xs.size(), depth);
    return;
  }
  struct Member {
    av v;
    std::vector<av> sorted;
  };
  std::vector<Member> ms(xs.size());
  for (size_t k = 0; k < xs.size(); ++k) {
    Box *m = box(c, xs[k]);
    ms[k].v = xs[k];
    ms[k].sorted.assign(elems(m), elems(m) + m->n);
    std::stable_sort(ms[k].sorted.begin(), ms[k].sorted.end(), before);
  }
  std::stable_sort(ms.begin(), ms.end(), [&](const Member &x, const Member &y) {
    if (x.v == y.v)
      return false;
    size_t n = std::min(x.sorted.size(), y.sorted.size());
    for (size_t k = 0; k < n; ++k)
      if (int r = compareCanon(c, x.sorted[k], y.sorted[k]))
        return r < 0;
    return x.sorted.size() < y.sorted.size();
  });
  out += "{\"set\":[";
  for (size_t k = 0; k < ms.size(); ++k) {
    if (k)
      out += ',';
    if (depth + 1 > (int)kPyRecursionLimit)
      encode(c, out, ms[k].v, depth + 1, false); // the nesting error
    else
      appendSet(c, out, ms[k].sorted.data(), ms[k].sorted.size(), depth + 1);
  }
  out += "]}";
}

static void encode(ArcCtx *c, std::string &out, av v, int depth,
                   bool iterationOrder) {
  if (depth > (int)kPyRecursionLimit) {
    // Deeper than the reference can encode (json's recursion check): the
    // value is not written, and the sample is a capacity error.
    fail(c, ERR_CAPACITY);
    out += "{\"error\":\"nesting\"}";
    return;
  }
  switch (tagOf(v)) {
  case TAG_INT:
    out += std::to_string(numOf(v));
    return;
  case TAG_BOOL:
    out += numOf(v) ? "true" : "false";
    return;
  case TAG_PAIR:
    appendIntList(out, {pairI(v), pairJ(v)});
    return;
  case TAG_CELL:
    out += '[';
    out += std::to_string(cellC(v));
    out += ',';
    appendIntList(out, {cellI(v), cellJ(v)});
    out += ']';
    return;
  case TAG_TRIPLE:
    appendIntList(out, {tripleA(v), tripleB(v), tripleC(v)});
    return;
  case TAG_FLOAT: // as the reference tools write values without JSON form
    out += floatOf(v) == FLOAT_NAN   ? "{\"repr\":\"nan\"}"
           : floatOf(v) == FLOAT_INF ? "{\"repr\":\"inf\"}"
                                     : "{\"repr\":\"-inf\"}";
    return;
  case TAG_BOX: {
    if (!boxInArena(c, v)) {
      out += "{\"error\":\"badbox\"}";
      return;
    }
    Box *b = box(c, v);
    if (b->kind == BOX_GRID) {
      // Written in place: ARC's colours are one digit each, so a grid of
      // them takes 2 bytes a cell and 3 a row (a grid of millions of cells
      // is one resize, not a buffer appended hundreds of times).
      uint64_t h = b->n, w = b->w;
      size_t at = out.size();
      uint64_t rowBytes = w ? 2 * w + 1 : 2; // "[d,d,...,d]" or "[]"
      out.resize(at + 2 + h * (rowBytes + 1) - (h ? 1 : 0));
      char *p = &out[at];
      *p++ = '[';
      for (uint64_t i = 0; i < h; ++i) {
        const GridCell *row = cells(b) + i * w;
        bool digits = true;
        for (uint64_t k = 0; k < w; ++k)
          digits &= row[k] >= 0 && row[k] <= 9;
        if (!digits) { // a wider cell: this row and the rest appended
          out.resize((size_t)(p - out.data()));
          for (uint64_t r = i; r < h; ++r) {
            out += r ? ",[" : "[";
            const GridCell *cs = cells(b) + r * w;
            for (uint64_t k = 0; k < w; ++k) {
              if (k)
                out += ',';
              out += std::to_string(cs[k]);
            }
            out += ']';
          }
          out += ']';
          return;
        }
        if (i)
          *p++ = ',';
        *p++ = '[';
        for (uint64_t k = 0; k < w; ++k) {
          p[0] = (char)('0' + row[k]);
          p[1] = ',';
          p += 2;
        }
        p[w ? -1 : 0] = ']';
        p += w ? 0 : 1;
      }
      *p++ = ']';
      return;
    }
    bool set = b->kind == BOX_SET;
    if (!set && b->kind != BOX_TUPLE) {
      out += "{\"error\":\"badbox\"}";
      return;
    }
    // Sets are written in canonical order whatever order they iterate in
    // (a python-order set: a sorted copy), so outputs compare as values.
    if (set && isPyLayout(b) && !iterationOrder) {
      encodeSorted(c, out, b, depth);
      return;
    }
    out += set ? "{\"set\":[" : "[";
    for (uint32_t k = 0; k < b->n; ++k) {
      if (k)
        out += ',';
      encode(c, out, elems(b)[k], depth + 1, iterationOrder);
    }
    out += set ? "]}" : "]";
    return;
  }
  case TAG_FN: {
    // A primitive by name; a closure by its repr's name (what the
    // reference's `repr` shows before ` at 0x...`).
    out += "{\"fn\":";
    if (isFnClosure(v)) {
      appendJsonString(out, std::string(fnName(c, v)) + fnQualTail(c, v));
    } else {
      uint32_t id = (uint32_t)v;
      const char *name = id < kFnIdEnd ? primName(id) : nullptr;
      appendJsonString(out, name ? name : "?");
    }
    out += '}';
    return;
  }
  case TAG_NONE:
    out += "null";
    return;
  case TAG_ERR:
    out += "{\"error\":";
    appendJsonString(out, errorName(c->err));
    out += '}';
    return;
  default:
    out += "{\"error\":\"badtag\"}";
    return;
  }
}

std::string valueToJson(ArcCtx *c, av v, bool iterationOrder) {
  std::string s;
  // A grid of one-digit colours takes 2w + 2 characters a row: reserved,
  // so a large output is not grown (and copied) by doubling.
  if (isBox(v) && boxInArena(c, v) && box(c, v)->kind == BOX_GRID)
    s.reserve((uint64_t)box(c, v)->n * (2ull * box(c, v)->w + 2) + 2);
  encode(c, s, v, 0, iterationOrder);
  return s;
}

void appendValueJson(ArcCtx *c, std::string &out, av v,
                     bool iterationOrder) {
  encode(c, out, v, 0, iterationOrder);
}

static bool canon(ArcCtx *c, av v, std::string *why, int depth) {
  auto bad = [&](const char *m) {
    if (why)
      *why = std::string(m) + ": " + valueToJson(c, v);
    return false;
  };
  if (depth > 1000)
    return bad("nesting too deep");
  uint32_t t = tagOf(v);
  if (t == TAG_FN && !isFnClosure(v))
    return (uint32_t)v < kFnIdEnd ? true : bad("bad primitive id");
  if (t == TAG_FN) // a closure: its parts are checked as values
    t = TAG_BOX;
  if (t == TAG_ERR)
    return bad("error value");
  if (t != TAG_BOX)
    return t <= TAG_FLOAT ? true : bad("bad tag");
  if (!boxInArena(c, v) || boxOff(v) % 8)
    return bad("box offset outside the arena");
  Box *b = box(c, v);
  if (b->kind == BOX_GRID)
    return b->n >= 1 ? true : bad("grid with 0 rows (must be the empty tuple)");
  if (isFnClosure(v) != (b->kind == BOX_CLOSURE) ||
      (b->kind != BOX_TUPLE && b->kind != BOX_SET && b->kind != BOX_CLOSURE))
    return bad("bad box kind");
  av *e = elems(b);
  for (uint32_t k = 0; k < b->n; ++k)
    if (!canon(c, e[k], why, depth + 1))
      return false;
  if (b->kind == BOX_SET && isPyLayout(b)) {
    for (uint32_t k = 1; k < b->n; ++k)
      if (setSlots(b)[k - 1] >= setSlots(b)[k] || setSlots(b)[k] > setMask(b))
        return bad("python-order set with bad slots");
    return true;
  }
  if (b->kind == BOX_SET) {
    for (uint32_t k = 1; k < b->n; ++k)
      if (compareCanon(c, e[k - 1], e[k]) >= 0)
        return bad("set not sorted/unique");
    return true;
  }
  if (b->kind == BOX_CLOSURE)
    return true;
  // A tuple box must not have a compact form.
  if (c->err)
    return true;
  uint64_t top = c->top;
  uint32_t err = c->err;
  av w = makeTuple(c, e, b->n);
  // (When the arena has no room for the trial tuple, makeTuple fails:
  // nothing is known then, and an error value is no compact form.)
  bool compact = !c->err && (!isBox(w) || box(c, w)->kind == BOX_GRID);
  c->top = top;
  c->err = err;
  if (compact)
    return bad("tuple box that should be a PAIR/CELL/GRID");
  return true;
}

bool isCanonical(ArcCtx *c, av v, std::string *why) {
  return canon(c, v, why, 0);
}

bool readFile(const std::string &path, std::string &out, std::string &error) {
  FILE *f = fopen(path.c_str(), "rb");
  if (!f) {
    error = "cannot open " + path + ": " + strerror(errno);
    return false;
  }
  out.clear();
  char buf[1 << 16];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, f)) > 0)
    out.append(buf, n);
  bool bad = ferror(f);
  fclose(f);
  if (bad) {
    error = "cannot read " + path;
    return false;
  }
  return true;
}

bool readInputFile(const std::string &path, uint64_t maxBytes,
                   std::string &out, std::string &error) {
  out.clear();
  int fd = open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) {
    error = "cannot open " + path + ": " + strerror(errno);
    return false;
  }
  struct stat st;
  if (fstat(fd, &st) != 0) {
    error = "cannot stat " + path + ": " + strerror(errno);
    close(fd);
    return false;
  }
  if (!S_ISREG(st.st_mode)) {
    const char *what = S_ISDIR(st.st_mode)    ? "a directory"
                       : S_ISFIFO(st.st_mode) ? "a FIFO"
                       : S_ISCHR(st.st_mode)  ? "a character device"
                       : S_ISBLK(st.st_mode)  ? "a block device"
                       : S_ISSOCK(st.st_mode) ? "a socket"
                                              : "not a regular file";
    error = path + ": not a regular file (" + what + ")";
    close(fd);
    return false;
  }
  if ((uint64_t)st.st_size > maxBytes) {
    error = path + ": file too large (" + std::to_string(st.st_size) +
            " bytes; the limit is " + std::to_string(maxBytes) + ")";
    close(fd);
    return false;
  }
  // Regular files ignore O_NONBLOCK; read at most maxBytes + 1 bytes (one
  // more tells that the file grew past the cap since fstat).
  out.reserve((size_t)st.st_size);
  char buf[1 << 16];
  for (;;) {
    ssize_t n = read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0) {
      error = "cannot read " + path + ": " + strerror(errno);
      close(fd);
      return false;
    }
    if (n == 0)
      break;
    out.append(buf, (size_t)n);
    if (out.size() > maxBytes) {
      error = path + ": file too large (over the limit of " +
              std::to_string(maxBytes) + " bytes)";
      close(fd);
      out.clear();
      return false;
    }
  }
  close(fd);
  return true;
}

void skipUtf8Bom(std::string &text) {
  if (text.size() >= 3 && (unsigned char)text[0] == 0xEF &&
      (unsigned char)text[1] == 0xBB && (unsigned char)text[2] == 0xBF)
    text.erase(0, 3);
}

} // namespace runtime
} // namespace arcdsl
