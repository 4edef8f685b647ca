; llc's MachineSink moves code out of a block with two successors into the
; successor that alone uses it, with line 0, so the labeller charges it to
; that successor, where it executes (core/sink.h). %v (a state load) is
; used in if.then, same and next, all dominated by if.then, so it is loaded
; in if.then on every profile: labels entry 1 memory (the TTL), if.then 1.
; InstCombine does not move it (its users are in three blocks). The ported
; words and the pass's memory counts now follow MachineSink; before, they
; kept the load in entry (pass: entry StateMemory=1, if.then 0; ported
; words of entry ended `getelementptr i8 const ; load i32 state ; icmp`).
; (`br next`: a branch to the next block in function order.)
;
; RUN: rm -rf %t && mkdir -p %t
; RUN: %clara_bin/clara-label -q --nic bluefield2 -o %t/a64.tsv %s
; RUN: awk -F'\t' '{print $4, "memory=" $7 ":", $8}' %t/a64.tsv | FileCheck %s --check-prefix=PORTED
; PORTED: entry memory=1: call ptr api.header a1 ; getelementptr i8 const ; load i8 packet ; icmp ugt i8 reg const ; br cond next{{$}}
; PORTED-NEXT: if.then memory=1: getelementptr i8 const ; load i32 state ; icmp eq i32 reg const ; br cond next{{$}}
; PORTED-NEXT: same memory=1: getelementptr i8 const ; store i32 reg state ; br{{$}}
; PORTED-NEXT: next memory=1: add i32 reg const ; getelementptr i8 const ; store i32 reg state ; br next{{$}}
; PORTED-NEXT: done memory=0: ret ptr
;
; The same on the other backends (RISC-V, MIPS, the NFP-like profile).
; RUN: %clara_bin/clara-label -q --nic octeon -o %t/mips.tsv %s
; RUN: awk -F'\t' '{print $4, "memory=" $7}' %t/mips.tsv | FileCheck %s --check-prefix=LABEL
; RUN: %clara_bin/clara-label -q --nic bluefield3-dpa -o %t/rv.tsv %s
; RUN: awk -F'\t' '{print $4, "memory=" $7}' %t/rv.tsv | FileCheck %s --check-prefix=LABEL
; LABEL: entry memory=1
; LABEL-NEXT: if.then memory=1
;
; RUN: %clara_bin/clara-train -q --nic bluefield2 --rounds 5 -o %t %S/inputs/tiny.pairs.tsv
; RUN: %clara_bin/clara-train -q --api-costs -o %t/api-bluefield2.tsv %S/inputs/api.pairs.tsv
; RUN: %clara_opt -clara-nic=bluefield2 -clara-model-dir=%t \
; RUN:   -passes='print<clara-predict-instrs>' -disable-output %s 2>&1 | FileCheck %s
; CHECK: Block=entry Compute={{[0-9.]+}} StateMemory=0 PacketMemory=1
; CHECK: Block=if.then Compute={{[0-9.]+}} StateMemory=1 PacketMemory=0
; CHECK: Block=same Compute={{[0-9.]+}} StateMemory=1 PacketMemory=0
; CHECK: Block=next Compute={{[0-9.]+}} StateMemory=1 PacketMemory=0
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
  %cmp = icmp ugt i8 %ttl, 1
  br i1 %cmp, label %if.then, label %done

if.then:
  %seven = icmp eq i32 %v, 7
  br i1 %seven, label %same, label %next

same:
  %m = getelementptr inbounds %class.Sink, ptr %this, i32 0, i32 2
  store i32 %v, ptr %m, align 4
  br label %done

next:
  %w = add i32 %v, 1
  %m2 = getelementptr inbounds %class.Sink, ptr %this, i32 0, i32 2
  store i32 %w, ptr %m2, align 4
  br label %done

done:
  ret ptr %p
}

declare ptr @_ZNK6Packet9ip_headerEv(ptr)
