; With -clara-profile, placement weighs accesses by measured frequencies: here
; the element ran for half of the packets, so every access (and the optimum
; and baseline of agilio.ll) halves: 796/2 = 398 and 1346/2 = 673.
;
; RUN: %clara_opt -passes='print<clara-place-state>' -disable-output \
; RUN:   %S/agilio.ll -clara-profile=%S/inputs/agilio.profile.yaml 2>&1 \
; RUN:   | FileCheck %s
; CHECK: clara-place-state: NIC=agilio-cx Objects=4 Frequencies=profile Solver=optimal
; CHECK: StatePlacement Object=Meter.1 Level=LMEM Cached=no Bytes=4 Reads=1 Writes=0
; CHECK: StatePlacement Object=Meter.2 Level=IMEM Cached=no Bytes=8 Reads=0.5 Writes=0.5
; CHECK: PlacementSummary CyclesPerPacket=398 BaselineCyclesPerPacket=673
;
; RUN: %clara_opt -passes='print<clara-frequency>' -disable-output \
; RUN:   %S/agilio.ll -clara-profile=%S/inputs/agilio.profile.yaml 2>&1 \
; RUN:   | FileCheck %s --check-prefix=FREQ
; FREQ: clara-frequency: profile, executions per packet
; FREQ: Function _ZN5Meter13simple_actionEP6Packet CallsPerPacket=0.5
;
; A profile of other code, a malformed one and a missing one: one error each.
; RUN: not %clara_opt -passes=clara-place-state -disable-output %S/agilio.ll \
; RUN:   -clara-profile=%S/inputs/other-module.profile.yaml 2>&1 \
; RUN:   | FileCheck %s --check-prefix=OTHER
; OTHER: error: clara: -clara-profile={{.*}}other-module.profile.yaml: {{.*}}the profile was collected from another version of the code (profile module 0123456789abcdef, this module 55917ad5384a6552)
; OTHER-NOT: error:
; RUN: not %clara_opt -passes=clara-place-state -disable-output %S/agilio.ll \
; RUN:   -clara-profile=%S/inputs/malformed.profile.yaml 2>&1 \
; RUN:   | FileCheck %s --check-prefix=BAD
; BAD: error: clara: -clara-profile={{.*}}malformed.profile.yaml: {{.*}}malformed.profile.yaml:5: {{.*}}
; RUN: not %clara_opt -passes=clara-place-state -disable-output %S/agilio.ll \
; RUN:   -clara-profile=%t.missing.yaml 2>&1 | FileCheck %s --check-prefix=MISSING
; MISSING: error: clara: -clara-profile={{.*}}missing.yaml: {{.*}}
