; Clang spells out padding as i8 / [N x i8] fields of packed class types
; (here: Element's tail padding is reused). Padding is no state object; a
; real byte member is.
;
; RUN: %clara_opt -passes='print<clara-annotate>' -disable-output %s 2>&1 \
; RUN:   | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

%class.Element.base = type <{ ptr, [2 x ptr], i32 }>
%class.Element = type <{ ptr, [2 x ptr], i32, [4 x i8] }>
; Element.base ends at 28: [4 x i8] aligns the i64 at 32; i8 at 40 is a real
; member; the i8 at 41 aligns the i16 at 42; [4 x i8] at 44 pads to 48.
%class.Gen = type <{ %class.Element.base, [4 x i8], i64, i8, i8, i16, [4 x i8] }>

; CHECK: clara-annotate: EntryPoints=3 StateObjects=7 Functions=3
; CHECK-NEXT: EntryPoint Function=_ZN3Gen13simple_actionEP6Packet
; CHECK-NEXT: EntryPoint Function=_ZN4Resp13simple_actionEP6Packet
; CHECK-NEXT: EntryPoint Function=_ZN4Flag13simple_actionEP6Packet
; CHECK-NEXT: StateObject Name=Gen.2 Bytes=8 Container=none
; CHECK-NEXT: StateObject Name=Gen.3 Bytes=1 Container=none
; CHECK-NEXT: StateObject Name=Gen.5 Bytes=2 Container=none

define ptr @_ZN3Gen13simple_actionEP6Packet(ptr %this, ptr %p) {
  %f = getelementptr inbounds %class.Gen, ptr %this, i32 0, i32 3
  store i8 1, ptr %f, align 1
  ret ptr %p
}

; Tail padding of a non-packed class whose packed base part hides its 8-byte
; alignment: the trailing [4 x i8] is padding, a trailing char member would
; not end on the alignment.
%class.Resp = type { %class.Element.base, i32, i32, [4 x i8] }
%class.Flag = type { %class.Element.base, i32, i8 }

; CHECK-NEXT: StateObject Name=Resp.1 Bytes=4
; CHECK-NEXT: StateObject Name=Resp.2 Bytes=4
; CHECK-NEXT: StateObject Name=Flag.1 Bytes=4
; CHECK-NEXT: StateObject Name=Flag.2 Bytes=1
; CHECK-NEXT: InstructionMix
define ptr @_ZN4Resp13simple_actionEP6Packet(ptr %this, ptr %p) {
  ret ptr %p
}
define ptr @_ZN4Flag13simple_actionEP6Packet(ptr %this, ptr %p) {
  ret ptr %p
}
