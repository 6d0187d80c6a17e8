// RUN: arcdsl-opt %s --convert-arcdsl-to-llvm | FileCheck %s
// RUN: arcdsl-opt %s --convert-arcdsl-to-llvm | FileCheck %s --check-prefix=DECL
// RUN: arcdsl-opt %s --convert-arcdsl-to-llvm | grep 'llvm.func @arcdsl_hof_apply(' | count 1
// RUN: arcdsl-opt %s --convert-arcdsl-to-llvm | FileCheck %s --check-prefix=NOARC

// No ArcDsl or func op is left.
// NOARC-NOT: arcdsl.
// NOARC-NOT: func.func

// The runtime and primitive entry points are declared (once, see the third
// RUN line) with external linkage, before the functions.
// DECL-DAG: llvm.func @arcdsl_prim_vmirror(!llvm.ptr, i64) -> i64
// DECL-DAG: llvm.func @arcdsl_prim_hconcat(!llvm.ptr, i64, i64) -> i64
// DECL-DAG: llvm.func @arcdsl_prim_equality(!llvm.ptr, i64, i64) -> i64
// DECL-DAG: llvm.func @arcdsl_hof_apply(!llvm.ptr, i64, !llvm.ptr, !llvm.ptr) -> i64
// DECL-DAG: llvm.func @arcdsl_hof_power(!llvm.ptr, i64, i64, !llvm.ptr, !llvm.ptr) -> i64
// DECL-DAG: llvm.func @arcdsl_rt_buf(!llvm.ptr, i64) -> !llvm.ptr
// DECL-DAG: llvm.func @arcdsl_rt_buf_set(!llvm.ptr, !llvm.ptr, i64, i64)
// DECL-DAG: llvm.func @arcdsl_rt_truthy(!llvm.ptr, i64) -> i64
// DECL: llvm.func @constants(

// Values are i64 words with a 4-bit tag in bits 60..63 (Value.h):
//   INT  tag 0: the 60-bit two's complement payload
//        5  -> 5
//        -1 -> 2^60 - 1 = 1152921504606846975
//   BOOL tag 1: (1 << 60) | b
//        true  -> 1152921504606846977, false -> 1152921504606846976
//   PAIR tag 2: (2 << 60) | (i & 0xFFFFFFF) << 28 | (j & 0xFFFFFFF)
//        (1, 2)  -> 2305843009213693952 + 268435456 + 2 = 2305843009482129410
//        (-1, 2) -> 2305843009213693952 + 268435455 * 2^28 + 2
//                 = 2377900602983186434
//   NONE tag 6: 6 << 60 = 6917529027641081856

// CHECK-LABEL: llvm.func @constants
// CHECK-SAME: (%[[CTX:.*]]: !llvm.ptr, %[[I:.*]]: i64) -> i64
// CHECK-DAG: %[[FIVE:.*]] = llvm.mlir.constant(5 : i64) : i64
// CHECK-DAG: %[[NEG:.*]] = llvm.mlir.constant(1152921504606846975 : i64) : i64
// CHECK-DAG: %[[T:.*]] = llvm.mlir.constant(1152921504606846977 : i64) : i64
// CHECK-DAG: %[[F:.*]] = llvm.mlir.constant(1152921504606846976 : i64) : i64
// CHECK-DAG: %[[P12:.*]] = llvm.mlir.constant(2305843009482129410 : i64) : i64
// CHECK-DAG: %[[PM12:.*]] = llvm.mlir.constant(2377900602983186434 : i64) : i64
// CHECK-DAG: %[[NONE:.*]] = llvm.mlir.constant(6917529027641081856 : i64) : i64
// The conversion folds ops of constants first (ArcDslFolds.cpp):
// astuple(5, -1) is the pair (5, -1) = 2^61 + 5 * 2^28 + (2^28 - 1),
// both(True, False) is False, (1, 2) + (-1, 2) the pair (0, 4).
// CHECK-DAG: llvm.mlir.constant(2305843010824306687 : i64) : i64
// CHECK-DAG: llvm.mlir.constant(2305843009213693956 : i64) : i64
// CHECK-NOT: llvm.call @arcdsl_prim_astuple
// CHECK-NOT: llvm.call @arcdsl_prim_both
// CHECK-NOT: llvm.call @arcdsl_prim_add
// CHECK: %[[R:.*]] = llvm.call @arcdsl_prim_equality(%[[CTX]], %[[NONE]], %[[I]])
// CHECK: llvm.return %[[R]] : i64
func.func @constants(%I: !arcdsl.grid) -> !arcdsl.bool {
  %five = arcdsl.constant(5 : i64) : !arcdsl.int
  %neg = arcdsl.constant(-1 : i64) : !arcdsl.int
  %t = arcdsl.constant(true) : !arcdsl.bool
  %f = arcdsl.constant(false) : !arcdsl.bool
  %p12 = arcdsl.constant(array<i64: 1, 2>) : !arcdsl.pair
  %pm12 = arcdsl.constant(array<i64: -1, 2>) : !arcdsl.pair
  %none = arcdsl.constant(unit) : !arcdsl.none
  %0 = arcdsl.astuple %five, %neg : (!arcdsl.int, !arcdsl.int) -> !arcdsl.pair
  %1 = arcdsl.both %t, %f : (!arcdsl.bool, !arcdsl.bool) -> !arcdsl.bool
  %2 = arcdsl.add %p12, %pm12 : (!arcdsl.pair, !arcdsl.pair) -> !arcdsl.pair
  %3 = arcdsl.equality %none, %I : (!arcdsl.none, !arcdsl.grid) -> !arcdsl.bool
  return %3 : !arcdsl.bool
}

// A first-order primitive is a call of @arcdsl_prim_<name> with the context
// first; unused results are still computed.
// CHECK-LABEL: llvm.func @first_order
// CHECK-SAME: (%[[CTX:.*]]: !llvm.ptr, %[[A:.*]]: i64, %[[B:.*]]: i64) -> i64
// CHECK-NEXT: %[[V:.*]] = llvm.call @arcdsl_prim_vmirror(%[[CTX]], %[[A]]) : (!llvm.ptr, i64) -> i64
// CHECK-NEXT: llvm.call @arcdsl_prim_first(%[[CTX]], %[[B]]) : (!llvm.ptr, i64) -> i64
// CHECK-NEXT: %[[H:.*]] = llvm.call @arcdsl_prim_hconcat(%[[CTX]], %[[V]], %[[B]]) : (!llvm.ptr, i64, i64) -> i64
// CHECK-NEXT: llvm.return %[[H]] : i64
func.func @first_order(%a: !arcdsl.grid, %b: !arcdsl.grid) -> !arcdsl.grid {
  %0 = arcdsl.vmirror %a : (!arcdsl.grid) -> !arcdsl.grid
  %1 = arcdsl.first %b : (!arcdsl.grid) -> !arcdsl.tuple<!arcdsl.int>
  %2 = arcdsl.hconcat %0, %b : (!arcdsl.grid, !arcdsl.grid) -> !arcdsl.grid
  return %2 : !arcdsl.grid
}

// A higher-order primitive is a call of its loop in the library
// (arcdsl_hof_<prim>, HofLoops.h) with the data operands, the callee's
// thunk and a buffer of the callee's captured values; no loop is built.
// CHECK-LABEL: llvm.func @apply
// CHECK-SAME: (%[[CTX:.*]]: !llvm.ptr, %[[C:.*]]: i64, %[[K:.*]]: i64) -> i64
// CHECK: %[[ENV:.*]] = llvm.alloca %{{.*}} x i64
// CHECK: %[[F:.*]] = llvm.mlir.addressof @apply__f0.thunk1 : !llvm.ptr
// CHECK: %[[SLOT0:.*]] = llvm.getelementptr %[[ENV]][0] : (!llvm.ptr) -> !llvm.ptr, i64
// CHECK-NEXT: llvm.store %[[K]], %[[SLOT0]] : i64, !llvm.ptr
// CHECK-NEXT: %[[RES:.*]] = llvm.call @arcdsl_hof_apply(%[[CTX]], %[[C]], %[[F]], %[[ENV]]) : (!llvm.ptr, i64, !llvm.ptr, !llvm.ptr) -> i64
// CHECK-NEXT: llvm.return %[[RES]] : i64
// CHECK-NOT: llvm.br
func.func @apply(%c: !arcdsl.set<!arcdsl.set<!arcdsl.cell>>, %k: !arcdsl.int) -> !arcdsl.set<!arcdsl.int> {
  %0 = arcdsl.hof.apply [@apply__f0](%k) (%c) : (!arcdsl.int, !arcdsl.set<!arcdsl.set<!arcdsl.cell>>) -> !arcdsl.set<!arcdsl.int>
  return %0 : !arcdsl.set<!arcdsl.int>
}

// Private (specialized) functions get internal linkage and the context too.
// CHECK-LABEL: llvm.func internal @apply__f0
// CHECK-SAME: (%[[CTX:.*]]: !llvm.ptr, %[[K:.*]]: i64, %[[X:.*]]: i64) -> i64
// CHECK-NEXT: %[[S:.*]] = llvm.call @arcdsl_prim_size(%[[CTX]], %[[X]])
// CHECK-NEXT: %[[A:.*]] = llvm.call @arcdsl_prim_add(%[[CTX]], %[[S]], %[[K]])
// CHECK-NEXT: llvm.return %[[A]] : i64
func.func private @apply__f0(%k: !arcdsl.int, %x: !arcdsl.set<!arcdsl.cell>) -> !arcdsl.int {
  %0 = arcdsl.size %x : (!arcdsl.set<!arcdsl.cell>) -> !arcdsl.int
  %1 = arcdsl.add %0, %k : (!arcdsl.int, !arcdsl.int) -> !arcdsl.int
  return %1 : !arcdsl.int
}

// A callee without captures gets a null buffer; one thunk per callee.
// CHECK-LABEL: llvm.func @mapply_sfilter
// CHECK-SAME: (%[[CTX:.*]]: !llvm.ptr, %[[C:.*]]: i64) -> i64
// CHECK: %[[F1:.*]] = llvm.mlir.addressof @vline.thunk0
// CHECK-NEXT: %[[NULL:.*]] = llvm.mlir.zero : !llvm.ptr
// CHECK-NEXT: llvm.call @arcdsl_hof_mapply(%[[CTX]], %[[C]], %[[F1]], %[[NULL]])
// CHECK: %[[F2:.*]] = llvm.mlir.addressof @vline.thunk0
// CHECK: llvm.call @arcdsl_hof_sfilter(%[[CTX]], %[[C]], %[[F2]],
func.func @mapply_sfilter(%c: !arcdsl.set<!arcdsl.set<!arcdsl.cell>>) -> !arcdsl.set<!arcdsl.set<!arcdsl.cell>> {
  %0 = arcdsl.hof.mapply [@vline]() (%c) : (!arcdsl.set<!arcdsl.set<!arcdsl.cell>>) -> !arcdsl.set<!arcdsl.cell>
  %1 = arcdsl.hof.sfilter [@vline]() (%c) : (!arcdsl.set<!arcdsl.set<!arcdsl.cell>>) -> !arcdsl.set<!arcdsl.set<!arcdsl.cell>>
  return %1 : !arcdsl.set<!arcdsl.set<!arcdsl.cell>>
}
// CHECK-LABEL: llvm.func internal @vline
func.func private @vline(%x: !arcdsl.set<!arcdsl.cell>) -> !arcdsl.bool {
  %0 = arcdsl.vline %x : (!arcdsl.set<!arcdsl.cell>) -> !arcdsl.bool
  return %0 : !arcdsl.bool
}

// One callee under two splits (identical specialized functions are merged:
// `lbind(shift, p)` under apply captures the first parameter, `shift` under
// prapply captures none): a thunk per split, each reading its own
// parameters from the captures and from the elements.
// CHECK-LABEL: llvm.func @one_callee_two_splits
// CHECK: llvm.mlir.addressof @shift2.thunk1
// CHECK: llvm.call @arcdsl_hof_apply
// CHECK: llvm.mlir.addressof @shift2.thunk0
// CHECK: llvm.call @arcdsl_hof_prapply
func.func @one_callee_two_splits(%p: !arcdsl.pair, %c: !arcdsl.set<!arcdsl.set<!arcdsl.cell>>, %d: !arcdsl.set<!arcdsl.pair>) -> !arcdsl.any {
  %0 = arcdsl.hof.apply [@shift2](%p) (%c) : (!arcdsl.pair, !arcdsl.set<!arcdsl.set<!arcdsl.cell>>) -> !arcdsl.any
  %1 = arcdsl.hof.prapply [@shift2]() (%0, %d) : (!arcdsl.any, !arcdsl.set<!arcdsl.pair>) -> !arcdsl.any
  return %1 : !arcdsl.any
}
func.func private @shift2(%x: !arcdsl.any, %y: !arcdsl.any) -> !arcdsl.any {
  %0 = arcdsl.shift %y, %x : (!arcdsl.any, !arcdsl.any) -> !arcdsl.any
  return %0 : !arcdsl.any
}

// power: the library's loop (data operands: the count, then the value);
// branch_call: an scf.if (lowered to a conditional branch) calling one of
// the two callees; call: a direct call.
// CHECK-LABEL: llvm.func @power_branch_call
// CHECK-SAME: (%[[CTX:.*]]: !llvm.ptr, %[[I:.*]]: i64, %[[B:.*]]: i64) -> i64
// CHECK: %[[N:.*]] = llvm.mlir.constant(3 : i64) : i64
// CHECK: %[[ROT:.*]] = llvm.mlir.addressof @rot.thunk0
// CHECK: %[[POW:.*]] = llvm.call @arcdsl_hof_power(%[[CTX]], %[[N]], %[[I]], %[[ROT]], %{{.*}})
// CHECK: %[[TR:.*]] = llvm.call @arcdsl_rt_truthy(%[[CTX]], %[[B]])
// CHECK: %[[COND:.*]] = llvm.icmp "ne" %[[TR]]
// CHECK: llvm.cond_br %[[COND]], ^[[THEN:.*]], ^[[ELSE:.*]]
// CHECK: ^[[THEN]]:
// CHECK-NEXT: %[[T:.*]] = llvm.call @rot(%[[CTX]], %[[POW]])
// CHECK-NEXT: llvm.br ^[[JOIN:.*]](%[[T]] : i64)
// CHECK: ^[[ELSE]]:
// CHECK-NEXT: %[[E:.*]] = llvm.call @rot2(%[[CTX]], %[[POW]])
// CHECK-NEXT: llvm.br ^[[JOIN]](%[[E]] : i64)
// CHECK: ^[[JOIN]](%[[BR:.*]]: i64):
// CHECK: %[[R:.*]] = llvm.call @rot(%[[CTX]], %[[BR]])
// CHECK-NEXT: llvm.return %[[R]]
func.func @power_branch_call(%I: !arcdsl.grid, %b: !arcdsl.bool) -> !arcdsl.grid {
  %n = arcdsl.constant(3 : i64) : !arcdsl.int
  %r = arcdsl.hof.power [@rot]() (%n, %I) : (!arcdsl.int, !arcdsl.grid) -> !arcdsl.grid
  %c = arcdsl.hof.branch_call [@rot, @rot2]() (%b, %r) : (!arcdsl.bool, !arcdsl.grid) -> !arcdsl.grid
  %d = arcdsl.hof.call [@rot]() (%c) : (!arcdsl.grid) -> !arcdsl.grid
  return %d : !arcdsl.grid
}
// CHECK-LABEL: llvm.func internal @rot(
func.func private @rot(%g: !arcdsl.grid) -> !arcdsl.grid {
  %0 = arcdsl.rot90 %g : (!arcdsl.grid) -> !arcdsl.grid
  return %0 : !arcdsl.grid
}
// CHECK-LABEL: llvm.func internal @rot2(
func.func private @rot2(%g: !arcdsl.grid) -> !arcdsl.grid {
  %0 = arcdsl.rot180 %g : (!arcdsl.grid) -> !arcdsl.grid
  return %0 : !arcdsl.grid
}

// Function values known only at run time go to the library: a primitive is
// its FN word (tag 5: 5 << 60 | id; "add" is primitive 1), closure builders
// and higher-order primitives over such values are library calls, and a
// call of a function value goes through the library's interpreter.
// CHECK-LABEL: llvm.func @fn_values(
// CHECK-SAME: %[[CTX:.*]]: !llvm.ptr, %[[X:.*]]: i64, %[[XS:.*]]: i64)
// CHECK: %[[ADD:.*]] = llvm.mlir.constant(5764607523034234881 : i64) : i64
// CHECK: %[[RB:.*]] = llvm.call @arcdsl_prim_rbind(%[[CTX]], %[[ADD]], %[[X]])
// CHECK: %[[Y:.*]] = llvm.call @arcdsl_rt_call1(%[[CTX]], %[[RB]], %[[X]])
// CHECK: %[[YS:.*]] = llvm.call @arcdsl_prim_apply(%[[CTX]], %[[RB]], %[[XS]])
// CHECK: llvm.call @arcdsl_rt_call2(%[[CTX]], %[[ADD]], %[[Y]], %[[X]])
func.func @fn_values(%x: !arcdsl.int, %xs: !arcdsl.any) -> !arcdsl.any {
  %add = arcdsl.prim_ref "add" : !arcdsl.fn
  %rb = arcdsl.rbind %add, %x : (!arcdsl.fn, !arcdsl.int) -> !arcdsl.fn
  %y = arcdsl.call_value %rb(%x) : !arcdsl.fn, (!arcdsl.int) -> !arcdsl.any
  %ys = arcdsl.apply %rb, %xs : (!arcdsl.fn, !arcdsl.any) -> !arcdsl.any
  %z = arcdsl.call_value %add(%y, %x) : !arcdsl.fn, (!arcdsl.any, !arcdsl.int) -> !arcdsl.any
  %r = arcdsl.astuple %ys, %z : (!arcdsl.any, !arcdsl.any) -> !arcdsl.any
  return %r : !arcdsl.any
}

// Batt structure: the tuple (S, I, C) taken apart, a line's `except`
// (TypeError and ValueError: mask (1 << 5) | (1 << 2) = 36), a line that
// always fails (TypeError = 5) and the result tuple.
// CHECK-LABEL: llvm.func @batt
// CHECK-SAME: (%[[CTX:.*]]: !llvm.ptr, %[[ARGS:.*]]: i64) -> i64
// CHECK: %[[ONE:.*]] = llvm.mlir.constant(1 : i64) : i64
// CHECK: %[[I:.*]] = llvm.call @arcdsl_rt_item(%[[CTX]], %[[ARGS]], %[[ONE]])
// CHECK: %[[V:.*]] = llvm.call @arcdsl_prim_vmirror(%[[CTX]], %[[I]])
// CHECK: %[[MASK:.*]] = llvm.mlir.constant(36 : i64) : i64
// CHECK: %[[T1:.*]] = llvm.call @arcdsl_rt_recover(%[[CTX]], %[[V]], %{{.*}}, %{{.*}}, %[[MASK]])
// CHECK: %[[CODE:.*]] = llvm.mlir.constant(5 : i64) : i64
// CHECK: llvm.call @arcdsl_rt_fail(%[[CTX]], %[[CODE]])
// CHECK: %[[BUF:.*]] = llvm.call @arcdsl_rt_buf(%[[CTX]], %{{.*}})
// CHECK: llvm.call @arcdsl_rt_buf_set(%[[CTX]], %[[BUF]], %{{.*}}, %[[T1]])
// CHECK: llvm.call @arcdsl_rt_tuple(%[[CTX]], %[[BUF]], %{{.*}})
func.func @batt(%args: !arcdsl.any) -> !arcdsl.any attributes {arcdsl.specialized} {
  %I = arcdsl.item %args[1] : (!arcdsl.any) -> !arcdsl.grid
  %b = arcdsl.status : !arcdsl.int
  %v = arcdsl.vmirror %I : (!arcdsl.grid) -> !arcdsl.grid
  %f = arcdsl.prim_ref "vmirror" : !arcdsl.fn
  %t1 = arcdsl.recover %v, %f, %b {caught = ["TypeError", "ValueError"]} : (!arcdsl.grid, !arcdsl.fn, !arcdsl.int) -> !arcdsl.any
  %x = arcdsl.fail "TypeError" : !arcdsl.any
  %r = arcdsl.make_tuple %t1, %x : (!arcdsl.any, !arcdsl.any) -> !arcdsl.any
  return %r : !arcdsl.any
}

// The ends of batt lines: the first one that sees the sample's error set
// (ArcCtx::err, offset 24) keeps its index in a slot; a failed batt returns
// that index as an Integer word instead of its result.
// CHECK-LABEL: llvm.func @batt_lines
// CHECK: %[[SLOT:.*]] = llvm.alloca
// CHECK: %[[M1:.*]] = llvm.mlir.constant(-1 : i64)
// CHECK: llvm.store %[[M1]], %[[SLOT]]
// CHECK: %[[V:.*]] = llvm.call @arcdsl_prim_vmirror
// CHECK: %[[L0:.*]] = llvm.load %[[SLOT]]
// CHECK: llvm.getelementptr %{{.*}}[24]
// CHECK: %[[FIRST:.*]] = llvm.and
// CHECK: %[[K0:.*]] = llvm.mlir.constant(0 : i64)
// CHECK: %[[S0:.*]] = llvm.select %[[FIRST]], %[[K0]], %[[L0]]
// CHECK: llvm.store %[[S0]], %[[SLOT]]
// CHECK: arcdsl_prim_hmirror
// CHECK: llvm.mlir.constant(1 : i64)
// CHECK: llvm.store %{{.*}}, %[[SLOT]]
// CHECK: %[[LINE:.*]] = llvm.load %[[SLOT]]
// CHECK: %[[KNOWN:.*]] = llvm.and
// CHECK: %[[WORD:.*]] = llvm.or %[[LINE]]
// CHECK: %[[RET:.*]] = llvm.select %[[KNOWN]], %[[WORD]], %{{.*}}
// CHECK: llvm.return %[[RET]]
func.func @batt_lines(%I: !arcdsl.grid) -> !arcdsl.grid attributes {arcdsl.specialized} {
  %v = arcdsl.vmirror %I : (!arcdsl.grid) -> !arcdsl.grid
  arcdsl.batt_line 0
  %w = arcdsl.hmirror %v : (!arcdsl.grid) -> !arcdsl.grid
  arcdsl.batt_line 1
  return %w : !arcdsl.grid
}

// A shared batt line (--arcdsl-batt-share-modes): the memo ops are library
// calls; the scf.if becomes a conditional branch on the replay flag whose
// two blocks join with the line's value.
// CHECK-LABEL: llvm.func @batt_shared
// CHECK: %[[MEMO:.*]] = llvm.call @arcdsl_rt_memo_of(%{{.*}}, %{{.*}}) : (!llvm.ptr, i64) -> i64
// CHECK: %[[FLAG:.*]] = llvm.call @arcdsl_rt_memo_replaying(%{{.*}}, %[[MEMO]])
// CHECK: %[[REP:.*]] = llvm.icmp "ne" %[[FLAG]]
// CHECK: llvm.cond_br %[[REP]], ^[[REPLAY:.*]], ^[[COMPUTE:.*]]
// CHECK: ^[[REPLAY]]:
// CHECK: llvm.call @arcdsl_rt_memo_charge(%{{.*}}, %[[MEMO]], %{{.*}})
// CHECK: %[[LOAD:.*]] = llvm.call @arcdsl_rt_memo_load(%{{.*}}, %[[MEMO]], %{{.*}})
// CHECK: llvm.br ^[[JOIN:.*]](%[[LOAD]] : i64)
// CHECK: ^[[COMPUTE]]:
// CHECK: llvm.call @arcdsl_rt_memo_mark
// CHECK: %[[V:.*]] = llvm.call @arcdsl_prim_vmirror
// CHECK: llvm.call @arcdsl_rt_memo_store(%{{.*}}, %[[MEMO]], %{{.*}}, %[[V]])
// CHECK: llvm.call @arcdsl_rt_memo_mark
// CHECK: llvm.br ^[[JOIN]](%[[V]] : i64)
// CHECK: ^[[JOIN]](%[[T:.*]]: i64):
// CHECK: llvm.call @arcdsl_prim_hmirror(%{{.*}}, %[[T]])
func.func @batt_shared(%args: !arcdsl.any) -> !arcdsl.grid attributes {arcdsl.specialized} {
  %memo = arcdsl.batt_memo %args : (!arcdsl.any) -> !arcdsl.any
  %I = arcdsl.item %args[1] : (!arcdsl.any) -> !arcdsl.grid
  %r = arcdsl.batt_memo_replaying %memo : !arcdsl.any
  %t = scf.if %r -> (!arcdsl.grid) {
    arcdsl.batt_memo_charge %memo[1] : !arcdsl.any
    %l = arcdsl.batt_memo_load %memo[3] : (!arcdsl.any) -> !arcdsl.grid
    scf.yield %l : !arcdsl.grid
  } else {
    arcdsl.batt_memo_mark %memo[1] : !arcdsl.any
    %v = arcdsl.vmirror %I : (!arcdsl.grid) -> !arcdsl.grid
    arcdsl.batt_memo_store %v, %memo[3] : !arcdsl.grid, !arcdsl.any
    arcdsl.batt_memo_mark %memo[2] : !arcdsl.any
    scf.yield %v : !arcdsl.grid
  }
  arcdsl.batt_line 0
  %w = arcdsl.hmirror %t : (!arcdsl.grid) -> !arcdsl.grid
  arcdsl.batt_line 1
  return %w : !arcdsl.grid
}

// The thunks: an ArcCallee (ctx, captures, elements) calling the callee
// with the captured values first.
// CHECK-LABEL: llvm.func internal @apply__f0.thunk1
// CHECK-SAME: (%[[CTX:.*]]: !llvm.ptr, %[[ENV:.*]]: !llvm.ptr, %[[ARGS:.*]]: !llvm.ptr) -> i64
// CHECK: %[[P0:.*]] = llvm.getelementptr %[[ENV]][0]
// CHECK-NEXT: %[[K:.*]] = llvm.load %[[P0]] : !llvm.ptr -> i64
// CHECK-NEXT: %[[P1:.*]] = llvm.getelementptr %[[ARGS]][0]
// CHECK-NEXT: %[[X:.*]] = llvm.load %[[P1]] : !llvm.ptr -> i64
// CHECK-NEXT: %[[R:.*]] = llvm.call @apply__f0(%[[CTX]], %[[K]], %[[X]])
// CHECK-NEXT: llvm.return %[[R]]
// CHECK-LABEL: llvm.func internal @vline.thunk0
// CHECK-LABEL: llvm.func internal @shift2.thunk1
// CHECK-SAME: (%[[CTX:.*]]: !llvm.ptr, %[[ENV:.*]]: !llvm.ptr, %[[ARGS:.*]]: !llvm.ptr) -> i64
// CHECK: %[[Q0:.*]] = llvm.getelementptr %[[ENV]][0]
// CHECK-NEXT: %[[X:.*]] = llvm.load %[[Q0]] : !llvm.ptr -> i64
// CHECK-NEXT: %[[Q1:.*]] = llvm.getelementptr %[[ARGS]][0]
// CHECK-NEXT: %[[Y:.*]] = llvm.load %[[Q1]] : !llvm.ptr -> i64
// CHECK-NEXT: llvm.call @shift2(%[[CTX]], %[[X]], %[[Y]])
// CHECK-LABEL: llvm.func internal @shift2.thunk0
// CHECK-SAME: (%[[CTX:.*]]: !llvm.ptr, %[[ENV:.*]]: !llvm.ptr, %[[ARGS:.*]]: !llvm.ptr) -> i64
// CHECK: %[[Q0:.*]] = llvm.getelementptr %[[ARGS]][0]
// CHECK-NEXT: %[[X:.*]] = llvm.load %[[Q0]] : !llvm.ptr -> i64
// CHECK-NEXT: %[[Q1:.*]] = llvm.getelementptr %[[ARGS]][1]
// CHECK-NEXT: %[[Y:.*]] = llvm.load %[[Q1]] : !llvm.ptr -> i64
// CHECK-NEXT: llvm.call @shift2(%[[CTX]], %[[X]], %[[Y]])
// CHECK-LABEL: llvm.func internal @rot.thunk0
