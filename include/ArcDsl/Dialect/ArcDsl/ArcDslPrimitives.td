//===- ArcDslPrimitives.td - the 160 ARC-DSL primitives ----*- tablegen -*-===//
//
// One line per primitive of the reference dsl.py: Python name, parameter
// names, parameter kinds, result kind (the reference annotations, with the
// known lies fixed: numcolors returns an Integer, astuple pairs anything)
// and, where the result type depends on the operands, its rule (a C++
// expression over arcdsl::TypeRule, TypeRules.h; the op's
// InferTypeOpInterface). Each kind is the type constraint ArcDsl_Kind_<kind>
// of ArcDslKinds.td: the op's operand constraint (the verifier checks it)
// and its result's declared type.
//
// ArcDsl_Prim may raise (it writes the error state); ArcDsl_TotalPrim
// cannot raise in Python whatever its operands, and its library entry
// raises nothing but a capacity error (arena full), which is no Python
// error: it is Pure. A capacity or work-bound error can come from any
// primitive; erasing or merging a call only ever does less work.
//
// utils/gen-primitives-def.py turns this file into Primitives.def for the
// LLVM-free primitive library and runtime.
//===----------------------------------------------------------------------===//

#ifndef ARCDSL_PRIMITIVES_TD
#define ARCDSL_PRIMITIVES_TD

include "ArcDsl/Dialect/ArcDsl/ArcDslOpBase.td"

def ArcDsl_IdentityOp : ArcDsl_TotalPrim<"identity", ["x"], ["Any"], "Any", "arg(0)">;
def ArcDsl_AddOp : ArcDsl_Prim<"add", ["a", "b"], ["Numerical", "Numerical"], "Numerical", "numeric()">;
def ArcDsl_SubtractOp : ArcDsl_Prim<"subtract", ["a", "b"], ["Numerical", "Numerical"], "Numerical", "numeric()">;
def ArcDsl_MultiplyOp : ArcDsl_Prim<"multiply", ["a", "b"], ["Numerical", "Numerical"], "Numerical", "numeric()">;
def ArcDsl_DivideOp : ArcDsl_Prim<"divide", ["a", "b"], ["Numerical", "Numerical"], "Numerical", "numeric()">;
def ArcDsl_InvertOp : ArcDsl_Prim<"invert", ["n"], ["Numerical"], "Numerical", "numeric()">;
def ArcDsl_EvenOp : ArcDsl_Prim<"even", ["n"], ["Integer"], "Boolean">;
def ArcDsl_DoubleOp : ArcDsl_Prim<"double", ["n"], ["Numerical"], "Numerical", "numeric()">;
def ArcDsl_HalveOp : ArcDsl_Prim<"halve", ["n"], ["Numerical"], "Numerical", "numeric()">;
def ArcDsl_FlipOp : ArcDsl_TotalPrim<"flip", ["b"], ["Boolean"], "Boolean">;
def ArcDsl_EqualityOp : ArcDsl_Prim<"equality", ["a", "b"], ["Any", "Any"], "Boolean">;
def ArcDsl_ContainedOp : ArcDsl_Prim<"contained", ["value", "container"], ["Any", "Container"], "Boolean">;
def ArcDsl_CombineOp : ArcDsl_Prim<"combine", ["a", "b"], ["Container", "Container"], "Container", "knownOf(arg(0), arg(1))">;
def ArcDsl_IntersectionOp : ArcDsl_Prim<"intersection", ["a", "b"], ["FrozenSet", "FrozenSet"], "FrozenSet", "knownOf(arg(0), arg(1))">;
def ArcDsl_DifferenceOp : ArcDsl_Prim<"difference", ["a", "b"], ["FrozenSet", "FrozenSet"], "FrozenSet", "knownOf(arg(0), arg(1))">;
def ArcDsl_DedupeOp : ArcDsl_Prim<"dedupe", ["tup"], ["Tuple"], "Tuple", "knownOf(arg(0), arg(1))">;
def ArcDsl_OrderOp : ArcDsl_HofPrim<"order", ["container", "compfunc"], ["Container", "Callable"], "Tuple">;
def ArcDsl_RepeatOp : ArcDsl_Prim<"repeat", ["item", "num"], ["Any", "Integer"], "Tuple", "tupleOf(arg(0))">;
def ArcDsl_GreaterOp : ArcDsl_Prim<"greater", ["a", "b"], ["Integer", "Integer"], "Boolean">;
def ArcDsl_SizeOp : ArcDsl_Prim<"size", ["container"], ["Container"], "Integer">;
def ArcDsl_MergeOp : ArcDsl_Prim<"merge", ["containers"], ["ContainerContainer"], "Container", "mergeOf(arg(0))">;
def ArcDsl_MaximumOp : ArcDsl_Prim<"maximum", ["container"], ["IntegerSet"], "Integer">;
def ArcDsl_MinimumOp : ArcDsl_Prim<"minimum", ["container"], ["IntegerSet"], "Integer">;
def ArcDsl_ValmaxOp : ArcDsl_HofPrim<"valmax", ["container", "compfunc"], ["Container", "Callable"], "Integer">;
def ArcDsl_ValminOp : ArcDsl_HofPrim<"valmin", ["container", "compfunc"], ["Container", "Callable"], "Integer">;
def ArcDsl_ArgmaxOp : ArcDsl_HofPrim<"argmax", ["container", "compfunc"], ["Container", "Callable"], "Any">;
def ArcDsl_ArgminOp : ArcDsl_HofPrim<"argmin", ["container", "compfunc"], ["Container", "Callable"], "Any">;
def ArcDsl_MostcommonOp : ArcDsl_Prim<"mostcommon", ["container"], ["Container"], "Any", "elem(0)">;
def ArcDsl_LeastcommonOp : ArcDsl_Prim<"leastcommon", ["container"], ["Container"], "Any", "elem(0)">;
def ArcDsl_InitsetOp : ArcDsl_Prim<"initset", ["value"], ["Any"], "FrozenSet", "setOf(arg(0))">;
def ArcDsl_BothOp : ArcDsl_TotalPrim<"both", ["a", "b"], ["Boolean", "Boolean"], "Boolean", "join(arg(0), arg(1))">;
def ArcDsl_EitherOp : ArcDsl_TotalPrim<"either", ["a", "b"], ["Boolean", "Boolean"], "Boolean", "join(arg(0), arg(1))">;
def ArcDsl_IncrementOp : ArcDsl_Prim<"increment", ["x"], ["Numerical"], "Numerical", "numeric()">;
def ArcDsl_DecrementOp : ArcDsl_Prim<"decrement", ["x"], ["Numerical"], "Numerical", "numeric()">;
def ArcDsl_CrementOp : ArcDsl_Prim<"crement", ["x"], ["Numerical"], "Numerical", "numeric()">;
def ArcDsl_SignOp : ArcDsl_Prim<"sign", ["x"], ["Numerical"], "Numerical", "numeric()">;
def ArcDsl_PositiveOp : ArcDsl_Prim<"positive", ["x"], ["Integer"], "Boolean">;
def ArcDsl_ToivecOp : ArcDsl_TotalPrim<"toivec", ["i"], ["Integer"], "IntegerTuple">;
def ArcDsl_TojvecOp : ArcDsl_TotalPrim<"tojvec", ["j"], ["Integer"], "IntegerTuple">;
def ArcDsl_SfilterOp : ArcDsl_HofPrim<"sfilter", ["container", "condition"], ["Container", "Callable"], "Container">;
def ArcDsl_MfilterOp : ArcDsl_HofPrim<"mfilter", ["container", "function"], ["Container", "Callable"], "FrozenSet">;
def ArcDsl_ExtractOp : ArcDsl_HofPrim<"extract", ["container", "condition"], ["Container", "Callable"], "Any">;
def ArcDsl_TotupleOp : ArcDsl_Prim<"totuple", ["container"], ["FrozenSet"], "Tuple", "tupleOf(elem(0))">;
def ArcDsl_FirstOp : ArcDsl_Prim<"first", ["container"], ["Container"], "Any", "elem(0)">;
def ArcDsl_LastOp : ArcDsl_Prim<"last", ["container"], ["Container"], "Any", "elem(0)">;
def ArcDsl_InsertOp : ArcDsl_Prim<"insert", ["value", "container"], ["Any", "FrozenSet"], "FrozenSet", "setOf(join(arg(0), elem(1)))">;
def ArcDsl_RemoveOp : ArcDsl_Prim<"remove", ["value", "container"], ["Any", "Container"], "Container", "arg(1)">;
def ArcDsl_OtherOp : ArcDsl_Prim<"other", ["container", "value"], ["Container", "Any"], "Any", "elem(0)">;
def ArcDsl_IntervalOp : ArcDsl_Prim<"interval", ["start", "stop", "step"], ["Integer", "Integer", "Integer"], "Tuple", "tupleOf(intT())">;
def ArcDsl_AstupleOp : ArcDsl_TotalPrim<"astuple", ["a", "b"], ["Any", "Any"], "Tuple", "pairOf(arg(0), arg(1))">;
def ArcDsl_ProductOp : ArcDsl_Prim<"product", ["a", "b"], ["Container", "Container"], "FrozenSet", "setOf(pairOf(elem(0), elem(1)))">;
def ArcDsl_PairOp : ArcDsl_Prim<"pair", ["a", "b"], ["Tuple", "Tuple"], "TupleTuple", "tupleOf(pairOf(elem(0), elem(1)))">;
def ArcDsl_BranchOp : ArcDsl_TotalPrim<"branch", ["condition", "a", "b"], ["Boolean", "Any", "Any"], "Any", "join(arg(1), arg(2))">;
def ArcDsl_ComposeOp : ArcDsl_ClosurePrim<"compose", ["outer", "inner"], ["Callable", "Callable"], "Callable">;
def ArcDsl_ChainOp : ArcDsl_ClosurePrim<"chain", ["h", "g", "f"], ["Callable", "Callable", "Callable"], "Callable">;
def ArcDsl_MatcherOp : ArcDsl_ClosurePrim<"matcher", ["function", "target"], ["Callable", "Any"], "Callable">;
def ArcDsl_RbindOp : ArcDsl_ClosurePrim<"rbind", ["function", "fixed"], ["Callable", "Any"], "Callable">;
def ArcDsl_LbindOp : ArcDsl_ClosurePrim<"lbind", ["function", "fixed"], ["Callable", "Any"], "Callable">;
def ArcDsl_PowerOp : ArcDsl_ClosurePrim<"power", ["function", "n"], ["Callable", "Integer"], "Callable">;
def ArcDsl_ForkOp : ArcDsl_ClosurePrim<"fork", ["outer", "a", "b"], ["Callable", "Callable", "Callable"], "Callable">;
def ArcDsl_ApplyOp : ArcDsl_HofPrim<"apply", ["function", "container"], ["Callable", "Container"], "Container">;
def ArcDsl_RapplyOp : ArcDsl_HofPrim<"rapply", ["functions", "value"], ["Container", "Any"], "Container">;
def ArcDsl_MapplyOp : ArcDsl_HofPrim<"mapply", ["function", "container"], ["Callable", "ContainerContainer"], "FrozenSet">;
def ArcDsl_PapplyOp : ArcDsl_HofPrim<"papply", ["function", "a", "b"], ["Callable", "Tuple", "Tuple"], "Tuple">;
def ArcDsl_MpapplyOp : ArcDsl_HofPrim<"mpapply", ["function", "a", "b"], ["Callable", "Tuple", "Tuple"], "Tuple">;
def ArcDsl_PrapplyOp : ArcDsl_HofPrim<"prapply", ["function", "a", "b"], ["Callable", "Container", "Container"], "FrozenSet">;
def ArcDsl_MostcolorOp : ArcDsl_Prim<"mostcolor", ["element"], ["Element"], "Integer">;
def ArcDsl_LeastcolorOp : ArcDsl_Prim<"leastcolor", ["element"], ["Element"], "Integer">;
def ArcDsl_HeightOp : ArcDsl_Prim<"height", ["piece"], ["Piece"], "Integer">;
def ArcDsl_WidthOp : ArcDsl_Prim<"width", ["piece"], ["Piece"], "Integer">;
def ArcDsl_ShapeOp : ArcDsl_Prim<"shape", ["piece"], ["Piece"], "IntegerTuple">;
def ArcDsl_PortraitOp : ArcDsl_Prim<"portrait", ["piece"], ["Piece"], "Boolean">;
def ArcDsl_ColorcountOp : ArcDsl_Prim<"colorcount", ["element", "value"], ["Element", "Integer"], "Integer">;
def ArcDsl_ColorfilterOp : ArcDsl_Prim<"colorfilter", ["objs", "value"], ["Objects", "Integer"], "Objects", "arg(0)">;
def ArcDsl_SizefilterOp : ArcDsl_Prim<"sizefilter", ["container", "n"], ["Container", "Integer"], "FrozenSet", "setOf(elem(0))">;
def ArcDsl_AsindicesOp : ArcDsl_Prim<"asindices", ["grid"], ["Grid"], "Indices">;
def ArcDsl_OfcolorOp : ArcDsl_Prim<"ofcolor", ["grid", "value"], ["Grid", "Integer"], "Indices">;
def ArcDsl_UlcornerOp : ArcDsl_Prim<"ulcorner", ["patch"], ["Patch"], "IntegerTuple">;
def ArcDsl_UrcornerOp : ArcDsl_Prim<"urcorner", ["patch"], ["Patch"], "IntegerTuple">;
def ArcDsl_LlcornerOp : ArcDsl_Prim<"llcorner", ["patch"], ["Patch"], "IntegerTuple">;
def ArcDsl_LrcornerOp : ArcDsl_Prim<"lrcorner", ["patch"], ["Patch"], "IntegerTuple">;
def ArcDsl_CropOp : ArcDsl_Prim<"crop", ["grid", "start", "dims"], ["Grid", "IntegerTuple", "IntegerTuple"], "Grid">;
def ArcDsl_ToindicesOp : ArcDsl_Prim<"toindices", ["patch"], ["Patch"], "Indices">;
def ArcDsl_RecolorOp : ArcDsl_Prim<"recolor", ["value", "patch"], ["Integer", "Patch"], "Object">;
def ArcDsl_ShiftOp : ArcDsl_Prim<"shift", ["patch", "directions"], ["Patch", "IntegerTuple"], "Patch", "arg(0)">;
def ArcDsl_NormalizeOp : ArcDsl_Prim<"normalize", ["patch"], ["Patch"], "Patch", "arg(0)">;
def ArcDsl_DneighborsOp : ArcDsl_Prim<"dneighbors", ["loc"], ["IntegerTuple"], "Indices">;
def ArcDsl_IneighborsOp : ArcDsl_Prim<"ineighbors", ["loc"], ["IntegerTuple"], "Indices">;
def ArcDsl_NeighborsOp : ArcDsl_Prim<"neighbors", ["loc"], ["IntegerTuple"], "Indices">;
def ArcDsl_ObjectsOp : ArcDsl_Prim<"objects", ["grid", "univalued", "diagonal", "without_bg"], ["Grid", "Boolean", "Boolean", "Boolean"], "Objects">;
def ArcDsl_PartitionOp : ArcDsl_Prim<"partition", ["grid"], ["Grid"], "Objects">;
def ArcDsl_FgpartitionOp : ArcDsl_Prim<"fgpartition", ["grid"], ["Grid"], "Objects">;
def ArcDsl_UppermostOp : ArcDsl_Prim<"uppermost", ["patch"], ["Patch"], "Integer">;
def ArcDsl_LowermostOp : ArcDsl_Prim<"lowermost", ["patch"], ["Patch"], "Integer">;
def ArcDsl_LeftmostOp : ArcDsl_Prim<"leftmost", ["patch"], ["Patch"], "Integer">;
def ArcDsl_RightmostOp : ArcDsl_Prim<"rightmost", ["patch"], ["Patch"], "Integer">;
def ArcDsl_SquareOp : ArcDsl_Prim<"square", ["piece"], ["Piece"], "Boolean">;
def ArcDsl_VlineOp : ArcDsl_Prim<"vline", ["patch"], ["Patch"], "Boolean">;
def ArcDsl_HlineOp : ArcDsl_Prim<"hline", ["patch"], ["Patch"], "Boolean">;
def ArcDsl_HmatchingOp : ArcDsl_Prim<"hmatching", ["a", "b"], ["Patch", "Patch"], "Boolean">;
def ArcDsl_VmatchingOp : ArcDsl_Prim<"vmatching", ["a", "b"], ["Patch", "Patch"], "Boolean">;
def ArcDsl_ManhattanOp : ArcDsl_Prim<"manhattan", ["a", "b"], ["Patch", "Patch"], "Integer">;
def ArcDsl_AdjacentOp : ArcDsl_Prim<"adjacent", ["a", "b"], ["Patch", "Patch"], "Boolean">;
def ArcDsl_BorderingOp : ArcDsl_Prim<"bordering", ["patch", "grid"], ["Patch", "Grid"], "Boolean">;
def ArcDsl_CenterofmassOp : ArcDsl_Prim<"centerofmass", ["patch"], ["Patch"], "IntegerTuple">;
def ArcDsl_PaletteOp : ArcDsl_Prim<"palette", ["element"], ["Element"], "IntegerSet">;
def ArcDsl_NumcolorsOp : ArcDsl_Prim<"numcolors", ["element"], ["Element"], "Integer">;
def ArcDsl_ColorOp : ArcDsl_Prim<"color", ["obj"], ["Object"], "Integer">;
def ArcDsl_ToobjectOp : ArcDsl_Prim<"toobject", ["patch", "grid"], ["Patch", "Grid"], "Object">;
def ArcDsl_AsobjectOp : ArcDsl_Prim<"asobject", ["grid"], ["Grid"], "Object">;
def ArcDsl_Rot90Op : ArcDsl_Prim<"rot90", ["grid"], ["Grid"], "Grid">;
def ArcDsl_Rot180Op : ArcDsl_Prim<"rot180", ["grid"], ["Grid"], "Grid">;
def ArcDsl_Rot270Op : ArcDsl_Prim<"rot270", ["grid"], ["Grid"], "Grid">;
def ArcDsl_HmirrorOp : ArcDsl_Prim<"hmirror", ["piece"], ["Piece"], "Piece", "arg(0)">;
def ArcDsl_VmirrorOp : ArcDsl_Prim<"vmirror", ["piece"], ["Piece"], "Piece", "arg(0)">;
def ArcDsl_DmirrorOp : ArcDsl_Prim<"dmirror", ["piece"], ["Piece"], "Piece", "arg(0)">;
def ArcDsl_CmirrorOp : ArcDsl_Prim<"cmirror", ["piece"], ["Piece"], "Piece", "arg(0)">;
def ArcDsl_FillOp : ArcDsl_Prim<"fill", ["grid", "value", "patch"], ["Grid", "Integer", "Patch"], "Grid">;
def ArcDsl_PaintOp : ArcDsl_Prim<"paint", ["grid", "obj"], ["Grid", "Object"], "Grid">;
def ArcDsl_UnderfillOp : ArcDsl_Prim<"underfill", ["grid", "value", "patch"], ["Grid", "Integer", "Patch"], "Grid">;
def ArcDsl_UnderpaintOp : ArcDsl_Prim<"underpaint", ["grid", "obj"], ["Grid", "Object"], "Grid">;
def ArcDsl_HupscaleOp : ArcDsl_Prim<"hupscale", ["grid", "factor"], ["Grid", "Integer"], "Grid">;
def ArcDsl_VupscaleOp : ArcDsl_Prim<"vupscale", ["grid", "factor"], ["Grid", "Integer"], "Grid">;
def ArcDsl_UpscaleOp : ArcDsl_Prim<"upscale", ["element", "factor"], ["Element", "Integer"], "Element", "arg(0)">;
def ArcDsl_DownscaleOp : ArcDsl_Prim<"downscale", ["grid", "factor"], ["Grid", "Integer"], "Grid">;
def ArcDsl_HconcatOp : ArcDsl_Prim<"hconcat", ["a", "b"], ["Grid", "Grid"], "Grid">;
def ArcDsl_VconcatOp : ArcDsl_Prim<"vconcat", ["a", "b"], ["Grid", "Grid"], "Grid">;
def ArcDsl_SubgridOp : ArcDsl_Prim<"subgrid", ["patch", "grid"], ["Patch", "Grid"], "Grid">;
def ArcDsl_HsplitOp : ArcDsl_Prim<"hsplit", ["grid", "n"], ["Grid", "Integer"], "Tuple", "tupleOf(gridT())">;
def ArcDsl_VsplitOp : ArcDsl_Prim<"vsplit", ["grid", "n"], ["Grid", "Integer"], "Tuple", "tupleOf(gridT())">;
def ArcDsl_CellwiseOp : ArcDsl_Prim<"cellwise", ["a", "b", "fallback"], ["Grid", "Grid", "Integer"], "Grid">;
def ArcDsl_ReplaceOp : ArcDsl_Prim<"replace", ["grid", "replacee", "replacer"], ["Grid", "Integer", "Integer"], "Grid">;
def ArcDsl_SwitchOp : ArcDsl_Prim<"switch", ["grid", "a", "b"], ["Grid", "Integer", "Integer"], "Grid">;
def ArcDsl_CenterOp : ArcDsl_Prim<"center", ["patch"], ["Patch"], "IntegerTuple">;
def ArcDsl_PositionOp : ArcDsl_Prim<"position", ["a", "b"], ["Patch", "Patch"], "IntegerTuple">;
def ArcDsl_IndexOp : ArcDsl_Prim<"index", ["grid", "loc"], ["Grid", "IntegerTuple"], "Integer">;
def ArcDsl_CanvasOp : ArcDsl_Prim<"canvas", ["value", "dimensions"], ["Integer", "IntegerTuple"], "Grid">;
def ArcDsl_CornersOp : ArcDsl_Prim<"corners", ["patch"], ["Patch"], "Indices">;
def ArcDsl_ConnectOp : ArcDsl_Prim<"connect", ["a", "b"], ["IntegerTuple", "IntegerTuple"], "Indices">;
def ArcDsl_CoverOp : ArcDsl_Prim<"cover", ["grid", "patch"], ["Grid", "Patch"], "Grid">;
def ArcDsl_TrimOp : ArcDsl_Prim<"trim", ["grid"], ["Grid"], "Grid">;
def ArcDsl_MoveOp : ArcDsl_Prim<"move", ["grid", "obj", "offset"], ["Grid", "Object", "IntegerTuple"], "Grid">;
def ArcDsl_TophalfOp : ArcDsl_Prim<"tophalf", ["grid"], ["Grid"], "Grid">;
def ArcDsl_BottomhalfOp : ArcDsl_Prim<"bottomhalf", ["grid"], ["Grid"], "Grid">;
def ArcDsl_LefthalfOp : ArcDsl_Prim<"lefthalf", ["grid"], ["Grid"], "Grid">;
def ArcDsl_RighthalfOp : ArcDsl_Prim<"righthalf", ["grid"], ["Grid"], "Grid">;
def ArcDsl_VfrontierOp : ArcDsl_Prim<"vfrontier", ["location"], ["IntegerTuple"], "Indices">;
def ArcDsl_HfrontierOp : ArcDsl_Prim<"hfrontier", ["location"], ["IntegerTuple"], "Indices">;
def ArcDsl_BackdropOp : ArcDsl_Prim<"backdrop", ["patch"], ["Patch"], "Indices">;
def ArcDsl_DeltaOp : ArcDsl_Prim<"delta", ["patch"], ["Patch"], "Indices">;
def ArcDsl_GravitateOp : ArcDsl_Prim<"gravitate", ["source", "destination"], ["Patch", "Patch"], "IntegerTuple">;
def ArcDsl_InboxOp : ArcDsl_Prim<"inbox", ["patch"], ["Patch"], "Indices">;
def ArcDsl_OutboxOp : ArcDsl_Prim<"outbox", ["patch"], ["Patch"], "Indices">;
def ArcDsl_BoxOp : ArcDsl_Prim<"box", ["patch"], ["Patch"], "Indices">;
def ArcDsl_ShootOp : ArcDsl_Prim<"shoot", ["start", "direction"], ["IntegerTuple", "IntegerTuple"], "Indices">;
def ArcDsl_OccurrencesOp : ArcDsl_Prim<"occurrences", ["grid", "obj"], ["Grid", "Object"], "Indices">;
def ArcDsl_FrontiersOp : ArcDsl_Prim<"frontiers", ["grid"], ["Grid"], "Objects">;
def ArcDsl_CompressOp : ArcDsl_Prim<"compress", ["grid"], ["Grid"], "Grid">;
def ArcDsl_HperiodOp : ArcDsl_Prim<"hperiod", ["obj"], ["Object"], "Integer">;
def ArcDsl_VperiodOp : ArcDsl_Prim<"vperiod", ["obj"], ["Object"], "Integer">;

#endif // ARCDSL_PRIMITIVES_TD
