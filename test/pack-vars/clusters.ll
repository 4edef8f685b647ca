; Four 32-byte arrays declared A, C, B, D; one block reads and writes A and B,
; another C and D, each once per packet. They are written, so they live in
; chip-wide IMEM (64-byte transactions). In declaration order A and B are 64
; bytes apart and each block needs two 64-byte windows for its reads and two
; for its writes: 8 transactions per packet. Packed {A,B} and {C,D}, each
; block's pair shares one window: 4, at 122 cycles each: 976 -> 488. That is
; the floor (no layout does better): each block reads 64 bytes and writes 64
; bytes, at least one window each.
;
; RUN: %clara_opt -clara-pack-static -passes='print<clara-pack-vars>' \
; RUN:   -disable-output %s 2>&1 | FileCheck %s
; CHECK: clara-pack-vars: NIC=agilio-cx Frequencies=static
; CHECK: Level IMEM Variables=4 K=2
; CHECK-DAG: VariablePack Pack=IMEM.{{[0-9]}} Members=Gen.{{[13]}};Gen.{{[13]}} Offset={{[0-9]+}} Bytes=64 AccessBytes=64
; CHECK-DAG: VariablePack Pack=IMEM.{{[0-9]}} Members=Gen.{{[24]}};Gen.{{[24]}} Offset={{[0-9]+}} Bytes=64 AccessBytes=64
; CHECK: Transactions AsWritten=8 Declaration=8 {{.*}}Clara=4 {{.*}}Floor=4{{$}}
; CHECK: PackingSummary TransactionsPerPacketBefore=8 TransactionsPerPacketAfter=4 CyclesPerPacketBefore=976 CyclesPerPacketAfter=488 {{.*}}Floor=4{{$}}
;
; Without a profile (and without -clara-pack-static) it says it needs one.
; RUN: %clara_opt -passes='print<clara-pack-vars>' -disable-output %s 2>&1 \
; RUN:   | FileCheck %s --check-prefix=SKIP
; SKIP: clara-pack-vars: skipped: needs a run-time profile
; RUN: %clara_opt -passes=clara-pack-vars -disable-output %s \
; RUN:   -pass-remarks-output=%t.yaml
; RUN: FileCheck %s --check-prefix=SKIPYAML < %t.yaml
; SKIPYAML: Name: PackingSkipped
; SKIPYAML: - Reason: 'needs a run-time profile
;
; The remarks of the Contracts.
; RUN: %clara_opt -clara-pack-static -passes=clara-pack-vars -disable-output \
; RUN:   %s -pass-remarks-output=%t.packs.yaml
; RUN: FileCheck %s --check-prefix=YAML < %t.packs.yaml
; YAML: Name: VariablePack
; YAML: - Pack: IMEM.{{[0-9]}}
; YAML: - Members: 'Gen.{{[0-9]}};Gen.{{[0-9]}}'
; YAML: - Bytes: '64'
; YAML: - AccessBytes: '64'
; YAML: Name: PackingSummary
; YAML: - TransactionsPerPacketBefore: '8'
; YAML: - TransactionsPerPacketAfter: '4'
; YAML: - CyclesPerPacketBefore: '976'
; YAML: - CyclesPerPacketAfter: '488'
; YAML: - Baseline: declaration order

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

%class.Element = type { ptr, [2 x ptr] }
%class.Gen = type { %class.Element, [8 x i32], [8 x i32], [8 x i32], [8 x i32] }

define ptr @_ZN3Gen13simple_actionEP6Packet(ptr %this, ptr %p) {
entry:
  br label %x
x:
  %a = getelementptr inbounds %class.Gen, ptr %this, i32 0, i32 1
  %b = getelementptr inbounds %class.Gen, ptr %this, i32 0, i32 3
  %va = load i32, ptr %a, align 4
  %vb = load i32, ptr %b, align 4
  %s1 = add i32 %va, %vb
  store i32 %s1, ptr %a, align 4
  store i32 %s1, ptr %b, align 4
  br label %y
y:
  %c = getelementptr inbounds %class.Gen, ptr %this, i32 0, i32 2
  %d = getelementptr inbounds %class.Gen, ptr %this, i32 0, i32 4
  %vc = load i32, ptr %c, align 4
  %vd = load i32, ptr %d, align 4
  %s2 = add i32 %vc, %vd
  store i32 %s2, ptr %c, align 4
  store i32 %s2, ptr %d, align 4
  ret ptr %p
}
