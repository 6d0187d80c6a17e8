//===- PrimTable.cpp - host table of the primitive library ----------------===//
//
// Host only. Primitives are referenced weakly: an entry the library does not
// implement is null, which the driver reports as an unsupported primitive.
//===----------------------------------------------------------------------===//

#define ARCDSL_PRIM_DECL_ATTRS __attribute__((weak))
#include "ArcDsl/Primitives/Primitives.h"

#include <string.h>

namespace arcdsl {

#define ARCDSL_ENTRY_FO(name) (void *)&arcdsl_prim_##name
#define ARCDSL_ENTRY_HOF(name) ARCDSL_ENTRY_FO(name)
#define ARCDSL_ENTRY_CLOSURE(name) ARCDSL_ENTRY_FO(name)
static const PrimInfo kTable[PRIM_COUNT] = {
#define ARCDSL_PRIM(Id, name, Arity, Kind)                                     \
  {#name, Arity, PRIM_##Kind, ARCDSL_ENTRY_##Kind(name)},
#include "ArcDsl/Primitives/Primitives.def"
};

const PrimInfo *primTable() { return kTable; }

const PrimInfo *findPrim(const char *name) {
  for (const PrimInfo &p : kTable)
    if (strcmp(p.name, name) == 0)
      return &p;
  return nullptr;
}

} // namespace arcdsl
