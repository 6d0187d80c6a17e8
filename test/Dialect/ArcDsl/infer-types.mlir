// RUN: arcdsl-opt %s --arcdsl-infer-types | FileCheck %s

// Every value enters as !arcdsl.any (as the importer and closure
// specialization leave it); the pass computes the DSL type of each result,
// and the function's result type from its return.

//===----------------------------------------------------------------------===//
// Arithmetic: Integer or IntegerTuple (a pair wins); a Boolean is an Integer
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @numeric
// CHECK-SAME: -> !arcdsl.pair
// CHECK: arcdsl.add %{{.*}}, %{{.*}} : (!arcdsl.int, !arcdsl.int) -> !arcdsl.int
// CHECK: arcdsl.add %{{.*}}, %{{.*}} : (!arcdsl.int, !arcdsl.pair) -> !arcdsl.pair
// CHECK: arcdsl.subtract %{{.*}}, %{{.*}} : (!arcdsl.pair, !arcdsl.int) -> !arcdsl.pair
// CHECK: arcdsl.multiply %{{.*}}, %{{.*}} : (!arcdsl.bool, !arcdsl.int) -> !arcdsl.int
// CHECK: arcdsl.add %{{.*}}, %{{.*}} : (!arcdsl.bool, !arcdsl.bool) -> !arcdsl.int
// CHECK: arcdsl.invert %{{.*}} : (!arcdsl.pair) -> !arcdsl.pair
// CHECK: arcdsl.double %{{.*}} : (!arcdsl.int) -> !arcdsl.int
// CHECK: arcdsl.even %{{.*}} : (!arcdsl.int) -> !arcdsl.bool
// CHECK: arcdsl.both %{{.*}}, %{{.*}} : (!arcdsl.bool, !arcdsl.bool) -> !arcdsl.bool
// CHECK: arcdsl.toivec %{{.*}} : (!arcdsl.int) -> !arcdsl.pair
// CHECK: return %{{.*}} : !arcdsl.pair
func.func @numeric(%i: !arcdsl.int, %p: !arcdsl.pair, %b: !arcdsl.bool) -> !arcdsl.any {
  %0 = arcdsl.add %i, %i : (!arcdsl.int, !arcdsl.int) -> !arcdsl.any
  %1 = arcdsl.add %i, %p : (!arcdsl.int, !arcdsl.pair) -> !arcdsl.any
  %2 = arcdsl.subtract %p, %i : (!arcdsl.pair, !arcdsl.int) -> !arcdsl.any
  %3 = arcdsl.multiply %b, %i : (!arcdsl.bool, !arcdsl.int) -> !arcdsl.any
  %4 = arcdsl.add %b, %b : (!arcdsl.bool, !arcdsl.bool) -> !arcdsl.any
  %5 = arcdsl.invert %p : (!arcdsl.pair) -> !arcdsl.any
  %6 = arcdsl.double %0 : (!arcdsl.any) -> !arcdsl.any
  %7 = arcdsl.even %6 : (!arcdsl.any) -> !arcdsl.any
  %8 = arcdsl.both %7, %b : (!arcdsl.any, !arcdsl.bool) -> !arcdsl.any
  %9 = arcdsl.toivec %i : (!arcdsl.int) -> !arcdsl.any
  return %1 : !arcdsl.any
}

//===----------------------------------------------------------------------===//
// Tuples: astuple, repeat, interval, branch
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @tuples
// CHECK: arcdsl.astuple %{{.*}}, %{{.*}} : (!arcdsl.int, !arcdsl.int) -> !arcdsl.pair
// CHECK: arcdsl.astuple %{{.*}}, %{{.*}} : (!arcdsl.int, !arcdsl.pair) -> !arcdsl.cell
// CHECK: arcdsl.astuple %{{.*}}, %{{.*}} : (!arcdsl.pair, !arcdsl.pair) -> !arcdsl.tuple<!arcdsl.pair>
// CHECK: arcdsl.astuple %{{.*}}, %{{.*}} : (!arcdsl.pair, !arcdsl.int) -> !arcdsl.product<!arcdsl.pair, !arcdsl.int>
// CHECK: arcdsl.repeat %{{.*}}, %{{.*}} : (!arcdsl.pair, !arcdsl.int) -> !arcdsl.tuple<!arcdsl.pair>
// CHECK: arcdsl.interval %{{.*}}, %{{.*}}, %{{.*}} : (!arcdsl.int, !arcdsl.int, !arcdsl.int) -> !arcdsl.tuple<!arcdsl.int>
// CHECK: arcdsl.branch %{{.*}}, %{{.*}}, %{{.*}} : (!arcdsl.bool, !arcdsl.int, !arcdsl.bool) -> !arcdsl.int
// CHECK: arcdsl.branch %{{.*}}, %{{.*}}, %{{.*}} : (!arcdsl.bool, !arcdsl.int, !arcdsl.pair) -> !arcdsl.any
// CHECK: arcdsl.first %{{.*}} : (!arcdsl.pair) -> !arcdsl.int
// CHECK: return %{{.*}} : !arcdsl.cell
func.func @tuples(%i: !arcdsl.int, %p: !arcdsl.pair, %b: !arcdsl.bool) -> !arcdsl.any {
  %0 = arcdsl.astuple %i, %i : (!arcdsl.int, !arcdsl.int) -> !arcdsl.any
  %1 = arcdsl.astuple %i, %p : (!arcdsl.int, !arcdsl.pair) -> !arcdsl.any
  %2 = arcdsl.astuple %p, %p : (!arcdsl.pair, !arcdsl.pair) -> !arcdsl.any
  %3 = arcdsl.astuple %p, %i : (!arcdsl.pair, !arcdsl.int) -> !arcdsl.any
  %4 = arcdsl.repeat %p, %i : (!arcdsl.pair, !arcdsl.int) -> !arcdsl.any
  %5 = arcdsl.interval %i, %i, %i : (!arcdsl.int, !arcdsl.int, !arcdsl.int) -> !arcdsl.any
  %6 = arcdsl.branch %b, %i, %b : (!arcdsl.bool, !arcdsl.int, !arcdsl.bool) -> !arcdsl.any
  %7 = arcdsl.branch %b, %i, %p : (!arcdsl.bool, !arcdsl.int, !arcdsl.pair) -> !arcdsl.any
  %8 = arcdsl.first %p : (!arcdsl.pair) -> !arcdsl.any
  return %1 : !arcdsl.any
}

//===----------------------------------------------------------------------===//
// Containers: element types, patches keep their kind, merge, sets
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @containers
// CHECK-SAME: (%[[I:.*]]: !arcdsl.grid, %[[C:.*]]: !arcdsl.int) -> !arcdsl.set<!arcdsl.cell>
// CHECK: %[[OBJS:.*]] = arcdsl.objects %[[I]], {{.*}} -> !arcdsl.set<!arcdsl.set<!arcdsl.cell>>
// CHECK: %[[OBJ:.*]] = arcdsl.first %[[OBJS]] : (!arcdsl.set<!arcdsl.set<!arcdsl.cell>>) -> !arcdsl.set<!arcdsl.cell>
// CHECK: arcdsl.first %[[OBJ]] : (!arcdsl.set<!arcdsl.cell>) -> !arcdsl.cell
// CHECK: %[[ROW:.*]] = arcdsl.first %[[I]] : (!arcdsl.grid) -> !arcdsl.tuple<!arcdsl.int>
// CHECK: arcdsl.last %[[ROW]] : (!arcdsl.tuple<!arcdsl.int>) -> !arcdsl.int
// CHECK: %[[M:.*]] = arcdsl.merge %[[OBJS]] : (!arcdsl.set<!arcdsl.set<!arcdsl.cell>>) -> !arcdsl.set<!arcdsl.cell>
// CHECK: %[[IND:.*]] = arcdsl.ofcolor %[[I]], %[[C]] : (!arcdsl.grid, !arcdsl.int) -> !arcdsl.set<!arcdsl.pair>
// CHECK: %[[S1:.*]] = arcdsl.shift %[[IND]], %{{.*}} : (!arcdsl.set<!arcdsl.pair>, !arcdsl.pair) -> !arcdsl.set<!arcdsl.pair>
// CHECK: arcdsl.shift %[[OBJ]], %{{.*}} : (!arcdsl.set<!arcdsl.cell>, !arcdsl.pair) -> !arcdsl.set<!arcdsl.cell>
// CHECK: arcdsl.hmirror %[[I]] : (!arcdsl.grid) -> !arcdsl.grid
// CHECK: arcdsl.hmirror %[[OBJ]] : (!arcdsl.set<!arcdsl.cell>) -> !arcdsl.set<!arcdsl.cell>
// CHECK: arcdsl.upscale %[[OBJ]], %[[C]] : (!arcdsl.set<!arcdsl.cell>, !arcdsl.int) -> !arcdsl.set<!arcdsl.cell>
// CHECK: arcdsl.recolor %[[C]], %[[IND]] : (!arcdsl.int, !arcdsl.set<!arcdsl.pair>) -> !arcdsl.set<!arcdsl.cell>
// CHECK: %[[TT:.*]] = arcdsl.totuple %[[OBJS]] : (!arcdsl.set<!arcdsl.set<!arcdsl.cell>>) -> !arcdsl.tuple<!arcdsl.set<!arcdsl.cell>>
// CHECK: arcdsl.mostcommon %[[TT]] : (!arcdsl.tuple<!arcdsl.set<!arcdsl.cell>>) -> !arcdsl.set<!arcdsl.cell>
// CHECK: %[[SP:.*]] = arcdsl.hsplit %[[I]], %[[C]] : (!arcdsl.grid, !arcdsl.int) -> !arcdsl.tuple<!arcdsl.grid>
// CHECK: arcdsl.pair %[[TT]], %[[SP]] : (!arcdsl.tuple<!arcdsl.set<!arcdsl.cell>>, !arcdsl.tuple<!arcdsl.grid>) -> !arcdsl.tuple<!arcdsl.product<!arcdsl.set<!arcdsl.cell>, !arcdsl.grid>>
// CHECK: arcdsl.sizefilter %[[OBJS]], %[[C]] : (!arcdsl.set<!arcdsl.set<!arcdsl.cell>>, !arcdsl.int) -> !arcdsl.set<!arcdsl.set<!arcdsl.cell>>
// CHECK: arcdsl.colorfilter %[[OBJS]], %[[C]] : (!arcdsl.set<!arcdsl.set<!arcdsl.cell>>, !arcdsl.int) -> !arcdsl.set<!arcdsl.set<!arcdsl.cell>>
// CHECK: arcdsl.remove %[[OBJ]], %[[OBJS]] : (!arcdsl.set<!arcdsl.cell>, !arcdsl.set<!arcdsl.set<!arcdsl.cell>>) -> !arcdsl.set<!arcdsl.set<!arcdsl.cell>>
// CHECK: arcdsl.combine %[[IND]], %[[S1]] : (!arcdsl.set<!arcdsl.pair>, !arcdsl.set<!arcdsl.pair>) -> !arcdsl.set<!arcdsl.pair>
// CHECK: %[[IS:.*]] = arcdsl.initset %{{.*}} : (!arcdsl.pair) -> !arcdsl.set<!arcdsl.pair>
// CHECK: arcdsl.insert %{{.*}}, %[[IND]] : (!arcdsl.pair, !arcdsl.set<!arcdsl.pair>) -> !arcdsl.set<!arcdsl.pair>
// CHECK: arcdsl.insert %[[C]], %[[IS]] : (!arcdsl.int, !arcdsl.set<!arcdsl.pair>) -> !arcdsl.set<!arcdsl.any>
// CHECK: %[[PAL:.*]] = arcdsl.palette %[[I]] : (!arcdsl.grid) -> !arcdsl.set<!arcdsl.int>
// CHECK: arcdsl.maximum %[[PAL]] : (!arcdsl.set<!arcdsl.int>) -> !arcdsl.int
// CHECK: arcdsl.product %[[PAL]], %[[PAL]] : (!arcdsl.set<!arcdsl.int>, !arcdsl.set<!arcdsl.int>) -> !arcdsl.set<!arcdsl.pair>
// CHECK: arcdsl.numcolors %[[I]] : (!arcdsl.grid) -> !arcdsl.int
// CHECK: return %[[M]] : !arcdsl.set<!arcdsl.cell>
func.func @containers(%I: !arcdsl.grid, %c: !arcdsl.int) -> !arcdsl.any {
  %t = arcdsl.constant(true) : !arcdsl.bool
  %objs = arcdsl.objects %I, %t, %t, %t : (!arcdsl.grid, !arcdsl.bool, !arcdsl.bool, !arcdsl.bool) -> !arcdsl.any
  %obj = arcdsl.first %objs : (!arcdsl.any) -> !arcdsl.any
  %cell = arcdsl.first %obj : (!arcdsl.any) -> !arcdsl.any
  %row = arcdsl.first %I : (!arcdsl.grid) -> !arcdsl.any
  %v = arcdsl.last %row : (!arcdsl.any) -> !arcdsl.any
  %m = arcdsl.merge %objs : (!arcdsl.any) -> !arcdsl.any
  %ind = arcdsl.ofcolor %I, %c : (!arcdsl.grid, !arcdsl.int) -> !arcdsl.any
  %dir = arcdsl.constant(array<i64: 0, 1>) : !arcdsl.pair
  %s1 = arcdsl.shift %ind, %dir : (!arcdsl.any, !arcdsl.pair) -> !arcdsl.any
  %s2 = arcdsl.shift %obj, %dir : (!arcdsl.any, !arcdsl.pair) -> !arcdsl.any
  %h = arcdsl.hmirror %I : (!arcdsl.grid) -> !arcdsl.any
  %h2 = arcdsl.hmirror %obj : (!arcdsl.any) -> !arcdsl.any
  %up = arcdsl.upscale %obj, %c : (!arcdsl.any, !arcdsl.int) -> !arcdsl.any
  %ro = arcdsl.recolor %c, %ind : (!arcdsl.int, !arcdsl.any) -> !arcdsl.any
  %tt = arcdsl.totuple %objs : (!arcdsl.any) -> !arcdsl.any
  %mc = arcdsl.mostcommon %tt : (!arcdsl.any) -> !arcdsl.any
  %sp = arcdsl.hsplit %I, %c : (!arcdsl.grid, !arcdsl.int) -> !arcdsl.any
  %pr = arcdsl.pair %tt, %sp : (!arcdsl.any, !arcdsl.any) -> !arcdsl.any
  %sz = arcdsl.sizefilter %objs, %c : (!arcdsl.any, !arcdsl.int) -> !arcdsl.any
  %cf = arcdsl.colorfilter %objs, %c : (!arcdsl.any, !arcdsl.int) -> !arcdsl.any
  %rm = arcdsl.remove %obj, %objs : (!arcdsl.any, !arcdsl.any) -> !arcdsl.any
  %cmb = arcdsl.combine %ind, %s1 : (!arcdsl.any, !arcdsl.any) -> !arcdsl.any
  %is = arcdsl.initset %dir : (!arcdsl.pair) -> !arcdsl.any
  %ins = arcdsl.insert %dir, %ind : (!arcdsl.pair, !arcdsl.any) -> !arcdsl.any
  %ins2 = arcdsl.insert %c, %is : (!arcdsl.int, !arcdsl.any) -> !arcdsl.any
  %pal = arcdsl.palette %I : (!arcdsl.grid) -> !arcdsl.any
  %mx = arcdsl.maximum %pal : (!arcdsl.any) -> !arcdsl.any
  %prod = arcdsl.product %pal, %pal : (!arcdsl.any, !arcdsl.any) -> !arcdsl.any
  %nc = arcdsl.numcolors %I : (!arcdsl.grid) -> !arcdsl.any
  return %m : !arcdsl.any
}

//===----------------------------------------------------------------------===//
// Higher-order primitives after closure specialization: the callees get their
// argument types from the captures and the container element types, and the
// hof's result comes from the callee's result.
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @hofs
// CHECK-SAME: (%[[I:.*]]: !arcdsl.grid) -> !arcdsl.grid
// CHECK: %[[OBJS:.*]] = arcdsl.objects
// CHECK: %[[SIZES:.*]] = arcdsl.hof.apply [@hofs_size]() (%[[OBJS]]) : (!arcdsl.set<!arcdsl.set<!arcdsl.cell>>) -> !arcdsl.set<!arcdsl.int>
// CHECK: %[[TT:.*]] = arcdsl.totuple %[[OBJS]] : (!arcdsl.set<!arcdsl.set<!arcdsl.cell>>) -> !arcdsl.tuple<!arcdsl.set<!arcdsl.cell>>
// CHECK: %[[COLS:.*]] = arcdsl.hof.apply [@hofs_color]() (%[[TT]]) : (!arcdsl.tuple<!arcdsl.set<!arcdsl.cell>>) -> !arcdsl.tuple<!arcdsl.int>
// CHECK: arcdsl.hof.apply [@hofs_row]() (%[[I]]) : (!arcdsl.grid) -> !arcdsl.tuple<!arcdsl.int>
// CHECK: arcdsl.hof.mapply [@hofs_toindices]() (%[[OBJS]]) : (!arcdsl.set<!arcdsl.set<!arcdsl.cell>>) -> !arcdsl.set<!arcdsl.pair>
// CHECK: %[[BIG:.*]] = arcdsl.hof.argmax [@hofs_size]() (%[[OBJS]]) : (!arcdsl.set<!arcdsl.set<!arcdsl.cell>>) -> !arcdsl.set<!arcdsl.cell>
// CHECK: arcdsl.hof.argmin [@hofs_invert]() (%[[SIZES]]) : (!arcdsl.set<!arcdsl.int>) -> !arcdsl.int
// CHECK: arcdsl.hof.valmax [@hofs_size]() (%[[OBJS]]) : (!arcdsl.set<!arcdsl.set<!arcdsl.cell>>) -> !arcdsl.int
// CHECK: arcdsl.hof.order [@hofs_size]() (%[[OBJS]]) : (!arcdsl.set<!arcdsl.set<!arcdsl.cell>>) -> !arcdsl.tuple<!arcdsl.set<!arcdsl.cell>>
// CHECK: arcdsl.hof.sfilter [@hofs_has_color](%{{.*}}) (%[[OBJS]]) : (!arcdsl.int, !arcdsl.set<!arcdsl.set<!arcdsl.cell>>) -> !arcdsl.set<!arcdsl.set<!arcdsl.cell>>
// CHECK: arcdsl.hof.mfilter [@hofs_vline]() (%[[OBJS]]) : (!arcdsl.set<!arcdsl.set<!arcdsl.cell>>) -> !arcdsl.set<!arcdsl.cell>
// CHECK: arcdsl.hof.extract [@hofs_vline]() (%[[OBJS]]) : (!arcdsl.set<!arcdsl.set<!arcdsl.cell>>) -> !arcdsl.set<!arcdsl.cell>
// CHECK: arcdsl.hof.papply [@hofs_astuple]() (%[[COLS]], %[[COLS]]) : (!arcdsl.tuple<!arcdsl.int>, !arcdsl.tuple<!arcdsl.int>) -> !arcdsl.tuple<!arcdsl.pair>
// CHECK: %[[CTRS:.*]] = arcdsl.hof.apply [@hofs_center]() (%[[TT]]) : (!arcdsl.tuple<!arcdsl.set<!arcdsl.cell>>) -> !arcdsl.tuple<!arcdsl.pair>
// CHECK: arcdsl.hof.mpapply [@hofs_connect]() (%[[CTRS]], %[[CTRS]]) : (!arcdsl.tuple<!arcdsl.pair>, !arcdsl.tuple<!arcdsl.pair>) -> !arcdsl.tuple<!arcdsl.pair>
// CHECK: arcdsl.hof.prapply [@hofs_astuple2]() (%[[SIZES]], %[[SIZES]]) : (!arcdsl.set<!arcdsl.int>, !arcdsl.set<!arcdsl.int>) -> !arcdsl.set<!arcdsl.pair>
// CHECK: %[[ROT:.*]] = arcdsl.hof.power [@hofs_rot90]() (%{{.*}}, %[[I]]) : (!arcdsl.int, !arcdsl.grid) -> !arcdsl.grid
// CHECK: arcdsl.hof.branch_call [@hofs_ulcorner, @hofs_lrcorner]() (%{{.*}}, %[[BIG]]) : (!arcdsl.bool, !arcdsl.set<!arcdsl.cell>) -> !arcdsl.pair
// CHECK: arcdsl.hof.call [@hofs_ulcorner]() (%[[BIG]]) : (!arcdsl.set<!arcdsl.cell>) -> !arcdsl.pair
// CHECK: return %[[ROT]] : !arcdsl.grid
func.func @hofs(%I: !arcdsl.grid) -> !arcdsl.any {
  %t = arcdsl.constant(true) : !arcdsl.bool
  %f = arcdsl.constant(false) : !arcdsl.bool
  %objs = arcdsl.objects %I, %t, %f, %t : (!arcdsl.grid, !arcdsl.bool, !arcdsl.bool, !arcdsl.bool) -> !arcdsl.any
  %sizes = arcdsl.hof.apply [@hofs_size]() (%objs) : (!arcdsl.any) -> !arcdsl.any
  %tt = arcdsl.totuple %objs : (!arcdsl.any) -> !arcdsl.any
  %cols = arcdsl.hof.apply [@hofs_color]() (%tt) : (!arcdsl.any) -> !arcdsl.any
  %rows = arcdsl.hof.apply [@hofs_row]() (%I) : (!arcdsl.grid) -> !arcdsl.any
  %inds = arcdsl.hof.mapply [@hofs_toindices]() (%objs) : (!arcdsl.any) -> !arcdsl.any
  %big = arcdsl.hof.argmax [@hofs_size]() (%objs) : (!arcdsl.any) -> !arcdsl.any
  %small = arcdsl.hof.argmin [@hofs_invert]() (%sizes) : (!arcdsl.any) -> !arcdsl.any
  %vm = arcdsl.hof.valmax [@hofs_size]() (%objs) : (!arcdsl.any) -> !arcdsl.any
  %ord = arcdsl.hof.order [@hofs_size]() (%objs) : (!arcdsl.any) -> !arcdsl.any
  %two = arcdsl.constant(2 : i64) : !arcdsl.int
  %red = arcdsl.hof.sfilter [@hofs_has_color](%two) (%objs) : (!arcdsl.int, !arcdsl.any) -> !arcdsl.any
  %vl = arcdsl.hof.mfilter [@hofs_vline]() (%objs) : (!arcdsl.any) -> !arcdsl.any
  %ex = arcdsl.hof.extract [@hofs_vline]() (%objs) : (!arcdsl.any) -> !arcdsl.any
  %pa = arcdsl.hof.papply [@hofs_astuple]() (%cols, %cols) : (!arcdsl.any, !arcdsl.any) -> !arcdsl.any
  %ctrs = arcdsl.hof.apply [@hofs_center]() (%tt) : (!arcdsl.any) -> !arcdsl.any
  %mpa = arcdsl.hof.mpapply [@hofs_connect]() (%ctrs, %ctrs) : (!arcdsl.any, !arcdsl.any) -> !arcdsl.any
  %pra = arcdsl.hof.prapply [@hofs_astuple2]() (%sizes, %sizes) : (!arcdsl.any, !arcdsl.any) -> !arcdsl.any
  %rot = arcdsl.hof.power [@hofs_rot90]() (%two, %I) : (!arcdsl.int, !arcdsl.grid) -> !arcdsl.any
  %port = arcdsl.portrait %I : (!arcdsl.grid) -> !arcdsl.any
  %corner = arcdsl.hof.branch_call [@hofs_ulcorner, @hofs_lrcorner]() (%port, %big) : (!arcdsl.any, !arcdsl.any) -> !arcdsl.any
  %ul = arcdsl.hof.call [@hofs_ulcorner]() (%big) : (!arcdsl.any) -> !arcdsl.any
  return %rot : !arcdsl.any
}

// The callees are typed from their (last) use.

// CHECK-LABEL: func.func private @hofs_size
// CHECK-SAME: (%{{.*}}: !arcdsl.set<!arcdsl.cell>) -> !arcdsl.int
func.func private @hofs_size(%x: !arcdsl.any) -> !arcdsl.any {
  %0 = arcdsl.size %x : (!arcdsl.any) -> !arcdsl.any
  return %0 : !arcdsl.any
}
// CHECK-LABEL: func.func private @hofs_color
// CHECK-SAME: (%{{.*}}: !arcdsl.set<!arcdsl.cell>) -> !arcdsl.int
func.func private @hofs_color(%x: !arcdsl.any) -> !arcdsl.any {
  %0 = arcdsl.color %x : (!arcdsl.any) -> !arcdsl.any
  return %0 : !arcdsl.any
}
// CHECK-LABEL: func.func private @hofs_row
// CHECK-SAME: (%{{.*}}: !arcdsl.tuple<!arcdsl.int>) -> !arcdsl.int
// CHECK: arcdsl.first %{{.*}} : (!arcdsl.tuple<!arcdsl.int>) -> !arcdsl.int
func.func private @hofs_row(%x: !arcdsl.any) -> !arcdsl.any {
  %0 = arcdsl.first %x : (!arcdsl.any) -> !arcdsl.any
  return %0 : !arcdsl.any
}
// CHECK-LABEL: func.func private @hofs_toindices
// CHECK-SAME: (%{{.*}}: !arcdsl.set<!arcdsl.cell>) -> !arcdsl.set<!arcdsl.pair>
func.func private @hofs_toindices(%x: !arcdsl.any) -> !arcdsl.any {
  %0 = arcdsl.toindices %x : (!arcdsl.any) -> !arcdsl.any
  return %0 : !arcdsl.any
}
// CHECK-LABEL: func.func private @hofs_invert
// CHECK-SAME: (%{{.*}}: !arcdsl.int) -> !arcdsl.int
func.func private @hofs_invert(%x: !arcdsl.any) -> !arcdsl.any {
  %0 = arcdsl.invert %x : (!arcdsl.any) -> !arcdsl.any
  return %0 : !arcdsl.any
}
// Captures come first: the count is an Integer, the element an Object.
// CHECK-LABEL: func.func private @hofs_has_color
// CHECK-SAME: (%[[K:.*]]: !arcdsl.int, %[[X:.*]]: !arcdsl.set<!arcdsl.cell>) -> !arcdsl.bool
// CHECK: %[[COL:.*]] = arcdsl.color %[[X]] : (!arcdsl.set<!arcdsl.cell>) -> !arcdsl.int
// CHECK: arcdsl.equality %[[COL]], %[[K]] : (!arcdsl.int, !arcdsl.int) -> !arcdsl.bool
func.func private @hofs_has_color(%k: !arcdsl.any, %x: !arcdsl.any) -> !arcdsl.any {
  %0 = arcdsl.color %x : (!arcdsl.any) -> !arcdsl.any
  %1 = arcdsl.equality %0, %k : (!arcdsl.any, !arcdsl.any) -> !arcdsl.any
  return %1 : !arcdsl.any
}
// CHECK-LABEL: func.func private @hofs_vline
// CHECK-SAME: (%{{.*}}: !arcdsl.set<!arcdsl.cell>) -> !arcdsl.bool
func.func private @hofs_vline(%x: !arcdsl.any) -> !arcdsl.any {
  %0 = arcdsl.vline %x : (!arcdsl.any) -> !arcdsl.any
  return %0 : !arcdsl.any
}
// CHECK-LABEL: func.func private @hofs_astuple
// CHECK-SAME: (%{{.*}}: !arcdsl.int, %{{.*}}: !arcdsl.int) -> !arcdsl.pair
func.func private @hofs_astuple(%a: !arcdsl.any, %b: !arcdsl.any) -> !arcdsl.any {
  %0 = arcdsl.astuple %a, %b : (!arcdsl.any, !arcdsl.any) -> !arcdsl.any
  return %0 : !arcdsl.any
}
// CHECK-LABEL: func.func private @hofs_center
// CHECK-SAME: (%{{.*}}: !arcdsl.set<!arcdsl.cell>) -> !arcdsl.pair
func.func private @hofs_center(%x: !arcdsl.any) -> !arcdsl.any {
  %0 = arcdsl.center %x : (!arcdsl.any) -> !arcdsl.any
  return %0 : !arcdsl.any
}
// CHECK-LABEL: func.func private @hofs_connect
// CHECK-SAME: (%{{.*}}: !arcdsl.pair, %{{.*}}: !arcdsl.pair) -> !arcdsl.set<!arcdsl.pair>
func.func private @hofs_connect(%a: !arcdsl.any, %b: !arcdsl.any) -> !arcdsl.any {
  %0 = arcdsl.connect %a, %b : (!arcdsl.any, !arcdsl.any) -> !arcdsl.any
  return %0 : !arcdsl.any
}
// CHECK-LABEL: func.func private @hofs_astuple2
// CHECK-SAME: (%{{.*}}: !arcdsl.int, %{{.*}}: !arcdsl.int) -> !arcdsl.pair
func.func private @hofs_astuple2(%a: !arcdsl.any, %b: !arcdsl.any) -> !arcdsl.any {
  %0 = arcdsl.astuple %a, %b : (!arcdsl.any, !arcdsl.any) -> !arcdsl.any
  return %0 : !arcdsl.any
}
// CHECK-LABEL: func.func private @hofs_rot90
// CHECK-SAME: (%{{.*}}: !arcdsl.grid) -> !arcdsl.grid
func.func private @hofs_rot90(%x: !arcdsl.any) -> !arcdsl.any {
  %0 = arcdsl.rot90 %x : (!arcdsl.any) -> !arcdsl.any
  return %0 : !arcdsl.any
}
// CHECK-LABEL: func.func private @hofs_ulcorner
// CHECK-SAME: (%{{.*}}: !arcdsl.set<!arcdsl.cell>) -> !arcdsl.pair
func.func private @hofs_ulcorner(%x: !arcdsl.any) -> !arcdsl.any {
  %0 = arcdsl.ulcorner %x : (!arcdsl.any) -> !arcdsl.any
  return %0 : !arcdsl.any
}
// CHECK-LABEL: func.func private @hofs_lrcorner
// CHECK-SAME: (%{{.*}}: !arcdsl.set<!arcdsl.cell>) -> !arcdsl.pair
func.func private @hofs_lrcorner(%x: !arcdsl.any) -> !arcdsl.any {
  %0 = arcdsl.lrcorner %x : (!arcdsl.any) -> !arcdsl.any
  return %0 : !arcdsl.any
}

//===----------------------------------------------------------------------===//
// Before specialization: closures are !arcdsl.fn, unspecialized hofs get a
// container of unknown elements, calls of function values stay unknown.
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @unspecialized
// CHECK: %[[RB:.*]] = arcdsl.rbind %{{.*}}, %{{.*}} : (!arcdsl.fn, !arcdsl.int) -> !arcdsl.fn
// CHECK: arcdsl.apply %{{.*}}, %{{.*}} : (!arcdsl.fn, !arcdsl.set<!arcdsl.set<!arcdsl.cell>>) -> !arcdsl.set<!arcdsl.any>
// CHECK: arcdsl.apply %[[RB]], %{{.*}} : (!arcdsl.fn, !arcdsl.tuple<!arcdsl.int>) -> !arcdsl.tuple<!arcdsl.any>
// CHECK: arcdsl.argmax %{{.*}}, %{{.*}} : (!arcdsl.set<!arcdsl.set<!arcdsl.cell>>, !arcdsl.fn) -> !arcdsl.set<!arcdsl.cell>
// CHECK: arcdsl.sfilter %{{.*}}, %{{.*}} : (!arcdsl.set<!arcdsl.set<!arcdsl.cell>>, !arcdsl.fn) -> !arcdsl.set<!arcdsl.set<!arcdsl.cell>>
// CHECK: %[[CALL:.*]] = arcdsl.call_value %{{.*}}(%{{.*}}, %{{.*}}) : !arcdsl.fn, (!arcdsl.int, !arcdsl.int) -> !arcdsl.any
// CHECK: return %[[CALL]] : !arcdsl.any
func.func @unspecialized(%I: !arcdsl.grid) -> !arcdsl.any {
  %t = arcdsl.constant(true) : !arcdsl.bool
  %objs = arcdsl.objects %I, %t, %t, %t : (!arcdsl.grid, !arcdsl.bool, !arcdsl.bool, !arcdsl.bool) -> !arcdsl.any
  %size = arcdsl.prim_ref "size" : !arcdsl.fn
  %add = arcdsl.prim_ref "add" : !arcdsl.fn
  %two = arcdsl.constant(2 : i64) : !arcdsl.int
  %rb = arcdsl.rbind %add, %two : (!arcdsl.fn, !arcdsl.int) -> !arcdsl.any
  %0 = arcdsl.apply %size, %objs : (!arcdsl.fn, !arcdsl.any) -> !arcdsl.any
  %iv = arcdsl.interval %two, %two, %two : (!arcdsl.int, !arcdsl.int, !arcdsl.int) -> !arcdsl.any
  %1 = arcdsl.apply %rb, %iv : (!arcdsl.any, !arcdsl.any) -> !arcdsl.any
  %2 = arcdsl.argmax %objs, %size : (!arcdsl.any, !arcdsl.fn) -> !arcdsl.any
  %vl = arcdsl.prim_ref "vline" : !arcdsl.fn
  %3 = arcdsl.sfilter %objs, %vl : (!arcdsl.any, !arcdsl.fn) -> !arcdsl.any
  %4 = arcdsl.call_value %add(%two, %two) : !arcdsl.fn, (!arcdsl.int, !arcdsl.int) -> !arcdsl.any
  return %4 : !arcdsl.any
}
