; -clara-place-exhaustive: the printer adds the exhaustive optimum over the
; objects with accesses (core/place_expert.c); on agilio.ll's profile it
; equals the ILP's 398 cycles and places every object the same way. Without
; the option there is no such line.
;
; RUN: %clara_opt -passes='print<clara-place-state>' -disable-output \
; RUN:   %S/agilio.ll -clara-profile=%S/inputs/agilio.profile.yaml \
; RUN:   -clara-place-exhaustive 2>&1 | FileCheck %s
; RUN: %clara_opt -passes='print<clara-place-state>' -disable-output \
; RUN:   %S/agilio.ll -clara-profile=%S/inputs/agilio.profile.yaml 2>&1 \
; RUN:   | FileCheck %s --check-prefix=OFF
; CHECK: PlacementSummary CyclesPerPacket=398
; CHECK-NEXT: PlacementExhaustive ExhaustiveCyclesPerPacket=398 CyclesPerPacket=398 HotObjects=4 Objects=4 HotObjectsPlacedDifferently=0
; OFF-NOT: PlacementExhaustive
