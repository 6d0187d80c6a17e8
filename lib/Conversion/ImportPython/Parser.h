//===- Parser.h - Parser for the ARC-DSL Python subset ----------*- C++ -*-===//
//
// Recursive-descent parser producing the AST in AST.h. Depends only on the
// C++ standard library (no exceptions, no RTTI needed).
//
//===----------------------------------------------------------------------===//

#ifndef ARCDSL_IMPORTPYTHON_PARSER_H
#define ARCDSL_IMPORTPYTHON_PARSER_H

#include "AST.h"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace arcdsl {
namespace py {

struct Diagnostic {
  Loc loc;
  std::string message;
};

/// Parse a whole source file. On success returns the module (and leaves
/// `diags` untouched). On a syntax error appends exactly one diagnostic
/// (located at the offending token) and returns nullptr. Never throws, never
/// crashes; nesting is bounded (expression depth 200, block depth 100,
/// operator/trailer chains 10000 per statement, elif chains 1000) so the AST can be walked and
/// destroyed recursively.
std::unique_ptr<Module> parseModule(std::string_view source, std::shared_ptr<std::string> filename,
                                    std::vector<Diagnostic> &diags);

/// How much source text a diagnostic quotes: a longer identifier, token or
/// literal is cut to kMaxQuotedText bytes ("abc... (N bytes)"), and a whole
/// message to kMaxMessage bytes, so that hostile input (a 5 MB identifier)
/// cannot make a huge message.
constexpr size_t kMaxQuotedText = 80;
constexpr size_t kMaxMessage = 1024;
/// `text` itself, or its first bytes and its size when over `max` bytes.
std::string clipSourceText(std::string_view text, size_t max = kMaxQuotedText);
/// `msg` with every run of non-blank characters over kMaxQuotedText bytes
/// clipped, and the whole at most kMaxMessage bytes (plus the size note).
std::string clipMessage(std::string_view msg);

/// "file:line:col: error: message"
std::string formatDiagnostic(const Diagnostic &diag);

/// Compact S-expression dump of the AST (one statement per line, indented).
/// If `withLocs` is true, nodes are annotated with @line:col.
std::string dumpAST(const Module &module, bool withLocs = false);
std::string dumpExpr(const Expr &expr, bool withLocs = false);

} // namespace py
} // namespace arcdsl

#endif // ARCDSL_IMPORTPYTHON_PARSER_H
