//===- Parser.cpp - Parser for the ARC-DSL Python subset ------------------===//
//
// Recursive-descent parser over the token vector produced by Lexer.h.
// Error handling without exceptions: the first error is recorded and every
// parse function returns null/false from then on, unwinding to parseModule.
//
//===----------------------------------------------------------------------===//

#include "Parser.h"
#include "Lexer.h"

#include <cstdio>
#include <utility>

using namespace arcdsl::py;

namespace {

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
  bool parseStatement(StmtList &out) {
    const Token &t = cur();
    switch (t.kind) {
    case Tok::Newline:
      advance();
      return true;
    case Tok::Indent:
      return unexpected(), false;
    case Tok::Dedent:
    case Tok::Eof:
    case Tok::Error:
      return unexpected(), false;
    case Tok::Keyword:
      if (t.text == "def")
        return parseFunctionDef(out);
      if (t.text == "if")
        return parseIf(out);
      if (t.text == "try")
        return parseTry(out);
      if (t.text == "for" || t.text == "while" || t.text == "class" || t.text == "with" ||
          t.text == "async")
        return error(t, "unsupported statement '" + std::string(t.text) + "'"), false;
      if (t.text == "elif" || t.text == "else" || t.text == "except" || t.text == "finally")
        return error(t, "invalid syntax ('" + std::string(t.text) +
                            "' without a matching statement)"),
               false;
      break;
    case Tok::Op:
      if (t.text == "@")
        return error(t, "unsupported statement (decorators are not supported)"), false;
      break;
    default:
      break;
    }
    return parseSimpleStatements(out);
  }

  /// small_stmt (';' small_stmt)* [';'] NEWLINE
  bool parseSimpleStatements(StmtList &out) {
    for (;;) {
      chainCount = 0;
      if (!parseSmallStatement(out))
        return false;
      if (isOp(";")) {
        advance();
        if (cur().is(Tok::Newline)) {
          advance();
          return true;
        }
        continue;
      }
      if (cur().is(Tok::Newline)) {
        advance();
        return true;
      }
      if (cur().is(Tok::Eof))
        return true;
      return unexpected(), false;
    }
  }

  bool atStmtEnd() const {
    return cur().is(Tok::Newline) || cur().is(Tok::Eof) || isOp(";");
  }

  bool parseSmallStatement(StmtList &out) {
    const Token &t = cur();
    Loc loc = locOf(t);
    if (t.is(Tok::Keyword)) {
      if (t.text == "pass") {
        advance();
        out.push_back(std::make_unique<PassStmt>(loc));
        return true;
      }
      if (t.text == "return") {
        advance();
        ExprPtr value;
        if (!atStmtEnd()) {
          value = parseExprList();
          if (!value)
            return false;
        }
        out.push_back(std::make_unique<ReturnStmt>(loc, std::move(value)));
        return true;
      }
      if (t.text == "import")
        return parseImport(out);
      if (t.text == "from")
        return parseFromImport(out);
      if (t.text == "def" || t.text == "if" || t.text == "try")
        return error(t, "invalid syntax ('" + std::string(t.text) +
                            "' must start a new line)"),
               false;
      if (t.text == "break" || t.text == "continue" || t.text == "raise" || t.text == "del" ||
          t.text == "global" || t.text == "nonlocal" || t.text == "assert" ||
          t.text == "yield" || t.text == "for" || t.text == "while" || t.text == "class" ||
          t.text == "with" || t.text == "async")
        return error(t, "unsupported statement '" + std::string(t.text) + "'"), false;
    }

    // Expression statement or assignment.
    ExprPtr e = parseExprList();
    if (!e)
      return false;
    if (isOp("=")) {
      auto assign = std::make_unique<AssignStmt>(loc, nullptr);
      if (!convertTargets(*e, *assign))
        return false;
      advance();
      ExprPtr value = parseExprList();
      if (!value)
        return false;
      if (isOp("="))
        return error(cur(), "chained assignment is not supported"), false;
      assign->value = std::move(value);
      out.push_back(std::move(assign));
      return true;
    }
    if (cur().is(Tok::Op) && cur().text.size() >= 2 && cur().text.back() == '=' &&
        cur().text != "==" && cur().text != "!=" && cur().text != "<=" && cur().text != ">=")
      return error(cur(), "augmented assignment ('" + std::string(cur().text) +
                              "') is not supported"),
             false;
    if (isOp(":"))
      return error(cur(), "annotated assignments are not supported"), false;
    if (isOp(":="))
      return error(cur(), "assignment expressions are not supported"), false;
    // String-literal statements (docstrings) are parsed and dropped.
    if (StrExpr::classof(e.get()))
      return true;
    out.push_back(std::make_unique<ExprStmt>(loc, std::move(e)));
    return true;
  }

  static const char *describeForAssign(const Expr &e) {
    switch (e.getKind()) {
    case Expr::Expr_Call: return "function call";
    case Expr::Expr_Attribute: return "attribute";
    case Expr::Expr_Subscript: return "subscript";
    case Expr::Expr_Int:
    case Expr::Expr_Str: return "literal";
    case Expr::Expr_Bool: return static_cast<const BoolExpr &>(e).value ? "True" : "False";
    case Expr::Expr_None: return "None";
    case Expr::Expr_BinaryOp: return "expression";
    case Expr::Expr_UnaryOp: return "expression";
    case Expr::Expr_Tuple: return "tuple";
    case Expr::Expr_List: return "list";
    case Expr::Expr_Name: return "name";
    }
    return "expression";
  }

  bool convertTargets(Expr &e, AssignStmt &assign) {
    if (auto *n = NameExpr::classof(&e) ? static_cast<NameExpr *>(&e) : nullptr) {
      assign.targets.push_back({n->id, n->loc});
      return true;
    }
    ExprList *elts = nullptr;
    if (TupleExpr::classof(&e))
      elts = &static_cast<TupleExpr &>(e).elts;
    else if (ListExpr::classof(&e))
      elts = &static_cast<ListExpr &>(e).elts;
    if (!elts) {
      error(e.loc, std::string("cannot assign to ") + describeForAssign(e) +
                       " (only names and tuples of names are supported)");
      return false;
    }
    if (elts->empty()) {
      error(e.loc, std::string("cannot assign to empty ") + describeForAssign(e));
      return false;
    }
    assign.isTuple = true;
    for (auto &el : *elts) {
      if (!NameExpr::classof(el.get())) {
        if (TupleExpr::classof(el.get()) || ListExpr::classof(el.get()))
          error(el->loc, "nested tuple unpacking is not supported");
        else
          error(el->loc, std::string("cannot assign to ") + describeForAssign(*el) +
                             " (only names and tuples of names are supported)");
        return false;
      }
      auto *n = static_cast<NameExpr *>(el.get());
      assign.targets.push_back({n->id, n->loc});
    }
    return true;
  }

  /// Parse a dotted name `a.b.c` into `out`.
  bool parseDottedName(std::string &out) {
    if (!cur().is(Tok::Name))
      return error(cur(), "expected module name"), false;
    out = std::string(cur().text);
    advance();
    while (isOp(".")) {
      advance();
      if (!cur().is(Tok::Name))
        return error(cur(), "expected name after '.'"), false;
      out += '.';
      out += cur().text;
      advance();
    }
    return true;
  }

  bool parseAsName(std::string &asName) {
    if (!isKw("as"))
      return true;
    advance();
    if (!cur().is(Tok::Name))
      return error(cur(), "expected name after 'as'"), false;
    asName = std::string(cur().text);
    advance();
    return true;
  }

  bool parseImport(StmtList &out) {
    auto imp = std::make_unique<ImportStmt>(locOf(cur()));
    advance(); // import
    for (;;) {
      ImportStmt::Alias a;
      a.loc = locOf(cur());
      if (!parseDottedName(a.name) || !parseAsName(a.asName))
        return false;
      imp->names.push_back(std::move(a));
      if (!isOp(","))
        break;
      advance();
    }
    out.push_back(std::move(imp));
    return true;
  }

  bool parseFromImport(StmtList &out) {
    auto imp = std::make_unique<ImportStmt>(locOf(cur()));
    imp->isFrom = true;
    advance(); // from
    while (isOp(".") || isOp("...")) {
      imp->level += (unsigned)cur().text.size();
      advance();
    }
    if (!isKw("import")) {
      if (!parseDottedName(imp->module))
        return false;
    } else if (imp->level == 0) {
      return error(cur(), "expected module name"), false;
    }
    if (!isKw("import"))
      return error(cur(), "expected 'import'"), false;
    advance();
    if (isOp("*")) {
      imp->isStar = true;
      advance();
      out.push_back(std::move(imp));
      return true;
    }
    const Token *open = nullptr;
    if (isOp("(")) {
      open = &cur();
      advance();
    }
    for (;;) {
      if (!cur().is(Tok::Name))
        return error(cur(), "expected name to import"), false;
      ImportStmt::Alias a;
      a.loc = locOf(cur());
      a.name = std::string(cur().text);
      advance();
      if (!parseAsName(a.asName))
        return false;
      imp->names.push_back(std::move(a));
      if (!isOp(","))
        break;
      advance();
      if (open && isOp(")"))
        break;
      if (!open && atStmtEnd())
        return error(cur(), "trailing comma not allowed without surrounding parentheses"),
               false;
    }
    if (open && !expectClose(")", *open))
      return false;
    out.push_back(std::move(imp));
    return true;
  }

  /// ':' followed by an indented block or a same-line simple statement list.
  bool parseBlock(StmtList &body, const Token &header, const char *what) {
    if (!isOp(":")) {
      if (cur().is(Tok::Error))
        return error(cur(), ""), false;
      return error(cur(), "expected ':'"), false;
    }
    advance();
    if (!cur().is(Tok::Newline))
      return parseSimpleStatements(body);
    advance();
    if (!cur().is(Tok::Indent)) {
      if (cur().is(Tok::Error))
        return error(cur(), ""), false;
      return error(cur(), std::string("expected an indented block after ") + what +
                              " on line " + std::to_string(header.line)),
             false;
    }
    if (blockDepth >= kMaxBlockDepth)
      return error(cur(), "too many levels of indentation"), false;
    DepthGuard g(blockDepth);
    advance();
    while (!cur().is(Tok::Dedent)) {
      if (cur().is(Tok::Eof))
        break; // cannot really happen: the lexer closes all blocks
      if (!parseStatement(body))
        return false;
    }
    advance(); // Dedent
    return true;
  }

  bool parseFunctionDef(StmtList &out) {
    const Token &defTok = cur();
    advance();
    if (!cur().is(Tok::Name))
      return error(cur(), "expected function name after 'def'"), false;
    auto fn = std::make_unique<FunctionDefStmt>(locOf(defTok), std::string(cur().text),
                                                locOf(cur()));
    advance();
    if (!isOp("("))
      return error(cur(), "expected '(' after function name"), false;
    const Token &open = cur();
    advance();
    BracketGuard bg(bracketDepth);
    bool sawDefault = false;
    while (!isOp(")")) {
      if (isOp("*") || isOp("**") || isOp("/"))
        return error(cur(), "unsupported parameter kind '" + std::string(cur().text) + "'"),
               false;
      if (!cur().is(Tok::Name)) {
        if (cur().is(Tok::Newline) || cur().is(Tok::Eof) || isOp(":"))
          return expectClose(")", open);
        return error(cur(), "expected parameter name"), false;
      }
      FunctionDefStmt::Param p;
      p.name = std::string(cur().text);
      p.loc = locOf(cur());
      for (auto &q : fn->params)
        if (q.name == p.name)
          return error(cur(), "duplicate argument '" + p.name + "' in function definition"),
                 false;
      advance();
      if (isOp(":")) {
        advance();
        p.annotation = parseExpr();
        if (!p.annotation)
          return false;
      }
      if (isOp("=")) {
        advance();
        p.defaultValue = parseExpr();
        if (!p.defaultValue)
          return false;
        sawDefault = true;
      } else if (sawDefault) {
        return error(p.loc, "non-default argument follows default argument"), false;
      }
      fn->params.push_back(std::move(p));
      if (isOp(",")) {
        advance();
        continue;
      }
      if (!isOp(")"))
        return expectClose(")", open);
    }
    advance(); // ')'
    if (isOp("->")) {
      advance();
      fn->returns = parseExpr();
      if (!fn->returns)
        return false;
    }
    if (!parseBlock(fn->body, defTok, "function definition"))
      return false;
    out.push_back(std::move(fn));
    return true;
  }

  bool parseIf(StmtList &out) {
    const Token &ifTok = cur();
    advance();
    chainCount = 0;
    ExprPtr cond = parseExpr();
    if (!cond)
      return false;
    auto stmt = std::make_unique<IfStmt>(locOf(ifTok), std::move(cond));
    if (!parseBlock(stmt->thenBody, ifTok,
                    ifTok.text == "elif" ? "'elif' statement" : "'if' statement"))
      return false;
    if (isKw("elif")) {
      // Each elif nests one level deeper (in elseBody); the total over the
      // whole active stack is bounded, like block depth.
      if (elifNesting >= kMaxElifChain)
        return error(cur(), "too many nested 'elif' clauses"), false;
      DepthGuard g(elifNesting);
      if (!parseIf(stmt->elseBody))
        return false;
    } else if (isKw("else")) {
      const Token &elseTok = cur();
      advance();
      if (!parseBlock(stmt->elseBody, elseTok, "'else' statement"))
        return false;
    }
    out.push_back(std::move(stmt));
    return true;
  }

  bool parseTry(StmtList &out) {
    const Token &tryTok = cur();
    advance();
    auto stmt = std::make_unique<TryStmt>(locOf(tryTok));
    if (!parseBlock(stmt->body, tryTok, "'try' statement"))
      return false;
    bool sawBare = false;
    while (isKw("except")) {
      const Token &exTok = cur();
      if (sawBare)
        return error(exTok, "default 'except:' must be last"), false;
      advance();
      TryStmt::Handler h;
      h.loc = locOf(exTok);
      if (isOp("*"))
        return error(cur(), "'except*' is not supported"), false;
      if (!isOp(":")) {
        chainCount = 0;
        ExprPtr type = parseExpr();
        if (!type)
          return false;
        if (isOp(","))
          return error(cur(), "multiple exception types must be parenthesized"), false;
        if (TupleExpr::classof(type.get())) {
          for (auto &el : static_cast<TupleExpr &>(*type).elts)
            h.types.push_back(std::move(el));
        } else {
          h.types.push_back(std::move(type));
        }
        if (isKw("as")) {
          advance();
          if (!cur().is(Tok::Name))
            return error(cur(), "expected name after 'as'"), false;
          h.name = std::string(cur().text);
          h.nameLoc = locOf(cur());
          advance();
        }
      } else {
        sawBare = true;
      }
      if (!parseBlock(h.body, exTok, "'except' statement"))
        return false;
      stmt->handlers.push_back(std::move(h));
    }
    if (isKw("finally"))
      return error(cur(), "'finally' clauses are not supported"), false;
    if (isKw("else"))
      return error(cur(), "'else' clauses on 'try' statements are not supported"), false;
    if (stmt->handlers.empty()) {
      if (cur().is(Tok::Error))
        return error(cur(), ""), false;
      return error(cur(), "expected 'except' block"), false;
    }
    out.push_back(std::move(stmt));
    return true;
  }

  //===--------------------------------------------------------------------===//
  // Expressions
  //===--------------------------------------------------------------------===//

  /// expr (',' expr)* [','] -> unparenthesized tuple if any comma.
  ExprPtr parseExprList() {
    ExprPtr first = parseExpr();
    if (!first)
      return nullptr;
    if (!isOp(","))
      return first;
    auto tup = std::make_unique<TupleExpr>(first->loc, /*parenthesized=*/false);
    tup->elts.push_back(std::move(first));
    while (isOp(",")) {
      advance();
      if (!startsExpr(cur()))
        break;
      ExprPtr e = parseExpr();
      if (!e)
        return nullptr;
      tup->elts.push_back(std::move(e));
    }
    return tup;
  }

  ExprPtr parseExpr() {
    if (exprDepth >= kMaxExprDepth)
      return error(cur(), "expression is nested too deeply");
    DepthGuard g(exprDepth);
    ExprPtr e = parseOr();
    if (!e)
      return nullptr;
    if (isKw("if"))
      return error(cur(), "conditional expressions are not supported");
    if (isOp(":="))
      return error(cur(), "assignment expressions are not supported");
    return e;
  }

  ExprPtr makeBinary(std::string op, const Token &opTok, ExprPtr lhs, ExprPtr rhs) {
    Loc l = lhs->loc;
    return std::make_unique<BinaryOpExpr>(std::move(l), std::move(op), locOf(opTok),
                                          std::move(lhs), std::move(rhs));
  }

  ExprPtr parseOr() {
    ExprPtr lhs = parseAnd();
    while (lhs && isKw("or")) {
      const Token &opTok = cur();
      if (!bumpChain(opTok))
        return nullptr;
      advance();
      ExprPtr rhs = parseAnd();
      if (!rhs)
        return nullptr;
      lhs = makeBinary("or", opTok, std::move(lhs), std::move(rhs));
    }
    return lhs;
  }

  ExprPtr parseAnd() {
    ExprPtr lhs = parseNot();
    while (lhs && isKw("and")) {
      const Token &opTok = cur();
      if (!bumpChain(opTok))
        return nullptr;
      advance();
      ExprPtr rhs = parseNot();
      if (!rhs)
        return nullptr;
      lhs = makeBinary("and", opTok, std::move(lhs), std::move(rhs));
    }
    return lhs;
  }

  ExprPtr parseNot() {
    if (!isKw("not"))
      return parseComparison();
    const Token &opTok = cur();
    if (exprDepth >= kMaxExprDepth)
      return error(opTok, "expression is nested too deeply");
    DepthGuard g(exprDepth);
    advance();
    ExprPtr operand = parseNot();
    if (!operand)
      return nullptr;
    return std::make_unique<UnaryOpExpr>(locOf(opTok), "not", std::move(operand));
  }

  /// Returns the comparison operator at the current position (consuming it),
  /// or empty if none.
  std::string takeCompOp() {
    const Token &t = cur();
    if (t.is(Tok::Op)) {
      if (t.text == "<" || t.text == ">" || t.text == "==" || t.text == "!=" ||
          t.text == "<=" || t.text == ">=") {
        std::string op(t.text);
        advance();
        return op;
      }
      return {};
    }
    if (t.isKeyword("in")) {
      advance();
      return "in";
    }
    if (t.isKeyword("not") && peek().isKeyword("in")) {
      advance();
      advance();
      return "not in";
    }
    if (t.isKeyword("is")) {
      advance();
      if (isKw("not")) {
        advance();
        return "is not";
      }
      return "is";
    }
    return {};
  }

  ExprPtr parseComparison() {
    ExprPtr lhs = parseBinary(0);
    if (!lhs)
      return nullptr;
    const Token &opTok = cur();
    std::string op = takeCompOp();
    if (op.empty())
      return lhs;
    ExprPtr rhs = parseBinary(0);
    if (!rhs)
      return nullptr;
    const Token &next = cur();
    if (!takeCompOp().empty())
      return error(next, "chained comparisons are not supported");
    return makeBinary(std::move(op), opTok, std::move(lhs), std::move(rhs));
  }

  /// Binary precedence levels below comparisons (loosest first).
  static int binaryLevel(const Token &t) {
    if (!t.is(Tok::Op))
      return -1;
    std::string_view s = t.text;
    if (s == "|") return 0;
    if (s == "^") return 1;
    if (s == "&") return 2;
    if (s == "<<" || s == ">>") return 3;
    if (s == "+" || s == "-") return 4;
    if (s == "*" || s == "/" || s == "//" || s == "%" || s == "@") return 5;
    return -1;
  }
  static constexpr int kNumBinaryLevels = 6;

  ExprPtr parseBinary(int level) {
    if (level >= kNumBinaryLevels)
      return parseFactor();
    ExprPtr lhs = parseBinary(level + 1);
    while (lhs && binaryLevel(cur()) == level) {
      const Token &opTok = cur();
      if (!bumpChain(opTok))
        return nullptr;
      advance();
      ExprPtr rhs = parseBinary(level + 1);
      if (!rhs)
        return nullptr;
      lhs = makeBinary(std::string(opTok.text), opTok, std::move(lhs), std::move(rhs));
    }
    return lhs;
  }

  ExprPtr parseFactor() {
    if (isOp("-") || isOp("+") || isOp("~")) {
      const Token &opTok = cur();
      if (exprDepth >= kMaxExprDepth)
        return error(opTok, "expression is nested too deeply");
      DepthGuard g(exprDepth);
      advance();
      ExprPtr operand = parseFactor();
      if (!operand)
        return nullptr;
      return std::make_unique<UnaryOpExpr>(locOf(opTok), std::string(opTok.text),
                                           std::move(operand));
    }
    return parsePower();
  }

  ExprPtr parsePower() {
    ExprPtr base = parsePrimary();
    if (!base || !isOp("**"))
      return base;
    const Token &opTok = cur();
    if (exprDepth >= kMaxExprDepth)
      return error(opTok, "expression is nested too deeply");
    DepthGuard g(exprDepth);
    advance();
    ExprPtr rhs = parseFactor();
    if (!rhs)
      return nullptr;
    return makeBinary("**", opTok, std::move(base), std::move(rhs));
  }

  ExprPtr parsePrimary() {
    ExprPtr e = parseAtom();
    while (e) {
      if (isOp("(")) {
        if (!bumpChain(cur()))
          return nullptr;
        e = parseCall(std::move(e));
      } else if (isOp(".")) {
        if (!bumpChain(cur()))
          return nullptr;
        advance();
        if (!cur().is(Tok::Name))
          return error(cur(), "expected attribute name after '.'");
        Loc l = e->loc;
        e = std::make_unique<AttributeExpr>(std::move(l), std::move(e), std::string(cur().text),
                                            locOf(cur()));
        advance();
      } else if (isOp("[")) {
        if (!bumpChain(cur()))
          return nullptr;
        e = parseSubscript(std::move(e));
      } else {
        break;
      }
    }
    return e;
  }

  ExprPtr parseCall(ExprPtr callee) {
    const Token &open = cur();
    advance();
    BracketGuard bg(bracketDepth);
    Loc l = callee->loc;
    auto call = std::make_unique<CallExpr>(std::move(l), std::move(callee));
    call->lparenLoc = locOf(open);
    while (!isOp(")")) {
      if (isOp("*") || isOp("**"))
        return error(cur(), "starred arguments are not supported");
      if (cur().is(Tok::Name) && peek().isOp("=")) {
        std::string name(cur().text);
        Loc nameLoc = locOf(cur());
        for (auto &kw : call->keywords)
          if (kw.first == name)
            return error(cur(), "keyword argument repeated: " + name);
        advance();
        advance();
        ExprPtr v = parseExpr();
        if (!v)
          return nullptr;
        call->keywords.emplace_back(std::move(name), std::move(v));
        call->keywordLocs.push_back(std::move(nameLoc));
      } else {
        if (!startsExpr(cur())) {
          if (cur().is(Tok::Error) || cur().is(Tok::Indent))
            return unexpected();
          expectClose(")", open);
          return nullptr;
        }
        Loc argLoc = locOf(cur());
        if (!call->keywords.empty())
          return error(cur(), "positional argument follows keyword argument");
        ExprPtr a = parseExpr();
        if (!a)
          return nullptr;
        if (isKw("for"))
          return error(cur(), "generator expressions are not supported");
        call->args.push_back(std::move(a));
        call->argLocs.push_back(std::move(argLoc));
      }
      if (isOp(",")) {
        advance();
        continue;
      }
      if (!isOp(")")) {
        expectClose(")", open);
        return nullptr;
      }
    }
    advance(); // ')'
    return call;
  }

  ExprPtr parseSubscript(ExprPtr value) {
    const Token &open = cur();
    advance();
    BracketGuard bg(bracketDepth);
    if (isOp(":"))
      return error(cur(), "slices are not supported");
    ExprPtr first = parseExpr();
    if (!first)
      return nullptr;
    ExprPtr index;
    if (isOp(",")) {
      auto tup = std::make_unique<TupleExpr>(first->loc, /*parenthesized=*/false);
      tup->elts.push_back(std::move(first));
      while (isOp(",")) {
        advance();
        if (isOp("]"))
          break;
        ExprPtr e = parseExpr();
        if (!e)
          return nullptr;
        tup->elts.push_back(std::move(e));
      }
      index = std::move(tup);
    } else {
      index = std::move(first);
    }
    if (isOp(":"))
      return error(cur(), "slices are not supported");
    if (!expectClose("]", open))
      return nullptr;
    Loc l = value->loc;
    return std::make_unique<SubscriptExpr>(std::move(l), std::move(value), std::move(index));
  }

  /// Elements of a parenthesized tuple or list up to (not including) `close`.
  bool parseSequence(ExprList &elts, const char *close, const Token &open, bool &sawComma) {
    sawComma = false;
    while (!isOp(close)) {
      if (isOp("*"))
        return error(cur(), "starred expressions are not supported"), false;
      if (!startsExpr(cur())) {
        if (cur().is(Tok::Error) || cur().is(Tok::Indent))
          return unexpected(), false;
        return expectClose(close, open);
      }
      ExprPtr e = parseExpr();
      if (!e)
        return false;
      if (isKw("for"))
        return error(cur(), "comprehensions are not supported"), false;
      elts.push_back(std::move(e));
      if (isOp(",")) {
        sawComma = true;
        advance();
        continue;
      }
      if (!isOp(close))
        return expectClose(close, open);
    }
    advance(); // close
    return true;
  }

  ExprPtr parseAtom() {
    const Token &t = cur();
    Loc loc = locOf(t);
    switch (t.kind) {
    case Tok::Name: {
      auto e = std::make_unique<NameExpr>(loc, std::string(t.text));
      advance();
      return e;
    }
    case Tok::Int: {
      auto e = std::make_unique<IntExpr>(loc, t.intValue);
      advance();
      return e;
    }
    case Tok::Str: {
      std::string s = strValue(t);
      advance();
      while (cur().is(Tok::Str)) {
        s += strValue(cur());
        advance();
      }
      return std::make_unique<StrExpr>(loc, std::move(s));
    }
    case Tok::Keyword:
      if (t.text == "True" || t.text == "False") {
        advance();
        return std::make_unique<BoolExpr>(loc, t.text == "True");
      }
      if (t.text == "None") {
        advance();
        return std::make_unique<NoneExpr>(loc);
      }
      if (t.text == "lambda")
        return error(t, "lambda expressions are not supported");
      if (t.text == "yield" || t.text == "await")
        return error(t, "'" + std::string(t.text) + "' expressions are not supported");
      return error(t, "invalid syntax (unexpected keyword '" + std::string(t.text) + "')");
    case Tok::Op:
      if (t.text == "(" || t.text == "[") {
        const Token &open = t;
        bool isList = t.text == "[";
        advance();
        BracketGuard bg(bracketDepth);
        ExprList elts;
        bool sawComma = false;
        if (!parseSequence(elts, isList ? "]" : ")", open, sawComma))
          return nullptr;
        if (isList) {
          auto l = std::make_unique<ListExpr>(loc);
          l->elts = std::move(elts);
          return l;
        }
        if (elts.size() == 1 && !sawComma)
          return std::move(elts.front()); // parenthesized expression
        auto tup = std::make_unique<TupleExpr>(loc, /*parenthesized=*/true);
        tup->elts = std::move(elts);
        return tup;
      }
      if (t.text == "{")
        return error(t, "dict and set literals are not supported");
      if (t.text == "...")
        return error(t, "'...' (Ellipsis) is not supported");
      if (t.text == "*")
        return error(t, "starred expressions are not supported");
      return unexpected("expected expression");
    case Tok::Newline:
      return error(t, "expected expression");
    case Tok::Dedent:
      return error(t, "expected expression");
    default:
      return unexpected("expected expression");
    }
  }
};

//===----------------------------------------------------------------------===//
// Dumper
//===----------------------------------------------------------------------===//

class Dumper {
public:
  explicit Dumper(bool withLocs) : withLocs(withLocs) {}
  std::string out;

  void loc(const Loc &l) {
    if (!withLocs)
      return;
    out += '@';
    out += std::to_string(l.line);
    out += ':';
    out += std::to_string(l.col);
  }

  void str(const std::string &s) {
    out += '"';
    for (unsigned char c : s) {
      if (c == '\\') out += "\\\\";
      else if (c == '"') out += "\\\"";
      else if (c == '\n') out += "\\n";
      else if (c == '\t') out += "\\t";
      else if (c < 0x20 || c >= 0x7F) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\x%02x", c);
        out += buf;
      } else out += (char)c;
    }
    out += '"';
  }

  void expr(const Expr &e) {
    switch (e.getKind()) {
    case Expr::Expr_Name:
      out += static_cast<const NameExpr &>(e).id;
      loc(e.loc);
      return;
    case Expr::Expr_Int:
      out += std::to_string(static_cast<const IntExpr &>(e).value);
      loc(e.loc);
      return;
    case Expr::Expr_Str:
      str(static_cast<const StrExpr &>(e).value);
      loc(e.loc);
      return;
    case Expr::Expr_Bool:
      out += static_cast<const BoolExpr &>(e).value ? "True" : "False";
      loc(e.loc);
      return;
    case Expr::Expr_None:
      out += "None";
      loc(e.loc);
      return;
    case Expr::Expr_Call: {
      auto &c = static_cast<const CallExpr &>(e);
      out += "(call";
      loc(e.loc);
      out += ' ';
      expr(*c.callee);
      for (auto &a : c.args) {
        out += ' ';
        expr(*a);
      }
      for (size_t i = 0; i < c.keywords.size(); ++i) {
        out += " (kw ";
        out += c.keywords[i].first;
        if (i < c.keywordLocs.size())
          loc(c.keywordLocs[i]);
        out += ' ';
        expr(*c.keywords[i].second);
        out += ')';
      }
      out += ')';
      return;
    }
    case Expr::Expr_Attribute: {
      auto &a = static_cast<const AttributeExpr &>(e);
      out += "(.";
      loc(e.loc);
      out += ' ';
      expr(*a.value);
      out += ' ';
      out += a.attr;
      out += ')';
      return;
    }
    case Expr::Expr_Subscript: {
      auto &s = static_cast<const SubscriptExpr &>(e);
      out += "(sub";
      loc(e.loc);
      out += ' ';
      expr(*s.value);
      out += ' ';
      expr(*s.index);
      out += ')';
      return;
    }
    case Expr::Expr_Tuple:
    case Expr::Expr_List: {
      bool isTuple = e.getKind() == Expr::Expr_Tuple;
      const ExprList &elts = isTuple ? static_cast<const TupleExpr &>(e).elts
                                     : static_cast<const ListExpr &>(e).elts;
      out += isTuple ? "(tuple" : "(list";
      loc(e.loc);
      for (auto &el : elts) {
        out += ' ';
        expr(*el);
      }
      out += ')';
      return;
    }
    case Expr::Expr_UnaryOp: {
      auto &u = static_cast<const UnaryOpExpr &>(e);
      out += '(';
      out += u.op;
      loc(e.loc);
      out += ' ';
      expr(*u.operand);
      out += ')';
      return;
    }
    case Expr::Expr_BinaryOp: {
      auto &b = static_cast<const BinaryOpExpr &>(e);
      out += '(';
      out += b.op;
      loc(e.loc);
      out += ' ';
      expr(*b.lhs);
      out += ' ';
      expr(*b.rhs);
      out += ')';
      return;
    }
    }
  }

  void indent(unsigned n) { out.append(2 * n, ' '); }

  void body(const StmtList &stmts, unsigned ind) {
    for (auto &s : stmts)
      stmt(*s, ind);
  }

  void stmt(const Stmt &s, unsigned ind) {
    indent(ind);
    switch (s.getKind()) {
    case Stmt::Stmt_Import: {
      auto &i = static_cast<const ImportStmt &>(s);
      out += i.isFrom ? "from" : "import";
      loc(s.loc);
      if (i.isFrom) {
        out += ' ';
        out.append(i.level, '.');
        out += i.module;
      }
      if (i.isStar)
        out += " *";
      for (auto &a : i.names) {
        out += ' ';
        out += a.name;
        if (!a.asName.empty()) {
          out += ':';
          out += a.asName;
        }
      }
      out += '\n';
      return;
    }
    case Stmt::Stmt_FunctionDef: {
      auto &f = static_cast<const FunctionDefStmt &>(s);
      out += "def";
      loc(s.loc);
      out += ' ';
      out += f.name;
      out += " (";
      bool first = true;
      for (auto &p : f.params) {
        if (!first)
          out += ' ';
        first = false;
        out += p.name;
        loc(p.loc);
        if (p.annotation) {
          out += ':';
          expr(*p.annotation);
        }
        if (p.defaultValue) {
          out += '=';
          expr(*p.defaultValue);
        }
      }
      out += ')';
      if (f.returns) {
        out += " -> ";
        expr(*f.returns);
      }
      out += '\n';
      body(f.body, ind + 1);
      return;
    }
    case Stmt::Stmt_Assign: {
      auto &a = static_cast<const AssignStmt &>(s);
      out += "assign";
      loc(s.loc);
      out += a.isTuple ? " (" : " ";
      bool first = true;
      for (auto &t : a.targets) {
        if (!first)
          out += ' ';
        first = false;
        out += t.name;
        loc(t.loc);
      }
      out += a.isTuple ? ") = " : " = ";
      expr(*a.value);
      out += '\n';
      return;
    }
    case Stmt::Stmt_Return: {
      auto &r = static_cast<const ReturnStmt &>(s);
      out += "return";
      loc(s.loc);
      if (r.value) {
        out += ' ';
        expr(*r.value);
      }
      out += '\n';
      return;
    }
    case Stmt::Stmt_Expr:
      out += "expr";
      loc(s.loc);
      out += ' ';
      expr(*static_cast<const ExprStmt &>(s).value);
      out += '\n';
      return;
    case Stmt::Stmt_Try: {
      auto &t = static_cast<const TryStmt &>(s);
      out += "try";
      loc(s.loc);
      out += '\n';
      body(t.body, ind + 1);
      for (auto &h : t.handlers) {
        indent(ind);
        out += "except";
        loc(h.loc);
        out += " (";
        bool first = true;
        for (auto &ty : h.types) {
          if (!first)
            out += ' ';
          first = false;
          expr(*ty);
        }
        out += ')';
        if (!h.name.empty()) {
          out += " as ";
          out += h.name;
          loc(h.nameLoc);
        }
        out += '\n';
        body(h.body, ind + 1);
      }
      return;
    }
    case Stmt::Stmt_Pass:
      out += "pass";
      loc(s.loc);
      out += '\n';
      return;
    case Stmt::Stmt_If: {
      auto &i = static_cast<const IfStmt &>(s);
      out += "if";
      loc(s.loc);
      out += ' ';
      expr(*i.cond);
      out += '\n';
      body(i.thenBody, ind + 1);
      if (!i.elseBody.empty()) {
        indent(ind);
        out += "else\n";
        body(i.elseBody, ind + 1);
      }
      return;
    }
    }
  }

private:
  bool withLocs;
};

} // namespace

namespace arcdsl {
namespace py {

std::string clipSourceText(std::string_view text, size_t max) {
  if (text.size() <= max)
    return std::string(text);
  size_t keep = max > 3 ? max - 3 : max;
  // Do not cut a UTF-8 sequence in two.
  while (keep > 0 && ((unsigned char)text[keep] & 0xC0) == 0x80)
    --keep;
  return std::string(text.substr(0, keep)) + "... (" + std::to_string(text.size()) +
         " bytes)";
}

std::string clipMessage(std::string_view msg) {
  // Clip every long run of non-blank characters (an identifier, a token,
  // a literal the message quotes), then the message as a whole.
  std::string out;
  size_t k = 0;
  while (k < msg.size()) {
    size_t e = k;
    while (e < msg.size() && msg[e] != ' ')
      ++e;
    out += clipSourceText(msg.substr(k, e - k), kMaxQuotedText);
    if (e < msg.size())
      out += ' ';
    k = e + 1;
  }
  if (out.size() > kMaxMessage)
    out = clipSourceText(out, kMaxMessage);
  return out;
}

/// Offset of the first byte of `s` that is not part of well-formed UTF-8,
/// or npos.
static size_t firstBadUtf8(std::string_view s) {
  for (size_t k = 0; k < s.size();) {
    unsigned char b = (unsigned char)s[k];
    if (b < 0x80) {
      ++k;
      continue;
    }
    size_t n = b >= 0xC2 && b <= 0xDF ? 2 : b >= 0xE0 && b <= 0xEF ? 3 : b >= 0xF0 && b <= 0xF4 ? 4 : 0;
    if (n == 0 || k + n > s.size())
      return k;
    unsigned char c = (unsigned char)s[k + 1];
    unsigned char lo = b == 0xE0 ? 0xA0 : b == 0xF0 ? 0x90 : 0x80;
    unsigned char hi = b == 0xED ? 0x9F : b == 0xF4 ? 0x8F : 0xBF;
    if (c < lo || c > hi)
      return k;
    for (size_t j = 2; j < n; ++j)
      if (((unsigned char)s[k + j] & 0xC0) != 0x80)
        return k;
    k += n;
  }
  return std::string_view::npos;
}

std::unique_ptr<Module> parseModule(std::string_view source, std::shared_ptr<std::string> filename,
                                    std::vector<Diagnostic> &diags) {
  if (!filename)
    filename = std::make_shared<std::string>("<input>");
  // Python reads a source file as UTF-8 (PEP 3120): CPython refuses one that
  // is not, before running any of it, and so do we.
  if (size_t bad = firstBadUtf8(source); bad != std::string_view::npos) {
    unsigned line = 1, col = 1;
    for (size_t k = 0; k < bad; ++k) {
      if (source[k] == '\n') {
        ++line;
        col = 1;
      } else {
        ++col;
      }
    }
    char byte[8];
    snprintf(byte, sizeof byte, "\\x%02x", (unsigned char)source[bad]);
    diags.push_back({Loc{filename, line, col},
                     std::string("Non-UTF-8 code starting with '") + byte +
                         "' (a source file must be UTF-8)"});
    return nullptr;
  }
  Lexer lexer(source);
  std::vector<Token> tokens = lexer.tokenize();
  Parser parser(std::move(tokens), std::move(lexer.strings()), filename, diags);
  return parser.parseModule();
}

std::string formatDiagnostic(const Diagnostic &diag) {
  std::string s = diag.loc.file ? *diag.loc.file : std::string("<input>");
  s += ':';
  s += std::to_string(diag.loc.line);
  s += ':';
  s += std::to_string(diag.loc.col);
  s += ": error: ";
  s += diag.message;
  return s;
}

std::string dumpAST(const Module &module, bool withLocs) {
  Dumper d(withLocs);
  d.body(module.body, 0);
  return std::move(d.out);
}

std::string dumpExpr(const Expr &expr, bool withLocs) {
  Dumper d(withLocs);
  d.expr(expr);
  return std::move(d.out);
}

} // namespace py
} // namespace arcdsl
