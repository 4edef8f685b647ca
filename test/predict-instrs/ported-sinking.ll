; The ported words (the model's `p:` words) and the pass's memory counts
; attribute each instruction to the block it came from, as the labeller
; attributes target code (by debug line): instcombine in the porting
; pipeline sinks %v and %x, used only in if.then, into if.then, but their
; target code keeps entry's lines, so entry's label counts them. The earlier
; ported words put them in if.then (entry had no `load i32 state`), so the
; model saw entry's work in the wrong block, and the pass counted entry 0
; state accesses and if.then 2 (labels: entry 2 memory, if.then 1).
;
; RUN: rm -rf %t && mkdir -p %t
; RUN: %clara_bin/clara-label -q --nic bluefield2 -o %t/a64.tsv %s
; RUN: awk -F'\t' '{print $4, "memory=" $7 ":", $8}' %t/a64.tsv | FileCheck %s --check-prefix=PORTED
; PORTED: entry memory=2: call ptr api.header a1 ; getelementptr i8 const ; load i8 packet ; getelementptr i8 const ; load i32 state ; mul i32 reg const ; icmp ugt i8 reg const ; br cond
; PORTED-NEXT: if.then memory=1: getelementptr i8 const ; store i32 reg state ; br
; PORTED-NEXT: done memory=0: ret ptr
;
; RUN: %clara_bin/clara-train -q --nic bluefield2 --rounds 5 -o %t %S/inputs/tiny.pairs.tsv
; RUN: %clara_bin/clara-train -q --api-costs -o %t/api-bluefield2.tsv %S/inputs/api.pairs.tsv
; RUN: %clara_opt -clara-nic=bluefield2 -clara-model-dir=%t \
; RUN:   -passes='print<clara-predict-instrs>' -disable-output %s 2>&1 | FileCheck %s
; CHECK: Block=entry Compute={{[0-9.]+}} StateMemory=1 PacketMemory=1
; CHECK: Block=if.then Compute={{[0-9.]+}} StateMemory=1 PacketMemory=0
; CHECK: Block=done Compute={{[0-9.]+}} StateMemory=0 PacketMemory=0

%class.Element = type { ptr, [2 x ptr] }
%class.Sink = type { %class.Element, i32, i32 }
%struct.click_ip = type { i8, i8, i16, i16, i16, i8, i8, i16, i32, i32 }

define ptr @_ZN4Sink13simple_actionEP6Packet(ptr %this, ptr %p) {
entry:
  %ip = call ptr @_ZNK6Packet9ip_headerEv(ptr %p)
  %ttl.p = getelementptr inbounds %struct.click_ip, ptr %ip, i32 0, i32 5
  %ttl = load i8, ptr %ttl.p, align 1
  %n = getelementptr inbounds %class.Sink, ptr %this, i32 0, i32 1
  %v = load i32, ptr %n, align 4
  %x = mul i32 %v, 3
  %cmp = icmp ugt i8 %ttl, 1
  br i1 %cmp, label %if.then, label %done

if.then:
  %m = getelementptr inbounds %class.Sink, ptr %this, i32 0, i32 2
  store i32 %x, ptr %m, align 4
  br label %done

done:
  ret ptr %p
}

declare ptr @_ZNK6Packet9ip_headerEv(ptr)
