// RUN: arcdsl-opt %s --arcdsl-cse | FileCheck %s

// Primitives are deterministic: a second identical call is replaced by the
// first. A call whose result is unused may still raise, so it is kept.

// CHECK-LABEL: func.func @duplicates
// CHECK-SAME: (%[[I:.*]]: !arcdsl.grid)
// CHECK-NEXT: %[[V:.*]] = arcdsl.vmirror %[[I]]
// CHECK-NEXT: %[[C:.*]] = arcdsl.hconcat %[[V]], %[[V]]
// CHECK-NEXT: %[[D:.*]] = arcdsl.hconcat %[[C]], %[[C]]
// CHECK-NEXT: return %[[D]]
func.func @duplicates(%I: !arcdsl.grid) -> !arcdsl.grid {
  %0 = arcdsl.vmirror %I : (!arcdsl.grid) -> !arcdsl.grid
  %1 = arcdsl.vmirror %I : (!arcdsl.grid) -> !arcdsl.grid
  %2 = arcdsl.hconcat %0, %1 : (!arcdsl.grid, !arcdsl.grid) -> !arcdsl.grid
  // Equal once %1 is merged into %0.
  %3 = arcdsl.hconcat %0, %0 : (!arcdsl.grid, !arcdsl.grid) -> !arcdsl.grid
  %4 = arcdsl.hconcat %2, %3 : (!arcdsl.grid, !arcdsl.grid) -> !arcdsl.grid
  return %4 : !arcdsl.grid
}

// Operand order matters; different primitives on the same operands differ.
// CHECK-LABEL: func.func @not_equal
// CHECK-SAME: (%[[A:.*]]: !arcdsl.grid, %[[B:.*]]: !arcdsl.grid)
// CHECK-NEXT: arcdsl.hconcat %[[A]], %[[B]]
// CHECK-NEXT: arcdsl.hconcat %[[B]], %[[A]]
// CHECK-NEXT: arcdsl.vconcat %[[A]], %[[B]]
// CHECK-NEXT: arcdsl.vmirror %[[A]] : (!arcdsl.grid) -> !arcdsl.grid
// CHECK-NEXT: arcdsl.vmirror %[[A]] : (!arcdsl.grid) -> !arcdsl.any
// CHECK-NEXT: return
func.func @not_equal(%a: !arcdsl.grid, %b: !arcdsl.grid) -> !arcdsl.grid {
  %0 = arcdsl.hconcat %a, %b : (!arcdsl.grid, !arcdsl.grid) -> !arcdsl.grid
  %1 = arcdsl.hconcat %b, %a : (!arcdsl.grid, !arcdsl.grid) -> !arcdsl.grid
  %2 = arcdsl.vconcat %a, %b : (!arcdsl.grid, !arcdsl.grid) -> !arcdsl.grid
  // Same operation but a different result type: kept apart.
  %3 = arcdsl.vmirror %a : (!arcdsl.grid) -> !arcdsl.grid
  %4 = arcdsl.vmirror %a : (!arcdsl.grid) -> !arcdsl.any
  return %0 : !arcdsl.grid
}

// Dead primitive calls (which may raise: `first` of an empty container,
// `divide` by zero) are not removed, neither the first of two duplicates nor
// a lone one.
// CHECK-LABEL: func.func @dead_calls_kept
// CHECK-SAME: (%[[I:.*]]: !arcdsl.grid)
// CHECK-NEXT: %[[Z:.*]] = arcdsl.constant(0 : i64)
// CHECK-NEXT: %[[H:.*]] = arcdsl.height %[[I]]
// CHECK-NEXT: arcdsl.divide %[[H]], %[[Z]]
// CHECK-NEXT: arcdsl.first %[[I]]
// CHECK-NOT: arcdsl.first
// CHECK-NEXT: return %[[I]]
func.func @dead_calls_kept(%I: !arcdsl.grid) -> !arcdsl.grid {
  %z = arcdsl.constant(0 : i64) : !arcdsl.int
  %h = arcdsl.height %I : (!arcdsl.grid) -> !arcdsl.int
  %0 = arcdsl.divide %h, %z : (!arcdsl.int, !arcdsl.int) -> !arcdsl.int
  %1 = arcdsl.first %I : (!arcdsl.grid) -> !arcdsl.tuple<!arcdsl.int>
  %2 = arcdsl.first %I : (!arcdsl.grid) -> !arcdsl.tuple<!arcdsl.int>
  return %I : !arcdsl.grid
}

// Constants, primitive references and identical hofs are merged too.
// CHECK-LABEL: func.func @constants_refs_hofs
// CHECK-SAME: (%[[OBJS:.*]]: !arcdsl.set<!arcdsl.set<!arcdsl.cell>>)
// CHECK-NEXT: %[[TWO:.*]] = arcdsl.constant(2 : i64) : !arcdsl.int
// CHECK-NEXT: %[[P:.*]] = arcdsl.constant(array<i64: 0, 1>) : !arcdsl.pair
// CHECK-NEXT: %[[S:.*]] = arcdsl.prim_ref "size" : !arcdsl.fn
// CHECK-NEXT: %[[H:.*]] = arcdsl.hof.sfilter [@pred](%[[TWO]]) (%[[OBJS]])
// CHECK-NEXT: %[[H2:.*]] = arcdsl.hof.sfilter [@pred](%[[TWO]]) (%[[H]])
// CHECK-NEXT: arcdsl.add %[[TWO]], %[[P]]
// CHECK-NEXT: arcdsl.argmax %[[H]], %[[S]]
// CHECK-NEXT: return %[[H2]]
func.func @constants_refs_hofs(%objs: !arcdsl.set<!arcdsl.set<!arcdsl.cell>>) -> !arcdsl.set<!arcdsl.set<!arcdsl.cell>> {
  %c0 = arcdsl.constant(2 : i64) : !arcdsl.int
  %c1 = arcdsl.constant(2 : i64) : !arcdsl.int
  %p0 = arcdsl.constant(array<i64: 0, 1>) : !arcdsl.pair
  %p1 = arcdsl.constant(array<i64: 0, 1>) : !arcdsl.pair
  %s0 = arcdsl.prim_ref "size" : !arcdsl.fn
  %s1 = arcdsl.prim_ref "size" : !arcdsl.fn
  %h0 = arcdsl.hof.sfilter [@pred](%c0) (%objs) : (!arcdsl.int, !arcdsl.set<!arcdsl.set<!arcdsl.cell>>) -> !arcdsl.set<!arcdsl.set<!arcdsl.cell>>
  %h1 = arcdsl.hof.sfilter [@pred](%c1) (%objs) : (!arcdsl.int, !arcdsl.set<!arcdsl.set<!arcdsl.cell>>) -> !arcdsl.set<!arcdsl.set<!arcdsl.cell>>
  %h2 = arcdsl.hof.sfilter [@pred](%c0) (%h1) : (!arcdsl.int, !arcdsl.set<!arcdsl.set<!arcdsl.cell>>) -> !arcdsl.set<!arcdsl.set<!arcdsl.cell>>
  %a = arcdsl.add %c1, %p1 : (!arcdsl.int, !arcdsl.pair) -> !arcdsl.pair
  %m = arcdsl.argmax %h1, %s1 : (!arcdsl.set<!arcdsl.set<!arcdsl.cell>>, !arcdsl.fn) -> !arcdsl.set<!arcdsl.cell>
  return %h2 : !arcdsl.set<!arcdsl.set<!arcdsl.cell>>
}

func.func private @pred(%k: !arcdsl.int, %x: !arcdsl.set<!arcdsl.cell>) -> !arcdsl.bool {
  %0 = arcdsl.size %x : (!arcdsl.set<!arcdsl.cell>) -> !arcdsl.int
  %1 = arcdsl.greater %0, %k : (!arcdsl.int, !arcdsl.int) -> !arcdsl.bool
  return %1 : !arcdsl.bool
}

//===----------------------------------------------------------------------===//
// Identical specialized functions
//===----------------------------------------------------------------------===//

// --arcdsl-cse also merges identical specialized functions (ArcDslPasses.td:
// "Also merges identical constants and primitive references, and identical
// specialized functions"). Closure specialization creates one function per
// use, so `apply(size, x)` written twice gives two identical callees; once
// they are merged, the two hofs are identical and merge as well.

// CHECK-LABEL: func.func @solve
// CHECK-SAME: (%[[OBJS:.*]]: !arcdsl.set<!arcdsl.set<!arcdsl.cell>>, %[[PARTS:.*]]: !arcdsl.set<!arcdsl.set<!arcdsl.cell>>)
// CHECK-NEXT: %[[A:.*]] = arcdsl.hof.apply [@[[F:solve__f[0-9]]]]() (%[[OBJS]])
// CHECK-NEXT: %[[B:.*]] = arcdsl.hof.apply [@[[F]]]() (%[[PARTS]])
// CHECK-NEXT: %[[C:.*]] = arcdsl.combine %[[A]], %[[B]]
// CHECK-NEXT: %[[D:.*]] = arcdsl.combine %[[C]], %[[A]]
// CHECK-NEXT: return %[[D]]
// CHECK: func.func private @[[F]]
// CHECK-NEXT: arcdsl.size
// CHECK-NOT: func.func private
func.func @solve(%objs: !arcdsl.set<!arcdsl.set<!arcdsl.cell>>, %parts: !arcdsl.set<!arcdsl.set<!arcdsl.cell>>) -> !arcdsl.set<!arcdsl.int> {
  %0 = arcdsl.hof.apply [@solve__f0]() (%objs) : (!arcdsl.set<!arcdsl.set<!arcdsl.cell>>) -> !arcdsl.set<!arcdsl.int>
  %1 = arcdsl.hof.apply [@solve__f1]() (%parts) : (!arcdsl.set<!arcdsl.set<!arcdsl.cell>>) -> !arcdsl.set<!arcdsl.int>
  %2 = arcdsl.hof.apply [@solve__f2]() (%objs) : (!arcdsl.set<!arcdsl.set<!arcdsl.cell>>) -> !arcdsl.set<!arcdsl.int>
  %3 = arcdsl.combine %0, %1 : (!arcdsl.set<!arcdsl.int>, !arcdsl.set<!arcdsl.int>) -> !arcdsl.set<!arcdsl.int>
  %4 = arcdsl.combine %3, %2 : (!arcdsl.set<!arcdsl.int>, !arcdsl.set<!arcdsl.int>) -> !arcdsl.set<!arcdsl.int>
  return %4 : !arcdsl.set<!arcdsl.int>
}
func.func private @solve__f0(%x: !arcdsl.set<!arcdsl.cell>) -> !arcdsl.int {
  %0 = arcdsl.size %x : (!arcdsl.set<!arcdsl.cell>) -> !arcdsl.int
  return %0 : !arcdsl.int
}
func.func private @solve__f1(%x: !arcdsl.set<!arcdsl.cell>) -> !arcdsl.int {
  %0 = arcdsl.size %x : (!arcdsl.set<!arcdsl.cell>) -> !arcdsl.int
  return %0 : !arcdsl.int
}
func.func private @solve__f2(%x: !arcdsl.set<!arcdsl.cell>) -> !arcdsl.int {
  %0 = arcdsl.size %x : (!arcdsl.set<!arcdsl.cell>) -> !arcdsl.int
  return %0 : !arcdsl.int
}

// Functions that differ are not merged; identical ones are, across solvers
// too (@different__f0 is `size`, like @solve__f0).
// CHECK-LABEL: func.func @different
// CHECK-NEXT: arcdsl.hof.apply [@solve__f0]()
// CHECK-NEXT: arcdsl.hof.apply [@different__f1]()
// CHECK-NOT: func.func private @different__f0
// CHECK: func.func private @different__f1
// CHECK-NEXT: arcdsl.color
func.func @different(%objs: !arcdsl.set<!arcdsl.set<!arcdsl.cell>>) -> !arcdsl.set<!arcdsl.int> {
  %0 = arcdsl.hof.apply [@different__f0]() (%objs) : (!arcdsl.set<!arcdsl.set<!arcdsl.cell>>) -> !arcdsl.set<!arcdsl.int>
  %1 = arcdsl.hof.apply [@different__f1]() (%objs) : (!arcdsl.set<!arcdsl.set<!arcdsl.cell>>) -> !arcdsl.set<!arcdsl.int>
  %2 = arcdsl.combine %0, %1 : (!arcdsl.set<!arcdsl.int>, !arcdsl.set<!arcdsl.int>) -> !arcdsl.set<!arcdsl.int>
  return %2 : !arcdsl.set<!arcdsl.int>
}
func.func private @different__f0(%x: !arcdsl.set<!arcdsl.cell>) -> !arcdsl.int {
  %0 = arcdsl.size %x : (!arcdsl.set<!arcdsl.cell>) -> !arcdsl.int
  return %0 : !arcdsl.int
}
func.func private @different__f1(%x: !arcdsl.set<!arcdsl.cell>) -> !arcdsl.int {
  %0 = arcdsl.color %x : (!arcdsl.set<!arcdsl.cell>) -> !arcdsl.int
  return %0 : !arcdsl.int
}

// Each closure-builder call is a new function object (Python compares
// functions by identity), and so is each closure a hof returns: neither is
// merged. The prim_ref (the same primitive object) is.
// CHECK-LABEL: func.func @closures_keep_identity
// CHECK: %[[F:.*]] = arcdsl.prim_ref "vmirror"
// CHECK-NOT: arcdsl.prim_ref
// CHECK: %[[A:.*]] = arcdsl.compose %[[F]], %[[F]]
// CHECK: %[[B:.*]] = arcdsl.compose %[[F]], %[[F]]
// CHECK: arcdsl.hof.apply [@mk]() (%{{.*}})
// CHECK: arcdsl.hof.apply [@mk]() (%{{.*}})
func.func @closures_keep_identity(%xs: !arcdsl.tuple<!arcdsl.int>) -> !arcdsl.any {
  %f = arcdsl.prim_ref "vmirror" : !arcdsl.fn
  %g = arcdsl.prim_ref "vmirror" : !arcdsl.fn
  %a = arcdsl.compose %f, %f : (!arcdsl.fn, !arcdsl.fn) -> !arcdsl.fn
  %b = arcdsl.compose %g, %g : (!arcdsl.fn, !arcdsl.fn) -> !arcdsl.fn
  %s = arcdsl.astuple %a, %b : (!arcdsl.fn, !arcdsl.fn) -> !arcdsl.any
  %c = arcdsl.hof.apply [@mk]() (%xs) : (!arcdsl.tuple<!arcdsl.int>) -> !arcdsl.tuple<!arcdsl.fn>
  %d = arcdsl.hof.apply [@mk]() (%xs) : (!arcdsl.tuple<!arcdsl.int>) -> !arcdsl.tuple<!arcdsl.fn>
  %t = arcdsl.astuple %c, %d : (!arcdsl.tuple<!arcdsl.fn>, !arcdsl.tuple<!arcdsl.fn>) -> !arcdsl.any
  %r = arcdsl.astuple %s, %t : (!arcdsl.any, !arcdsl.any) -> !arcdsl.any
  return %r : !arcdsl.any
}
func.func private @mk(%k: !arcdsl.int) -> !arcdsl.fn {
  %u = arcdsl.prim_ref "upscale" : !arcdsl.fn
  %r = arcdsl.rbind %u, %k : (!arcdsl.fn, !arcdsl.int) -> !arcdsl.fn
  return %r : !arcdsl.fn
}

// The ends of batt lines stay between the lines they end.
// CHECK-LABEL: func.func @batt_lines
// CHECK-NEXT: %[[V:.*]] = arcdsl.vmirror
// CHECK-NEXT: arcdsl.batt_line 0
// CHECK-NEXT: arcdsl.batt_line 1
// CHECK-NEXT: arcdsl.hconcat %[[V]], %[[V]]
func.func @batt_lines(%I: !arcdsl.grid) -> !arcdsl.grid {
  %0 = arcdsl.vmirror %I : (!arcdsl.grid) -> !arcdsl.grid
  arcdsl.batt_line 0
  %1 = arcdsl.vmirror %I : (!arcdsl.grid) -> !arcdsl.grid
  arcdsl.batt_line 1
  %2 = arcdsl.hconcat %0, %1 : (!arcdsl.grid, !arcdsl.grid) -> !arcdsl.grid
  return %2 : !arcdsl.grid
}

// Pure primitives (they cannot raise) are upstream CSE's, which the pass
// runs too, to a fixed point with the merge of may-raise calls: once the
// two `first` calls merge, the two `toivec` are equal, then the two
// `multiply`.
// CHECK-LABEL: func.func @pure_and_may_raise
// CHECK-SAME: (%[[P:.*]]: !arcdsl.pair)
// CHECK-NEXT: %[[F:.*]] = arcdsl.first %[[P]]
// CHECK-NEXT: %[[V:.*]] = arcdsl.toivec %[[F]]
// CHECK-NEXT: %[[M:.*]] = arcdsl.multiply %[[P]], %[[V]]
// CHECK-NEXT: arcdsl.add %[[M]], %[[M]]
func.func @pure_and_may_raise(%p: !arcdsl.pair) -> !arcdsl.pair {
  %0 = arcdsl.first %p : (!arcdsl.pair) -> !arcdsl.int
  %1 = arcdsl.toivec %0 : (!arcdsl.int) -> !arcdsl.pair
  %2 = arcdsl.multiply %p, %1 : (!arcdsl.pair, !arcdsl.pair) -> !arcdsl.pair
  %3 = arcdsl.first %p : (!arcdsl.pair) -> !arcdsl.int
  %4 = arcdsl.toivec %3 : (!arcdsl.int) -> !arcdsl.pair
  %5 = arcdsl.multiply %p, %4 : (!arcdsl.pair, !arcdsl.pair) -> !arcdsl.pair
  %6 = arcdsl.add %2, %5 : (!arcdsl.pair, !arcdsl.pair) -> !arcdsl.pair
  return %6 : !arcdsl.pair
}

// A batt line's `recover` clears the error state: the same call in the next
// line raises again (and is caught again), so it is not merged across it.
// CHECK-LABEL: func.func @not_across_recover
// CHECK: arcdsl.size
// CHECK: arcdsl.recover
// CHECK: arcdsl.size
// CHECK: arcdsl.recover
module attributes {arcdsl.lenient} {
func.func @not_across_recover(%x: !arcdsl.any) -> !arcdsl.any {
  %f = arcdsl.prim_ref "size" : !arcdsl.fn
  %b0 = arcdsl.status : !arcdsl.int
  %0 = arcdsl.size %x : (!arcdsl.any) -> !arcdsl.int
  %t0 = arcdsl.recover %0, %f, %b0 {caught = ["TypeError"]} : (!arcdsl.int, !arcdsl.fn, !arcdsl.int) -> !arcdsl.any
  arcdsl.batt_line 0
  %b1 = arcdsl.status : !arcdsl.int
  %1 = arcdsl.size %x : (!arcdsl.any) -> !arcdsl.int
  %t1 = arcdsl.recover %1, %f, %b1 {caught = ["TypeError"]} : (!arcdsl.int, !arcdsl.fn, !arcdsl.int) -> !arcdsl.any
  arcdsl.batt_line 1
  %r = arcdsl.make_tuple %t0, %t1 : (!arcdsl.any, !arcdsl.any) -> !arcdsl.any
  return %r : !arcdsl.any
}
}
