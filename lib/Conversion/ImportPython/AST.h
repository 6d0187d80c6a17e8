//===- AST.h - AST for the ARC-DSL Python subset ----------------*- C++ -*-===//
//
// Abstract syntax tree for the Python subset accepted by the arcdsl front end
// (solver files such as arc-dsl/solvers.py and generated "batt" files).
//
// Modeled on mlir/examples/toy (LLVM-style RTTI: every node has a Kind enum
// and a static classof, so llvm::isa/cast/dyn_cast work on these classes),
// but this header depends only on the C++ standard library.
//
// Conventions:
//  * Every node has a public `Loc loc` (1-based line and column of the node's
//    first character; the column counts bytes).
//  * Call/Attribute/Subscript/BinaryOp: loc = loc of the leftmost operand
//    (the callee for a call). UnaryOp: loc of the operator.
//  * Tuple: loc of '(' when parenthesized, else loc of its first element.
//    A parenthesized non-tuple expression `(e)` is just `e` (its own loc).
//  * Docstrings / string-literal expression statements are parsed and then
//    dropped: they never appear in the AST.
//
//===----------------------------------------------------------------------===//

#ifndef ARCDSL_IMPORTPYTHON_AST_H
#define ARCDSL_IMPORTPYTHON_AST_H

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace arcdsl {
namespace py {

/// Source location. `file` is shared by all nodes of one parse.
struct Loc {
  std::shared_ptr<std::string> file;
  unsigned line = 0; // 1-based
  unsigned col = 0;  // 1-based, in bytes
};

//===----------------------------------------------------------------------===//
// Expressions
//===----------------------------------------------------------------------===//

class Expr {
public:
  enum ExprKind {
    Expr_Name,
    Expr_Int,
    Expr_Str,
    Expr_Bool,
    Expr_None,
    Expr_Call,
    Expr_Attribute,
    Expr_Subscript,
    Expr_Tuple,
    Expr_List,
    Expr_UnaryOp,
    Expr_BinaryOp,
  };

  Expr(ExprKind kind, Loc loc) : loc(std::move(loc)), kind(kind) {}
  virtual ~Expr() = default;
  Expr(const Expr &) = delete;
  Expr &operator=(const Expr &) = delete;

  ExprKind getKind() const { return kind; }
  const Loc &getLoc() const { return loc; }

  Loc loc;

private:
  const ExprKind kind;
};

using ExprPtr = std::unique_ptr<Expr>;
using ExprList = std::vector<ExprPtr>;

/// `foo`
class NameExpr : public Expr {
public:
  NameExpr(Loc loc, std::string id) : Expr(Expr_Name, std::move(loc)), id(std::move(id)) {}
  std::string id;
  static bool classof(const Expr *e) { return e->getKind() == Expr_Name; }
};

/// `42` (non-negative; `-1` is UnaryOp("-", Int 1)).
class IntExpr : public Expr {
public:
  IntExpr(Loc loc, int64_t value) : Expr(Expr_Int, std::move(loc)), value(value) {}
  int64_t value;
  static bool classof(const Expr *e) { return e->getKind() == Expr_Int; }
};

/// `'abc'`, `"abc"`, `'''abc'''`; escapes decoded (UTF-8), adjacent literals
/// concatenated.
class StrExpr : public Expr {
public:
  StrExpr(Loc loc, std::string value) : Expr(Expr_Str, std::move(loc)), value(std::move(value)) {}
  std::string value;
  static bool classof(const Expr *e) { return e->getKind() == Expr_Str; }
};

/// `True` / `False`
class BoolExpr : public Expr {
public:
  BoolExpr(Loc loc, bool value) : Expr(Expr_Bool, std::move(loc)), value(value) {}
  bool value;
  static bool classof(const Expr *e) { return e->getKind() == Expr_Bool; }
};

/// `None`
class NoneExpr : public Expr {
public:
  explicit NoneExpr(Loc loc) : Expr(Expr_None, std::move(loc)) {}
  static bool classof(const Expr *e) { return e->getKind() == Expr_None; }
};

/// `callee(arg0, arg1, kw=val)`; loc = loc of the callee's first char.
class CallExpr : public Expr {
public:
  CallExpr(Loc loc, ExprPtr callee) : Expr(Expr_Call, std::move(loc)), callee(std::move(callee)) {}
  ExprPtr callee;
  ExprList args;                                      // positional
  std::vector<std::pair<std::string, ExprPtr>> keywords; // kw=value
  std::vector<Loc> argLocs;     // argLocs[i]: first char of positional arg i
  std::vector<Loc> keywordLocs; // keywordLocs[i]: loc of the keyword name
  Loc lparenLoc;                // loc of '('
  static bool classof(const Expr *e) { return e->getKind() == Expr_Call; }
};

/// `value.attr`
class AttributeExpr : public Expr {
public:
  AttributeExpr(Loc loc, ExprPtr value, std::string attr, Loc attrLoc)
      : Expr(Expr_Attribute, std::move(loc)), value(std::move(value)), attr(std::move(attr)),
        attrLoc(std::move(attrLoc)) {}
  ExprPtr value;
  std::string attr;
  Loc attrLoc;
  static bool classof(const Expr *e) { return e->getKind() == Expr_Attribute; }
};

/// `value[index]`; `a[i, j]` has a Tuple index. Slices are rejected.
class SubscriptExpr : public Expr {
public:
  SubscriptExpr(Loc loc, ExprPtr value, ExprPtr index)
      : Expr(Expr_Subscript, std::move(loc)), value(std::move(value)), index(std::move(index)) {}
  ExprPtr value;
  ExprPtr index;
  static bool classof(const Expr *e) { return e->getKind() == Expr_Subscript; }
};

/// `(a, b)`, `(a,)`, `()`, `a, b`
class TupleExpr : public Expr {
public:
  TupleExpr(Loc loc, bool parenthesized)
      : Expr(Expr_Tuple, std::move(loc)), parenthesized(parenthesized) {}
  ExprList elts;
  bool parenthesized;
  static bool classof(const Expr *e) { return e->getKind() == Expr_Tuple; }
};

/// `[a, b]`
class ListExpr : public Expr {
public:
  explicit ListExpr(Loc loc) : Expr(Expr_List, std::move(loc)) {}
  ExprList elts;
  static bool classof(const Expr *e) { return e->getKind() == Expr_List; }
};

/// op is one of: "-", "+", "~", "not". loc = loc of the operator.
class UnaryOpExpr : public Expr {
public:
  UnaryOpExpr(Loc loc, std::string op, ExprPtr operand)
      : Expr(Expr_UnaryOp, std::move(loc)), op(std::move(op)), operand(std::move(operand)) {}
  std::string op;
  ExprPtr operand;
  static bool classof(const Expr *e) { return e->getKind() == Expr_UnaryOp; }
};

/// op is one of: "or" "and" "==" "!=" "<" ">" "<=" ">=" "in" "not in" "is"
/// "is not" "|" "^" "&" "<<" ">>" "+" "-" "*" "/" "//" "%" "@" "**".
/// `and`/`or` chains are left-associative binary nodes; chained comparisons
/// (`a < b < c`) are rejected by the parser. loc = loc of lhs; opLoc = loc of
/// the operator token.
class BinaryOpExpr : public Expr {
public:
  BinaryOpExpr(Loc loc, std::string op, Loc opLoc, ExprPtr lhs, ExprPtr rhs)
      : Expr(Expr_BinaryOp, std::move(loc)), op(std::move(op)), opLoc(std::move(opLoc)),
        lhs(std::move(lhs)), rhs(std::move(rhs)) {}
  std::string op;
  Loc opLoc;
  ExprPtr lhs, rhs;
  static bool classof(const Expr *e) { return e->getKind() == Expr_BinaryOp; }
};

//===----------------------------------------------------------------------===//
// Statements
//===----------------------------------------------------------------------===//

class Stmt {
public:
  enum StmtKind {
    Stmt_Import,
    Stmt_FunctionDef,
    Stmt_Assign,
    Stmt_Return,
    Stmt_Expr,
    Stmt_Try,
    Stmt_Pass,
    Stmt_If,
  };

  Stmt(StmtKind kind, Loc loc) : loc(std::move(loc)), kind(kind) {}
  virtual ~Stmt() = default;
  Stmt(const Stmt &) = delete;
  Stmt &operator=(const Stmt &) = delete;

  StmtKind getKind() const { return kind; }
  const Loc &getLoc() const { return loc; }

  Loc loc; // loc of the statement's first token (keyword or first target)

private:
  const StmtKind kind;
};

using StmtPtr = std::unique_ptr<Stmt>;
using StmtList = std::vector<StmtPtr>;

/// `import a.b as c, d`       -> isFrom=false, names={{"a.b","c"},{"d",""}}
/// `from a.b import x, y as z` -> isFrom=true, module="a.b", names=...
/// `from dsl import *`        -> isFrom=true, module="dsl", isStar=true
/// `from .. import x`         -> level=2, module=""
class ImportStmt : public Stmt {
public:
  struct Alias {
    std::string name;   // possibly dotted (plain import only)
    std::string asName; // empty if no `as`
    Loc loc;
  };
  explicit ImportStmt(Loc loc) : Stmt(Stmt_Import, std::move(loc)) {}
  bool isFrom = false;
  std::string module;
  unsigned level = 0;
  bool isStar = false;
  std::vector<Alias> names;
  static bool classof(const Stmt *s) { return s->getKind() == Stmt_Import; }
};

/// `def name(p0, p1=default): body`
class FunctionDefStmt : public Stmt {
public:
  struct Param {
    std::string name;
    Loc loc;
    ExprPtr defaultValue; // may be null
    ExprPtr annotation;   // may be null (`p: T`)
  };
  FunctionDefStmt(Loc loc, std::string name, Loc nameLoc)
      : Stmt(Stmt_FunctionDef, std::move(loc)), name(std::move(name)), nameLoc(std::move(nameLoc)) {}
  std::string name;
  Loc nameLoc;
  std::vector<Param> params;
  ExprPtr returns; // `-> T`, may be null
  StmtList body;   // may be empty (e.g. body was only a docstring)
  static bool classof(const Stmt *s) { return s->getKind() == Stmt_FunctionDef; }
};

/// `x = value` (targets={x}, isTuple=false) or `a, b = value` / `(a, b) = value`
/// / `[a, b] = value` / `a, = value` (isTuple=true).
class AssignStmt : public Stmt {
public:
  struct Target {
    std::string name;
    Loc loc;
  };
  AssignStmt(Loc loc, ExprPtr value) : Stmt(Stmt_Assign, std::move(loc)), value(std::move(value)) {}
  std::vector<Target> targets;
  bool isTuple = false;
  ExprPtr value;
  static bool classof(const Stmt *s) { return s->getKind() == Stmt_Assign; }
};

/// `return`, `return e`, `return a, b` (value is an unparenthesized Tuple).
class ReturnStmt : public Stmt {
public:
  ReturnStmt(Loc loc, ExprPtr value) : Stmt(Stmt_Return, std::move(loc)), value(std::move(value)) {}
  ExprPtr value; // may be null
  static bool classof(const Stmt *s) { return s->getKind() == Stmt_Return; }
};

/// An expression evaluated for its side effects, e.g. `o.append(x)`.
class ExprStmt : public Stmt {
public:
  ExprStmt(Loc loc, ExprPtr value) : Stmt(Stmt_Expr, std::move(loc)), value(std::move(value)) {}
  ExprPtr value;
  static bool classof(const Stmt *s) { return s->getKind() == Stmt_Expr; }
};

/// `try: body` followed by one or more `except ...:` handlers.
class TryStmt : public Stmt {
public:
  struct Handler {
    Loc loc;           // loc of `except`
    ExprList types;    // `except (A, B)` -> {A, B}; `except A` -> {A}; bare -> {}
    std::string name;  // `as e`; empty if none
    Loc nameLoc;
    StmtList body;
  };
  explicit TryStmt(Loc loc) : Stmt(Stmt_Try, std::move(loc)) {}
  StmtList body;
  std::vector<Handler> handlers; // never empty
  static bool classof(const Stmt *s) { return s->getKind() == Stmt_Try; }
};

/// `pass`
class PassStmt : public Stmt {
public:
  explicit PassStmt(Loc loc) : Stmt(Stmt_Pass, std::move(loc)) {}
  static bool classof(const Stmt *s) { return s->getKind() == Stmt_Pass; }
};

/// `if cond: thenBody else: elseBody`; `elif` becomes a single nested IfStmt
/// in elseBody.
class IfStmt : public Stmt {
public:
  IfStmt(Loc loc, ExprPtr cond) : Stmt(Stmt_If, std::move(loc)), cond(std::move(cond)) {}
  ExprPtr cond;
  StmtList thenBody;
  StmtList elseBody; // empty if no else/elif
  static bool classof(const Stmt *s) { return s->getKind() == Stmt_If; }
};

/// A whole source file.
class Module {
public:
  std::shared_ptr<std::string> file;
  StmtList body;
};

} // namespace py
} // namespace arcdsl

#endif // ARCDSL_IMPORTPYTHON_AST_H
