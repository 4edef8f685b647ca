; Bitcode without a Click entry point is an error, not an empty report.
;
; RUN: not %clara_opt -passes=clara-annotate -disable-output %s 2>&1 \
; RUN:   | FileCheck %s
; RUN: not %clara_opt -passes='print<clara-annotate>' -disable-output %s 2>&1 \
; RUN:   | FileCheck %s
; CHECK: error: {{.*}}no-entry-point.ll: no Click entry point: expected a simple_action, push, pull or smaction method of a class deriving from Element
; CHECK-NOT: error:

%class.NotAnElement = type { i32 }

; A method named like an entry point, of a class that is no Element.
define ptr @_ZN12NotAnElement13simple_actionEP6Packet(ptr %this, ptr %p) {
  ret ptr %p
}

define i32 @main() {
  ret i32 0
}
