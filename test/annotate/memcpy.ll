; memcpy/memset are memory accesses: the kind comes from both ends (state
; before packet before stack); only the destination is written. Copying a
; template out of state into the packet reads that state and writes none.
;
; RUN: %clara_opt -passes='print<clara-annotate>' -disable-output %s 2>&1 \
; RUN:   | FileCheck %s

%class.Element = type { ptr, [2 x ptr] }
%class.Gen = type { %class.Element, [64 x i8], [16 x i8] }
%class.Sink = type { %class.Element }

; CHECK: clara-annotate: EntryPoints=2 StateObjects=2 Functions=2
; The template is read twice and written by none.
; CHECK: StateObject Name=Gen.1 Bytes=64 Container=array Shared=no Loads=2 Stores=0
; CHECK: StateObject Name=Gen.2 Bytes=16 Container=array Shared=no Loads=0 Stores=1
; CHECK: InstructionMix Function=_ZN3Gen13simple_actionEP6Packet Compute=4 MemStack=1 MemState=3 MemPacket=0 ApiHeader=1

define ptr @_ZN3Gen13simple_actionEP6Packet(ptr %this, ptr %p) {
  %local = alloca [16 x i8], align 1
  %data = call ptr @_ZN6Packet4dataEv(ptr %p)
  %tmpl = getelementptr inbounds %class.Gen, ptr %this, i32 0, i32 1
  ; packet <- state: a state read
  call void @llvm.memcpy.p0.p0.i64(ptr %data, ptr %tmpl, i64 64, i1 false)
  ; stack <- state: a state read
  call void @llvm.memcpy.p0.p0.i64(ptr %local, ptr %tmpl, i64 16, i1 false)
  ; state <- stack: a state write
  %last = getelementptr inbounds %class.Gen, ptr %this, i32 0, i32 2
  call void @llvm.memcpy.p0.p0.i64(ptr %last, ptr %local, i64 16, i1 false)
  ; stack only
  call void @llvm.memset.p0.i64(ptr %local, i8 0, i64 16, i1 false)
  ret ptr %p
}

; A second entry point: a write to the template there would make it Shared.
define void @_ZN4Sink4pushEiP6Packet(ptr %this, ptr %p) {
  ret void
}

declare ptr @_ZN6Packet4dataEv(ptr)
declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)
declare void @llvm.memset.p0.i64(ptr, i8, i64, i1)
