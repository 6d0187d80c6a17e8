//===- Lexer.cpp - Lexer for the ARC-DSL Python subset --------------------===//
//
// The bodies of the Lexer declared in Lexer.h: indentation, identifiers,
// numbers, string literals (with their escapes) and operators.
//===----------------------------------------------------------------------===//

#include "Lexer.h"

namespace arcdsl {
namespace py {

std::vector<Token> Lexer::tokenize() {
  toks.reserve(src.size() / 2 + 16);
  indents.push_back(0);
  while (!failed) {
    if (atLineStart && depth == 0) {
      if (!handleIndentation())
        break; // EOF or error
      continue;
    }
    // Skip intra-line whitespace.
    while (pos < src.size() && (src[pos] == ' ' || src[pos] == '\t' || src[pos] == '\f'))
      ++pos;
    if (pos >= src.size())
      break;
    char c = src[pos];
    if (c == '#') {
      while (pos < src.size() && src[pos] != '\n' && src[pos] != '\r')
        ++pos;
      continue;
    }
    if (c == '\n' || c == '\r') {
      if (depth == 0) {
        Token t = make(Tok::Newline, pos, 1);
        toks.push_back(std::move(t));
        atLineStart = true;
      }
      consumeNewline();
      continue;
    }
    if (c == '\\') {
      size_t p = pos + 1;
      if (p < src.size() && (src[p] == '\n' || src[p] == '\r')) {
        pos = p;
        consumeNewline();
        if (pos >= src.size())
          return finishError(pos, "unexpected end of file after line continuation character");
        continue;
      }
      if (p >= src.size())
        return finishError(pos, "unexpected end of file after line continuation character");
      return finishError(pos, "unexpected character after line continuation character");
    }
    if (isIdentStart(c)) {
      lexIdentifierOrString();
      continue;
    }
    if (isDigit(c) || (c == '.' && pos + 1 < src.size() && isDigit(src[pos + 1]))) {
      lexNumber();
      continue;
    }
    if (c == '\'' || c == '"') {
      lexString(pos, /*raw=*/false);
      continue;
    }
    lexOperator();
  }
  if (failed)
    return std::move(toks);
  // End of input: terminate the last logical line, close open blocks.
  if (!toks.empty() && !toks.back().is(Tok::Newline) && !toks.back().is(Tok::Dedent) &&
      !toks.back().is(Tok::Indent))
    toks.push_back(make(Tok::Newline, pos, 0));
  while (indents.size() > 1) {
    indents.pop_back();
    toks.push_back(make(Tok::Dedent, pos, 0));
  }
  toks.push_back(make(Tok::Eof, pos, 0));
  return std::move(toks);
}

void Lexer::consumeNewline() {
  if (src[pos] == '\r' && pos + 1 < src.size() && src[pos + 1] == '\n')
    ++pos;
  ++pos;
  ++line;
  lineStart = pos;
}

std::vector<Token> Lexer::finishError(size_t at, std::string msg) {
  errorAt(line, colOf(at), std::move(msg));
  return std::move(toks);
}

void Lexer::errorAt(unsigned l, unsigned c, std::string msg) {
  if (failed)
    return;
  Token t;
  t.kind = Tok::Error;
  t.line = l;
  t.col = c;
  t.intValue = (int64_t)strs.size();
  strs.push_back(std::move(msg));
  toks.push_back(std::move(t));
  failed = true;
}

bool Lexer::handleIndentation() {
  for (;;) {
    unsigned ind = 0;
    size_t p = pos;
    size_t tabAt = std::string_view::npos;
    while (p < src.size()) {
      char c = src[p];
      if (c == ' ') {
        ++ind;
      } else if (c == '\t') {
        if (tabAt == std::string_view::npos)
          tabAt = p;
        ++ind;
      } else if (c == '\f') {
        ind = 0;
      } else {
        break;
      }
      ++p;
    }
    if (p >= src.size()) {
      pos = p;
      return false;
    }
    char c = src[p];
    if (c == '#' || c == '\n' || c == '\r') {
      // Blank or comment-only line: no tokens.
      while (p < src.size() && src[p] != '\n' && src[p] != '\r')
        ++p;
      pos = p;
      if (pos >= src.size())
        return false;
      consumeNewline();
      continue;
    }
    if (tabAt != std::string_view::npos) {
      errorAt(line, colOf(tabAt), "tabs are not allowed in indentation");
      return false;
    }
    pos = p;
    atLineStart = false;
    if (ind > indents.back()) {
      indents.push_back(ind);
      toks.push_back(make(Tok::Indent, pos, 0));
    } else {
      while (ind < indents.back()) {
        indents.pop_back();
        toks.push_back(make(Tok::Dedent, pos, 0));
      }
      if (ind != indents.back()) {
        errorAt(line, colOf(pos), "unindent does not match any outer indentation level");
        return false;
      }
    }
    return true;
  }
}

void Lexer::lexIdentifierOrString() {
  size_t start = pos;
  while (pos < src.size() && isIdentChar(src[pos]))
    ++pos;
  std::string_view word = src.substr(start, pos - start);
  if (pos < src.size() && (src[pos] == '\'' || src[pos] == '"') && word.size() <= 2) {
    // Possible string prefix.
    bool raw = false, bytes = false, fmt = false, uni = false, ok = true;
    for (char ch : word) {
      switch (ch) {
      case 'r': case 'R': ok &= !raw; raw = true; break;
      case 'b': case 'B': ok &= !bytes; bytes = true; break;
      case 'f': case 'F': ok &= !fmt; fmt = true; break;
      case 'u': case 'U': ok &= !uni; uni = true; break;
      default: ok = false;
      }
    }
    if (ok && !(uni && (raw || bytes || fmt)) && !(bytes && fmt)) {
      if (bytes)
        return (void)errorAt(line, colOf(start), "bytes literals are not supported");
      if (fmt)
        return (void)errorAt(line, colOf(start), "f-strings are not supported");
      lexString(start, raw);
      return;
    }
  }
  Token t = make(isPythonKeyword(word) ? Tok::Keyword : Tok::Name, start, pos - start);
  toks.push_back(std::move(t));
}

void Lexer::lexNumber() {
  size_t start = pos;
  unsigned startCol = colOf(start);
  auto fail = [&](const char *msg) { errorAt(line, startCol, msg); };
  int base = 10;
  if (src[pos] == '0' && pos + 1 < src.size()) {
    char n = src[pos + 1];
    if (n == 'x' || n == 'X') base = 16;
    else if (n == 'o' || n == 'O') base = 8;
    else if (n == 'b' || n == 'B') base = 2;
    if (base != 10)
      pos += 2;
  }
  uint64_t value = 0;
  bool overflow = false, anyDigit = false, leadingZeroNonZero = false;
  bool firstIsZero = base == 10 && pos < src.size() && src[pos] == '0';
  bool lastUnderscore = false;
  while (pos < src.size()) {
    char ch = src[pos];
    int d;
    if (ch == '_') {
      if (lastUnderscore || (!anyDigit && base == 10))
        return fail("invalid number literal");
      lastUnderscore = true;
      ++pos;
      continue;
    }
    if (isDigit(ch)) d = ch - '0';
    else if (ch >= 'a' && ch <= 'f') d = ch - 'a' + 10;
    else if (ch >= 'A' && ch <= 'F') d = ch - 'A' + 10;
    else break;
    if (d >= base) {
      if (base == 10)
        break; // e.g. "1e5" -> handled below
      return fail("invalid digit in number literal");
    }
    lastUnderscore = false;
    if (anyDigit && firstIsZero && d != 0)
      leadingZeroNonZero = true;
    anyDigit = true;
    if (value > (UINT64_MAX - (uint64_t)d) / (uint64_t)base)
      overflow = true;
    else
      value = value * (uint64_t)base + (uint64_t)d;
    ++pos;
  }
  if (lastUnderscore)
    return fail("invalid number literal");
  if (pos < src.size()) {
    char ch = src[pos];
    if (base == 10 && (ch == '.' || ch == 'e' || ch == 'E'))
      return fail("floating-point literals are not supported");
    if (ch == 'j' || ch == 'J')
      return fail("complex literals are not supported");
    if (isIdentChar(ch))
      return fail("invalid number literal");
  }
  if (!anyDigit)
    return fail("invalid number literal");
  if (leadingZeroNonZero)
    return fail("leading zeros in decimal integer literals are not permitted");
  if (overflow || value > (uint64_t)INT64_MAX)
    return fail("integer literal is too large");
  Token t = make(Tok::Int, start, pos - start);
  t.col = startCol;
  t.intValue = (int64_t)value;
  toks.push_back(std::move(t));
}

void Lexer::appendUtf8(std::string &out, uint32_t cp) {
  if (cp < 0x80) {
    out += (char)cp;
  } else if (cp < 0x800) {
    out += (char)(0xC0 | (cp >> 6));
    out += (char)(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += (char)(0xE0 | (cp >> 12));
    out += (char)(0x80 | ((cp >> 6) & 0x3F));
    out += (char)(0x80 | (cp & 0x3F));
  } else {
    out += (char)(0xF0 | (cp >> 18));
    out += (char)(0x80 | ((cp >> 12) & 0x3F));
    out += (char)(0x80 | ((cp >> 6) & 0x3F));
    out += (char)(0x80 | (cp & 0x3F));
  }
}

int Lexer::hexVal(char c) {
  if (isDigit(c)) return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void Lexer::lexString(size_t start, bool raw) {
  unsigned startLine = line, startCol = colOf(start);
  char q = src[pos];
  bool triple = pos + 2 < src.size() && src[pos + 1] == q && src[pos + 2] == q;
  pos += triple ? 3 : 1;
  std::string out;
  for (;;) {
    if (pos >= src.size()) {
      errorAt(startLine, startCol,
              triple ? "unterminated triple-quoted string literal (detected at line " +
                           std::to_string(line) + ")"
                     : "unterminated string literal (detected at line " +
                           std::to_string(line) + ")");
      return;
    }
    char c = src[pos];
    if (c == q) {
      if (!triple) {
        ++pos;
        break;
      }
      if (pos + 2 < src.size() && src[pos + 1] == q && src[pos + 2] == q) {
        pos += 3;
        break;
      }
      out += c;
      ++pos;
      continue;
    }
    if (c == '\n' || c == '\r') {
      if (!triple) {
        errorAt(startLine, startCol,
                "unterminated string literal (detected at line " + std::to_string(line) + ")");
        return;
      }
      out += '\n';
      consumeNewline();
      continue;
    }
    if (c != '\\') {
      out += c;
      ++pos;
      continue;
    }
    // Backslash.
    if (pos + 1 >= src.size()) {
      ++pos;
      continue; // reported as unterminated on next iteration
    }
    char e = src[pos + 1];
    if (e == '\n' || e == '\r') {
      // Line continuation inside a string.
      if (raw)
        out += '\\';
      ++pos;
      if (raw)
        out += '\n';
      consumeNewline();
      continue;
    }
    if (raw) {
      // Backslash escapes the quote but is kept.
      out += '\\';
      out += e;
      pos += 2;
      continue;
    }
    size_t escCol = colOf(pos);
    pos += 2;
    switch (e) {
    case '\\': out += '\\'; break;
    case '\'': out += '\''; break;
    case '"': out += '"'; break;
    case 'a': out += '\a'; break;
    case 'b': out += '\b'; break;
    case 'f': out += '\f'; break;
    case 'n': out += '\n'; break;
    case 'r': out += '\r'; break;
    case 't': out += '\t'; break;
    case 'v': out += '\v'; break;
    case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
      unsigned v = (unsigned)(e - '0');
      for (int k = 0; k < 2 && pos < src.size() && src[pos] >= '0' && src[pos] <= '7'; ++k)
        v = v * 8 + (unsigned)(src[pos++] - '0');
      appendUtf8(out, v);
      break;
    }
    case 'x': case 'u': case 'U': {
      int n = e == 'x' ? 2 : e == 'u' ? 4 : 8;
      uint32_t v = 0;
      for (int k = 0; k < n; ++k) {
        int h = pos < src.size() ? hexVal(src[pos]) : -1;
        if (h < 0) {
          errorAt(line, (unsigned)escCol, std::string("truncated \\") + e + " escape");
          return;
        }
        v = v * 16 + (uint32_t)h;
        ++pos;
      }
      if (v > 0x10FFFF) {
        errorAt(line, (unsigned)escCol, "illegal Unicode character in escape");
        return;
      }
      appendUtf8(out, v);
      break;
    }
    case 'N':
      errorAt(line, (unsigned)escCol, "\\N{...} escapes are not supported");
      return;
    default:
      // Unknown escape: kept verbatim (Python semantics).
      out += '\\';
      out += e;
      break;
    }
  }
  Token t;
  t.kind = Tok::Str;
  t.line = startLine;
  t.col = startCol;
  t.text = src.substr(start, pos - start);
  t.intValue = (int64_t)strs.size();
  strs.push_back(std::move(out));
  toks.push_back(std::move(t));
}

void Lexer::lexOperator() {
  static constexpr std::string_view ops3[] = {"**=", "//=", ">>=", "<<=", "..."};
  static constexpr std::string_view ops2[] = {
      "->", ":=", "**", "//", "<<", ">>", "<=", ">=", "==", "!=",
      "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "@="};
  static const char ops1[] = "+-*/%@&|^~<>()[]{},:.;=";
  size_t rem = src.size() - pos;
  size_t len = 0;
  char c0 = src[pos];
  bool maybeMulti = rem >= 2 && c0 != '(' && c0 != ')' && c0 != ',' && c0 != '[' &&
                    c0 != ']' && c0 != '{' && c0 != '}';
  if (maybeMulti && rem >= 3)
    for (std::string_view o : ops3)
      if (o[0] == c0 && src.substr(pos, 3) == o) {
        len = 3;
        break;
      }
  if (maybeMulti && !len)
    for (std::string_view o : ops2)
      if (o[0] == c0 && o[1] == src[pos + 1]) {
        len = 2;
        break;
      }
  char c = src[pos];
  if (!len && c != '\0' && std::strchr(ops1, c))
    len = 1;
  if (!len) {
    unsigned char uc = (unsigned char)c;
    std::string msg;
    if (uc >= 0x80) {
      msg = "invalid non-ASCII character in source";
    } else if (uc < 0x20 || uc == 0x7F) {
      char buf[16];
      std::snprintf(buf, sizeof buf, "U+%04X", uc);
      msg = std::string("invalid non-printable character ") + buf;
    } else {
      msg = std::string("invalid character '") + c + "'";
    }
    errorAt(line, colOf(pos), msg);
    return;
  }
  if (len == 1) {
    if (c == '(' || c == '[' || c == '{')
      ++depth;
    else if ((c == ')' || c == ']' || c == '}') && depth > 0)
      --depth;
  }
  toks.push_back(make(Tok::Op, pos, len));
  pos += len;
}

} // namespace py
} // namespace arcdsl
