//===- ParseExpr.cpp - expressions of the ARC-DSL Python subset -----------===//
//
// The Parser's expression rules (ParserImpl.h): boolean operators,
// comparisons, arithmetic by precedence level, calls, subscripts and atoms.
//===----------------------------------------------------------------------===//

#include "ParserImpl.h"

using namespace arcdsl::py;
using arcdsl::py::detail::Parser;

ExprPtr Parser::parseExprList() {
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

ExprPtr Parser::parseExpr() {
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

ExprPtr Parser::makeBinary(std::string op, const Token &opTok, ExprPtr lhs, ExprPtr rhs) {
  Loc l = lhs->loc;
  return std::make_unique<BinaryOpExpr>(std::move(l), std::move(op), locOf(opTok),
                                        std::move(lhs), std::move(rhs));
}

ExprPtr Parser::parseBoolChain(const char *kw, ExprPtr (Parser::*operand)()) {
  ExprPtr lhs = (this->*operand)();
  while (lhs && isKw(kw)) {
    const Token &opTok = cur();
    if (!bumpChain(opTok))
      return nullptr;
    advance();
    ExprPtr rhs = (this->*operand)();
    if (!rhs)
      return nullptr;
    lhs = makeBinary(kw, opTok, std::move(lhs), std::move(rhs));
  }
  return lhs;
}

ExprPtr Parser::parseOr() { return parseBoolChain("or", &Parser::parseAnd); }

ExprPtr Parser::parseAnd() { return parseBoolChain("and", &Parser::parseNot); }

ExprPtr Parser::parseNot() {
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

std::string Parser::takeCompOp() {
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

ExprPtr Parser::parseComparison() {
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

int Parser::binaryLevel(const Token &t) {
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

ExprPtr Parser::parseBinary(int level) {
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

ExprPtr Parser::parseFactor() {
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

ExprPtr Parser::parsePower() {
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

ExprPtr Parser::parsePrimary() {
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

ExprPtr Parser::parseCall(ExprPtr callee) {
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

ExprPtr Parser::parseSubscript(ExprPtr value) {
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

bool Parser::parseSequence(ExprList &elts, const char *close, const Token &open, bool &sawComma) {
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

ExprPtr Parser::parseAtom() {
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
