//===- Lexer.h - Lexer for the ARC-DSL Python subset ------------*- C++ -*-===//
//
// Tokenizes a whole source buffer up front (Python tokenizer semantics):
// NEWLINE/INDENT/DEDENT tokens, implicit line joining inside (), [], {},
// explicit joining with a trailing backslash, comments and blank lines
// skipped. On a lexical error the token stream ends with a single Tok::Error
// token whose `value` holds the message (it replaces Tok::Eof).
//
// Depends only on the C++ standard library.
//
//===----------------------------------------------------------------------===//

#ifndef ARCDSL_IMPORTPYTHON_LEXER_H
#define ARCDSL_IMPORTPYTHON_LEXER_H

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace arcdsl {
namespace py {

enum class Tok : uint8_t {
  Eof,
  Newline,
  Indent,
  Dedent,
  Name,
  Keyword,
  Int,
  Str,
  Op,    // punctuation/operator; text holds the spelling
  Error, // lexical error; value holds the message; always the last token
};

struct Token {
  std::string_view text; // spelling in the source (empty for synthetic tokens)
  int64_t intValue = 0;  // Tok::Int: value; Tok::Str/Tok::Error: index into
                         // Lexer::strings() (decoded contents / message)
  unsigned line = 1, col = 1;
  Tok kind = Tok::Eof;

  bool is(Tok k) const { return kind == k; }
  bool isOp(std::string_view s) const { return kind == Tok::Op && text == s; }
  bool isKeyword(std::string_view s) const { return kind == Tok::Keyword && text == s; }
};

inline bool isPythonKeyword(std::string_view s) {
  static constexpr std::string_view kws[] = {
      "False", "None",   "True",    "and",      "as",       "assert", "async",
      "await", "break",  "class",   "continue", "def",      "del",    "elif",
      "else",  "except", "finally", "for",      "from",     "global", "if",
      "import", "in",    "is",      "lambda",   "nonlocal", "not",    "or",
      "pass",  "raise",  "return",  "try",      "while",    "with",   "yield"};
  if (s.size() < 2 || s.size() > 8)
    return false;
  for (std::string_view k : kws)
    if (k.size() == s.size() && k[0] == s[0] && k == s)
      return true;
  return false;
}

class Lexer {
public:
  explicit Lexer(std::string_view src) : src(src) {
    // Skip a UTF-8 byte order mark.
    if (src.size() >= 3 && (unsigned char)src[0] == 0xEF && (unsigned char)src[1] == 0xBB &&
        (unsigned char)src[2] == 0xBF) {
      pos = 3;
      lineStart = 3;
    }
  }

  /// Tokenize the whole buffer. The result always ends with Eof or Error.
  std::vector<Token> tokenize();

  /// Decoded string-literal contents and error messages, indexed by
  /// Token::intValue of Tok::Str / Tok::Error tokens.
  std::vector<std::string> &strings() { return strs; }

private:
  std::string_view src;
  size_t pos = 0;
  size_t lineStart = 0;
  unsigned line = 1;
  int depth = 0; // bracket nesting
  bool atLineStart = true;
  bool failed = false;
  std::vector<unsigned> indents;
  std::vector<Token> toks;
  std::vector<std::string> strs;

  static bool isDigit(char c) { return c >= '0' && c <= '9'; }
  static bool isIdentStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }
  static bool isIdentChar(char c) { return isIdentStart(c) || isDigit(c); }

  unsigned colOf(size_t p) const { return (unsigned)(p - lineStart + 1); }

  Token make(Tok kind, size_t start, size_t len) const {
    Token t;
    t.kind = kind;
    t.line = line;
    t.col = colOf(start);
    if (start <= src.size())
      t.text = src.substr(start, len);
    return t;
  }

  /// Consume one newline sequence ("\n", "\r\n" or "\r") at pos.
  void consumeNewline();

  std::vector<Token> finishError(size_t at, std::string msg);
  void errorAt(unsigned l, unsigned c, std::string msg);

  /// At the start of a physical line outside brackets: measure indentation,
  /// skip blank/comment lines, emit INDENT/DEDENT. Returns false at EOF or on
  /// error.
  bool handleIndentation();

  void lexIdentifierOrString();

  void lexNumber();

  static void appendUtf8(std::string &out, uint32_t cp);

  static int hexVal(char c);

  /// Lex a string literal whose prefix starts at `start`; pos is at the
  /// opening quote.
  void lexString(size_t start, bool raw);

  void lexOperator();
};

} // namespace py
} // namespace arcdsl

#endif // ARCDSL_IMPORTPYTHON_LEXER_H
