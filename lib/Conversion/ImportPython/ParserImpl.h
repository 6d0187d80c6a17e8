//===- ParserImpl.h - the recursive-descent parser --------------*- C++ -*-===//
//
// Private to ImportPython: the Parser class over the token vector that
// Lexer.h produces. Token helpers are inline here; statements are parsed in
// Parser.cpp, expressions in ParseExpr.cpp.
//===----------------------------------------------------------------------===//

#ifndef ARCDSL_IMPORTPYTHON_PARSERIMPL_H
#define ARCDSL_IMPORTPYTHON_PARSERIMPL_H

#include "Lexer.h"
#include "Parser.h"

#include <cstdio>
#include <utility>

namespace arcdsl {
namespace py {
namespace detail {


constexpr unsigned kMaxExprDepth = 200;
constexpr unsigned kMaxBlockDepth = 100;
constexpr unsigned kMaxChainPerStmt = 10000;
constexpr unsigned kMaxElifChain = 1000; // elif nests IfStmts in elseBody

class Parser {
public:
  Parser(std::vector<Token> tokens, std::vector<std::string> strings,
         std::shared_ptr<std::string> file, std::vector<Diagnostic> &diags)
      : toks(std::move(tokens)), strs(std::move(strings)), file(std::move(file)),
        diags(diags) {}

  std::unique_ptr<Module> parseModule() {
    auto mod = std::make_unique<Module>();
    mod->file = file;
    while (!cur().is(Tok::Eof)) {
      if (!parseStatement(mod->body))
        return nullptr;
    }
    if (failed)
      return nullptr;
    return mod;
  }

private:
  std::vector<Token> toks;
  std::vector<std::string> strs;
  size_t idx = 0;
  std::shared_ptr<std::string> file;
  std::vector<Diagnostic> &diags;
  bool failed = false;
  unsigned exprDepth = 0;
  unsigned blockDepth = 0;
  unsigned elifNesting = 0;
  unsigned bracketDepth = 0;
  unsigned chainCount = 0;

  //===--------------------------------------------------------------------===//
  // Token helpers
  //===--------------------------------------------------------------------===//

  const Token &cur() const { return toks[idx]; }
  const Token &peek(size_t n = 1) const {
    size_t j = idx + n;
    return j < toks.size() ? toks[j] : toks.back();
  }
  const std::string &strValue(const Token &t) const {
    static const std::string empty;
    size_t i = (size_t)t.intValue;
    return i < strs.size() ? strs[i] : empty;
  }
  void advance() {
    if (idx + 1 < toks.size())
      ++idx;
  }
  bool isOp(std::string_view s) const { return cur().isOp(s); }
  bool isKw(std::string_view s) const { return cur().isKeyword(s); }

  Loc locOf(const Token &t) const { return Loc{file, t.line, t.col}; }
  static std::string lc(const Token &t) {
    return std::to_string(t.line) + ":" + std::to_string(t.col);
  }

  /// Record an error at token `t` (the lexer's message wins if `t` is a
  /// lexical error token). Always returns nullptr for convenience.
  std::nullptr_t error(const Token &t, std::string msg) {
    if (failed)
      return nullptr;
    failed = true;
    if (t.is(Tok::Error))
      diags.push_back({locOf(t), clipMessage(strValue(t))});
    else
      diags.push_back({locOf(t), clipMessage(msg)});
    return nullptr;
  }
  std::nullptr_t error(const Loc &l, std::string msg) {
    if (failed)
      return nullptr;
    failed = true;
    diags.push_back({l, clipMessage(msg)});
    return nullptr;
  }

  /// Generic "unexpected token" message for the current token.
  std::nullptr_t unexpected(const char *fallback = "invalid syntax") {
    const Token &t = cur();
    switch (t.kind) {
    case Tok::Error:
      return error(t, "");
    case Tok::Indent:
      return error(t, "unexpected indent");
    case Tok::Eof:
      return error(t, "unexpected end of file");
    case Tok::Op:
      if ((t.text == ")" || t.text == "]" || t.text == "}") && bracketDepth == 0)
        return error(t, "unmatched '" + std::string(t.text) + "'");
      if (t.text == ";" || t.text == "=" || t.text == "," || t.text == ")" || t.text == "]" ||
          t.text == "}" || t.text == ":")
        return error(t, std::string(fallback) + " (unexpected '" + std::string(t.text) + "')");
      break;
    default:
      break;
    }
    return error(t, fallback);
  }

  /// Expect a closing bracket `close` matching `open`.
  bool expectClose(const char *close, const Token &open) {
    if (isOp(close)) {
      advance();
      return true;
    }
    if (cur().is(Tok::Error))
      return error(cur(), ""), false;
    error(cur(), std::string("expected '") + close + "' to close '" + std::string(open.text) +
                     "' opened at " + lc(open));
    return false;
  }

  bool startsExpr(const Token &t) const {
    switch (t.kind) {
    case Tok::Name:
    case Tok::Int:
    case Tok::Str:
      return true;
    case Tok::Keyword:
      return t.text == "True" || t.text == "False" || t.text == "None" || t.text == "not" ||
             t.text == "lambda" || t.text == "await" || t.text == "yield";
    case Tok::Op:
      return t.text == "(" || t.text == "[" || t.text == "{" || t.text == "-" || t.text == "+" ||
             t.text == "~" || t.text == "..." || t.text == "*";
    default:
      return false;
    }
  }

  bool bumpChain(const Token &at) {
    if (++chainCount > kMaxChainPerStmt) {
      error(at, "expression is too complex");
      return false;
    }
    return true;
  }

  struct DepthGuard {
    unsigned &d;
    explicit DepthGuard(unsigned &d) : d(d) { ++d; }
    ~DepthGuard() { --d; }
  };
  struct BracketGuard {
    unsigned &d;
    explicit BracketGuard(unsigned &d) : d(d) { ++d; }
    ~BracketGuard() { --d; }
  };

  //===--------------------------------------------------------------------===//
  // Statements
  //===--------------------------------------------------------------------===//

  /// Parse one statement (simple-statement line or compound statement),
  /// appending zero or more statements to `out`. Always consumes at least one
  /// token on success.
  bool parseStatement(StmtList &out);

  /// small_stmt (';' small_stmt)* [';'] NEWLINE
  bool parseSimpleStatements(StmtList &out);

  bool atStmtEnd() const;

  bool parseSmallStatement(StmtList &out);

  static const char *describeForAssign(const Expr &e);

  bool convertTargets(Expr &e, AssignStmt &assign);

  /// Parse a dotted name `a.b.c` into `out`.
  bool parseDottedName(std::string &out);

  bool parseAsName(std::string &asName);

  bool parseImport(StmtList &out);

  bool parseFromImport(StmtList &out);

  /// ':' followed by an indented block or a same-line simple statement list.
  bool parseBlock(StmtList &body, const Token &header, const char *what);

  bool parseFunctionDef(StmtList &out);

  bool parseIf(StmtList &out);

  bool parseTry(StmtList &out);

  //===--------------------------------------------------------------------===//
  // Expressions
  //===--------------------------------------------------------------------===//

  /// expr (',' expr)* [','] -> unparenthesized tuple if any comma.
  ExprPtr parseExprList();

  ExprPtr parseExpr();

  ExprPtr makeBinary(std::string op, const Token &opTok, ExprPtr lhs, ExprPtr rhs);

  /// lhs (kw rhs)*, left-associative (`or`, `and`); operand parses each
  /// side.
  ExprPtr parseBoolChain(const char *kw, ExprPtr (Parser::*operand)());
  ExprPtr parseOr();

  ExprPtr parseAnd();

  ExprPtr parseNot();

  /// Returns the comparison operator at the current position (consuming it),
  /// or empty if none.
  std::string takeCompOp();

  ExprPtr parseComparison();

  /// Binary precedence levels below comparisons (loosest first).
  static int binaryLevel(const Token &t);
  static constexpr int kNumBinaryLevels = 6;

  ExprPtr parseBinary(int level);

  ExprPtr parseFactor();

  ExprPtr parsePower();

  ExprPtr parsePrimary();

  ExprPtr parseCall(ExprPtr callee);

  ExprPtr parseSubscript(ExprPtr value);

  /// Elements of a parenthesized tuple or list up to (not including) `close`.
  bool parseSequence(ExprList &elts, const char *close, const Token &open, bool &sawComma);

  ExprPtr parseAtom();
};

} // namespace detail
} // namespace py
} // namespace arcdsl

#endif // ARCDSL_IMPORTPYTHON_PARSERIMPL_H
