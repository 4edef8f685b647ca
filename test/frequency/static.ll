; Static executions per packet: an entry point runs once per packet; blocks
; scale by BlockFrequencyInfo (here fixed by branch weights); a helper runs as
; often as its call sites, summed over callers.
;
; RUN: %clara_opt -passes='print<clara-frequency>' -disable-output %s 2>&1 \
; RUN:   | FileCheck %s

%class.Element = type { ptr, [2 x ptr] }
%class.Meter = type { %class.Element, i32 }

; CHECK: Function _ZN5Meter13simple_actionEP6Packet CallsPerPacket=1
; CHECK-NEXT: Block entry Index=0 PerPacket=1
; CHECK-NEXT: Block hot Index=1 PerPacket=0.75
; CHECK-NEXT: Block cold Index=2 PerPacket=0.25
; CHECK-NEXT: Block loop Index=3 PerPacket=10
; CHECK-NEXT: Block %0 Index=4 PerPacket=1
; One call in `hot` (0.75), one in every loop iteration (10), one in `cold`
; through a second helper that calls it twice (0.25 * 2).
; CHECK: Function _Z4stepj CallsPerPacket=11.25
; CHECK: Function _Z5twicej CallsPerPacket=0.25

define ptr @_ZN5Meter13simple_actionEP6Packet(ptr %this, ptr %p) {
entry:
  %c = icmp eq ptr %p, null
  br i1 %c, label %cold, label %hot, !prof !0
hot:
  call void @_Z4stepj(i32 1)
  br label %loop
cold:
  call void @_Z5twicej(i32 2)
  br label %loop
loop:
  %i = phi i32 [ 0, %hot ], [ 0, %cold ], [ %i1, %loop ]
  call void @_Z4stepj(i32 %i)
  %i1 = add i32 %i, 1
  %done = icmp eq i32 %i1, 10
  br i1 %done, label %0, label %loop, !prof !1
; The exit block stays unnamed: the Contracts name it by its slot.
0:
  ret ptr %p
}

define internal void @_Z4stepj(i32 %x) {
  ret void
}

define internal void @_Z5twicej(i32 %x) {
  call void @_Z4stepj(i32 %x)
  call void @_Z4stepj(i32 %x)
  ret void
}

!0 = !{!"branch_weights", i32 1, i32 3}
!1 = !{!"branch_weights", i32 1, i32 9}
