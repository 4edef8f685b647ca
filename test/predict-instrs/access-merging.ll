; llc merges some adjacent accesses into one (core/merge.h), as the NIC
; profile's backend.access_merging says: on every profile consecutive
; constant stores to adjacent fields (`state`: i8, i8, i16 from a 4-aligned
; field = one 32-bit store); on bluefield2 (AArch64) also misaligned ones
; (`payload`: two byte stores = one `strh`) and pairs of adjacent 4-byte
; loads and stores (`entry`, TCPResponder's address swap: `ldp` + `stp`).
; The merged accesses' ported words end in ` [merged]` and do not count as
; memory, so the pass's counts equal the labels. Before, the pass counted
; every IR access: bluefield2 PacketMemory entry 5, state StateMemory 3,
; payload PacketMemory 2.
;
; RUN: rm -rf %t && mkdir -p %t
; RUN: %clara_bin/clara-label -q --nic bluefield2 -o %t/a64.tsv %s
; RUN: awk -F'\t' 'NR > 2 {print $4, "memory=" $7 ":", $8}' %t/a64.tsv | FileCheck %s --check-prefix=A64
; A64: entry memory=3: call ptr api.header a1 ; getelementptr i8 const ; getelementptr i8 const ; load i32 packet ; load i32 packet [merged] ; store i32 reg packet ; store i32 reg packet [merged] ; getelementptr i8 const ; load i8 packet ; icmp ugt i8 reg const ; br cond
; A64-NEXT: state memory=1: getelementptr i8 const ; getelementptr i8 const ; getelementptr i8 const ; store i8 const state ; store i8 zero state [merged] ; store i16 const state [merged] ; br
; A64-NEXT: payload memory=1: call ptr api.header a1 ; getelementptr i8 const ; store i8 const packet ; store i8 const packet [merged] ; br
; A64-NEXT: done memory=0: ret ptr
;
; RISC-V, MIPS and the NFP-like profile merge only the aligned constant
; stores.
; RUN: %clara_bin/clara-label -q --nic octeon -o %t/mips.tsv %s
; RUN: awk -F'\t' 'NR > 2 {print $4, "memory=" $7 ":", $8}' %t/mips.tsv | FileCheck %s --check-prefix=OTHER
; RUN: %clara_bin/clara-label -q --nic bluefield3-dpa -o %t/rv.tsv %s
; RUN: awk -F'\t' 'NR > 2 {print $4, "memory=" $7 ":", $8}' %t/rv.tsv | FileCheck %s --check-prefix=OTHER
; RUN: %clara_bin/clara-label -q --nic agilio-cx -o %t/bpf.tsv %s
; RUN: awk -F'\t' 'NR > 2 {print $4, "memory=" $7 ":", $8}' %t/bpf.tsv | FileCheck %s --check-prefix=OTHER
; OTHER: entry memory=5: {{.*}}; load i32 packet ; load i32 packet ; store i32 reg packet ; store i32 reg packet ;
; OTHER-NEXT: state memory=1: {{.*}}; store i8 const state ; store i8 zero state [merged] ; store i16 const state [merged] ; br
; OTHER-NEXT: payload memory=2: {{.*}}; store i8 const packet ; store i8 const packet ; br
;
; The pass counts the same.
; RUN: %clara_bin/clara-train -q --nic bluefield2 --rounds 5 -o %t %S/inputs/tiny.pairs.tsv
; RUN: %clara_bin/clara-train -q --api-costs -o %t/api-bluefield2.tsv %S/inputs/api.pairs.tsv
; RUN: %clara_opt -clara-nic=bluefield2 -clara-model-dir=%t \
; RUN:   -passes='print<clara-predict-instrs>' -disable-output %s 2>&1 | FileCheck %s
; CHECK: Block=entry Compute={{[0-9.]+}} StateMemory=0 PacketMemory=3
; CHECK: Block=state Compute={{[0-9.]+}} StateMemory=1 PacketMemory=0
; CHECK: Block=payload Compute={{[0-9.]+}} StateMemory=0 PacketMemory=1
; CHECK: Block=done Compute={{[0-9.]+}} StateMemory=0 PacketMemory=0
; RUN: cp %t/api-bluefield2.tsv %t/api-octeon.tsv
; RUN: sed 's/^bluefield2	/octeon	/' %S/inputs/tiny.pairs.tsv > %t/octeon.pairs.tsv
; RUN: %clara_bin/clara-train -q --nic octeon --rounds 5 -o %t %t/octeon.pairs.tsv
; RUN: %clara_opt -clara-nic=octeon -clara-model-dir=%t \
; RUN:   -passes='print<clara-predict-instrs>' -disable-output %s 2>&1 | FileCheck %s --check-prefix=MIPS
; MIPS: Block=entry Compute={{[0-9.]+}} StateMemory=0 PacketMemory=5
; MIPS: Block=state Compute={{[0-9.]+}} StateMemory=1 PacketMemory=0
; MIPS: Block=payload Compute={{[0-9.]+}} StateMemory=0 PacketMemory=2

%class.Element = type { ptr, [2 x ptr] }
%class.Resp = type { %class.Element, i32, i8, i8, i16 }
%struct.click_ip = type { i8, i8, i16, i16, i16, i8, i8, i16, i32, i32 }

define ptr @_ZN4Resp13simple_actionEP6Packet(ptr %this, ptr %p) {
entry:
  %ip = call ptr @_ZNK6Packet9ip_headerEv(ptr %p)
  %src = getelementptr inbounds %struct.click_ip, ptr %ip, i32 0, i32 8
  %dst = getelementptr inbounds %struct.click_ip, ptr %ip, i32 0, i32 9
  %a = load i32, ptr %src, align 4
  %b = load i32, ptr %dst, align 4
  store i32 %b, ptr %src, align 4
  store i32 %a, ptr %dst, align 4
  %ttl.p = getelementptr inbounds %struct.click_ip, ptr %ip, i32 0, i32 5
  %ttl = load i8, ptr %ttl.p, align 1
  %cmp = icmp ugt i8 %ttl, 1
  br i1 %cmp, label %state, label %payload

state:
  %f1 = getelementptr inbounds %class.Resp, ptr %this, i32 0, i32 2
  %f2 = getelementptr inbounds %class.Resp, ptr %this, i32 0, i32 3
  %f3 = getelementptr inbounds %class.Resp, ptr %this, i32 0, i32 4
  store i8 2, ptr %f1, align 4
  store i8 0, ptr %f2, align 1
  store i16 500, ptr %f3, align 2
  br label %done

payload:
  %d = call ptr @_ZNK6Packet4dataEv(ptr %p)
  %d1 = getelementptr inbounds i8, ptr %d, i64 1
  store i8 1, ptr %d, align 1
  store i8 2, ptr %d1, align 1
  br label %done

done:
  ret ptr %p
}

declare ptr @_ZNK6Packet9ip_headerEv(ptr)
declare ptr @_ZNK6Packet4dataEv(ptr)
