//===- ASTDump.cpp - textual dump of the Python AST -----------------------===//
//
// dumpAST / dumpExpr (Parser.h): an indented, one-node-a-line form of the
// AST that the parser tests check.
//===----------------------------------------------------------------------===//

#include "Parser.h"

#include <cstdio>

using namespace arcdsl::py;

namespace {

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
