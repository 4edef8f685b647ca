; instcombine merges the stores of both arms into their successor (`store
; i32 %storemerge, ptr %cwnd` in `if.end`) with line 0, so the merged store
; has no origin and no annotation kind: its ported word was `store i32 reg
; mem`, which the pass did not count, while the backend stores it (label
; memory=1). A load or store the pipeline made takes the kind of another
; access of the same address (the load of %cwnd in `entry`: state). As
; TCPGen::process_ack's `_cwnd` update in test/nf/tcpgen.cc.
;
; RUN: rm -rf %t && mkdir -p %t
; RUN: %clara_bin/clara-label -q --nic bluefield2 -o %t/a64.tsv %s
; RUN: awk -F'\t' 'NR > 2 {print $4, "memory=" $7 ":", $8}' %t/a64.tsv | FileCheck %s --check-prefix=LABEL
; LABEL: entry memory=1: getelementptr i8 const ; load i32 state ;
; LABEL: if.end memory=1: phi i32 ; store i32 reg state ; ret ptr
;
; The pass counts it too (before: StateMemory=0 in if.end).
; RUN: %clara_bin/clara-train -q --nic bluefield2 --rounds 5 -o %t %S/inputs/tiny.pairs.tsv
; RUN: %clara_bin/clara-train -q --api-costs -o %t/api-bluefield2.tsv %S/inputs/api.pairs.tsv
; RUN: %clara_opt -clara-nic=bluefield2 -clara-model-dir=%t \
; RUN:   -passes='print<clara-predict-instrs>' -disable-output %s 2>&1 | FileCheck %s
; CHECK: Block=entry Compute={{[0-9.]+}} StateMemory=1 PacketMemory=0
; CHECK: Block=if.end Compute={{[0-9.]+}} StateMemory=1 PacketMemory=0

%class.Element = type { ptr, [2 x ptr] }
%class.Cwnd = type { %class.Element, i32, i32 }

define ptr @_ZN4Cwnd13simple_actionEP6Packet(ptr %this, ptr %p) {
entry:
  %cwnd = getelementptr inbounds %class.Cwnd, ptr %this, i32 0, i32 1
  %old = load i32, ptr %cwnd, align 4
  %big = icmp ugt i32 %old, 1000
  br i1 %big, label %if.then, label %if.else

if.then:
  call void @_ZN6Packet4killEv(ptr %p)
  %half = lshr i32 %old, 1
  store i32 %half, ptr %cwnd, align 4
  br label %if.end

if.else:
  %more = add i32 %old, 10
  store i32 %more, ptr %cwnd, align 4
  br label %if.end

if.end:
  ret ptr %p
}
declare void @_ZN6Packet4killEv(ptr)
