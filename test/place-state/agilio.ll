; State placement on agilio-cx, every figure computable by hand from
; models/nic/agilio-cx.yaml (cycles per access: LMEM 3; IMEM 122 read/write,
; 220 atomic; EMEM 336 read, 290 write, 210 atomic, 200 in its 3 MiB cache):
;   Meter.1   4 B, read twice, never written -> per-core LMEM: 2*3     =   6
;   Meter.2   8 B, read + written (all cores) -> chip IMEM: 122+122    = 244
;   total     8 B, one atomic add            -> EMEM atomics: 210      = 210
;   table     8 MiB, read once               -> only EMEM fits: 336    = 336
; Optimum 796. Baseline, everything in EMEM with the cache taking small hot
; objects: 2*200 + (200+200) + 210 + 336 = 1346.
;
; RUN: %clara_opt -passes='print<clara-place-state>' -disable-output %s 2>&1 \
; RUN:   | FileCheck %s
; CHECK: clara-place-state: NIC=agilio-cx Objects=4 Frequencies=static Solver=optimal
; CHECK-NEXT: StatePlacement Object=Meter.1 Level=LMEM Cached=no Bytes=4 Reads=2 Writes=0 Atomics=0 CyclesPerPacket=6
; CHECK-NEXT: StatePlacement Object=Meter.2 Level=IMEM Cached=no Bytes=8 Reads=1 Writes=1 Atomics=0 CyclesPerPacket=244
; CHECK-NEXT: StatePlacement Object=_ZL5total Level=EMEM Cached=no Bytes=8 Reads=0 Writes=0 Atomics=1 CyclesPerPacket=210
; CHECK-NEXT: StatePlacement Object=_ZL5table Level=EMEM Cached=no Bytes=8388608 Reads=1 Writes=0 Atomics=0 CyclesPerPacket=336
; CHECK-NEXT: PlacementSummary CyclesPerPacket=796 BaselineCyclesPerPacket=1346 Baseline=EMEM AccessesPerPacketLMEM=2 AccessesPerPacketCLS=0 AccessesPerPacketCTM=0 AccessesPerPacketIMEM=2 AccessesPerPacketEMEM=2
;
; A smaller table (-clara-state-size) fits IMEM: 796 - 336 + 122 = 582.
; RUN: %clara_opt -passes='print<clara-place-state>' -disable-output %s \
; RUN:   -clara-state-size=_ZL5table=1048576 2>&1 | FileCheck %s --check-prefix=SIZE
; SIZE: StatePlacement Object=_ZL5table Level=IMEM Cached=no Bytes=1048576
; SIZE: PlacementSummary CyclesPerPacket=582
;
; At 1e9 packets/s IMEM's 1.1e9 accesses/s allow 1.1 per packet: Meter.2's
; two go to EMEM's cache instead: 796 - 244 + 400 = 952.
; RUN: %clara_opt -passes='print<clara-place-state>' -disable-output %s \
; RUN:   -clara-packet-rate=1e9 2>&1 | FileCheck %s --check-prefix=RATE
; RATE: StatePlacement Object=Meter.2 Level=EMEM Cached=yes
; RATE: PlacementSummary CyclesPerPacket=952
;
; The remarks carry the same figures as named arguments.
; RUN: %clara_opt -passes=clara-place-state -disable-output %s \
; RUN:   -pass-remarks-output=%t.yaml
; RUN: FileCheck %s --check-prefix=YAML < %t.yaml
; YAML:      Pass: clara-place-state
; YAML-NEXT: Name: StatePlacement
; YAML:      - Object: Meter.1
; YAML:      - Level: LMEM
; YAML:      - Bytes: '4'
; YAML:      - Accesses: '2'
; YAML:      - CyclesPerPacket: '6'
; YAML:      Name: PlacementSummary
; YAML:      - CyclesPerPacket: '796'
; YAML:      - BaselineCyclesPerPacket: '1346'
; YAML:      - AccessesPerPacketLMEM: '2'
; YAML:      - AccessesPerPacketEMEM: '2'
; YAML:      - Solver: optimal
; YAML:      - SolveMs:
; YAML:      - Frequencies: static
;
; State larger than every memory: a warning, no crash, no placement.
; RUN: %clara_opt -passes=clara-place-state -disable-output %s \
; RUN:   -clara-state-size=_ZL5table=3000000000 2>&1 | FileCheck %s --check-prefix=HUGE
; HUGE: warning: clara-place-state: no placement: {{.*}}
; RUN: not %clara_opt -passes=clara-place-state -disable-output %s \
; RUN:   -clara-state-size=nosuch=4 2>&1 | FileCheck %s --check-prefix=BADNAME
; BADNAME: error: clara: -clara-state-size=nosuch=4: no state object named 'nosuch'

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

%class.Element = type { ptr, [2 x ptr] }
%class.Meter = type { %class.Element, i32, i64 }

@_ZL5total = internal global i64 0
@_ZL5table = internal global [2097152 x i32] zeroinitializer

define ptr @_ZN5Meter13simple_actionEP6Packet(ptr %this, ptr %p) {
  %cfg = getelementptr inbounds %class.Meter, ptr %this, i32 0, i32 1
  %a = load i32, ptr %cfg, align 4
  %b = load i32, ptr %cfg, align 4
  %count = getelementptr inbounds %class.Meter, ptr %this, i32 0, i32 2
  %c = load i64, ptr %count, align 8
  %c1 = add i64 %c, 1
  store i64 %c1, ptr %count, align 8
  %t = atomicrmw add ptr @_ZL5total, i64 1 monotonic
  %i = add i32 %a, %b
  %slot = getelementptr inbounds [2097152 x i32], ptr @_ZL5table, i64 0, i32 %i
  %v = load i32, ptr %slot, align 4
  ret ptr %p
}
