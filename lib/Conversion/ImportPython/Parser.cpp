//===- Parser.cpp - Parser for the ARC-DSL Python subset ------------------===//
//
// Recursive-descent parser over the token vector produced by Lexer.h.
// Error handling without exceptions: the first error is recorded and every
// parse function returns null/false from then on, unwinding to parseModule.
//
//===----------------------------------------------------------------------===//

#include "ParserImpl.h"

#include <cstdio>
#include <utility>

using namespace arcdsl::py;
using arcdsl::py::detail::Parser;

//===----------------------------------------------------------------------===//
// Statements
//===----------------------------------------------------------------------===//

bool Parser::parseStatement(StmtList &out) {
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

bool Parser::parseSimpleStatements(StmtList &out) {
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

bool Parser::atStmtEnd() const {
  return cur().is(Tok::Newline) || cur().is(Tok::Eof) || isOp(";");
}

bool Parser::parseSmallStatement(StmtList &out) {
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

const char *Parser::describeForAssign(const Expr &e) {
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

bool Parser::convertTargets(Expr &e, AssignStmt &assign) {
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

bool Parser::parseDottedName(std::string &out) {
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

bool Parser::parseAsName(std::string &asName) {
  if (!isKw("as"))
    return true;
  advance();
  if (!cur().is(Tok::Name))
    return error(cur(), "expected name after 'as'"), false;
  asName = std::string(cur().text);
  advance();
  return true;
}

bool Parser::parseImport(StmtList &out) {
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

bool Parser::parseFromImport(StmtList &out) {
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

bool Parser::parseBlock(StmtList &body, const Token &header, const char *what) {
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

bool Parser::parseFunctionDef(StmtList &out) {
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

bool Parser::parseIf(StmtList &out) {
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

bool Parser::parseTry(StmtList &out) {
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


} // namespace py
} // namespace arcdsl
