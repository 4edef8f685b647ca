; Fixed-length memcpy/memset of state or packet memory: the backend expands
; them into loads and stores, and clara-predict-instrs counts what the
; profile's backend makes of each (the API cost table's memory-intrinsic
; rows, labelled from a generated source at build time), for each side that
; is not the stack. Shipped agilio-cx model and table (eBPF: 8-byte
; accesses at alignment 8, byte accesses at alignment 1).
;
; RUN: %clara_opt -clara-nic=agilio-cx -passes='print<clara-predict-instrs>' \
; RUN:   -disable-output %s 2>&1 | FileCheck %s
;
; 60 bytes from state to the packet at alignment 1: 60 loads + 60 stores.
; CHECK: Prediction Function=_ZN4Copy13simple_actionEP6Packet Block=entry {{.*}} StateMemory=120 PacketMemory=0
; 64 bytes of state to a local at alignment 8: 8 loads; the stores go to
; the stack.
; CHECK: Prediction Function=_ZN4Copy13simple_actionEP6Packet Block=local {{.*}} StateMemory=8 PacketMemory=0
; Clearing 16 bytes of the packet at alignment 8: 2 stores.
; CHECK: Prediction Function=_ZN4Copy13simple_actionEP6Packet Block=clear {{.*}} StateMemory=0 PacketMemory=2
;
; The labeller's words carry the expansion note (the model drops it), and
; the backend's own count of the block's state accesses is 8 as well.
; RUN: rm -rf %t && mkdir -p %t
; RUN: %clara_bin/clara-label -q --nic agilio-cx -o %t/p.tsv %s
; RUN: FileCheck %s --check-prefix=LABEL --input-file=%t/p.tsv
; LABEL: _ZN4Copy13simple_actionEP6Packet	local	{{.*}}call void intrinsic llvm.memcpy len64 [state n=64 a=8 src] ; {{.*}}	{{[0-9]+}}	8	

%class.Element = type { ptr, [2 x ptr] }
%class.Copy = type { %class.Element, [64 x i8] }

define ptr @_ZN4Copy13simple_actionEP6Packet(ptr %this, ptr %p) {
entry:
  %tmp = alloca [64 x i8], align 8
  %data = call ptr @_ZNK6Packet4dataEv(ptr %p)
  %buf = getelementptr inbounds %class.Copy, ptr %this, i32 0, i32 1
  call void @llvm.memcpy.p0.p0.i64(ptr align 1 %data, ptr align 1 %buf, i64 60, i1 false)
  br label %local

local:
  call void @llvm.memcpy.p0.p0.i64(ptr align 8 %tmp, ptr align 8 %buf, i64 64, i1 false)
  call void @use(ptr %tmp)
  br label %clear

clear:
  call void @llvm.memset.p0.i64(ptr align 8 %data, i8 0, i64 16, i1 false)
  ret ptr %p
}

declare ptr @_ZNK6Packet4dataEv(ptr)
declare void @use(ptr)
declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)
declare void @llvm.memset.p0.i64(ptr, i8, i64, i1)
