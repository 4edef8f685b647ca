; A load or store less aligned than its size becomes several target
; accesses where the backend has no fast misaligned access (the NIC
; profile's backend.misaligned_accesses; core/merge.h): size / alignment on
; BPF (agilio-cx) and RISC-V (bluefield3-dpa), two on MIPS (octeon:
; lwl/lwr), one on AArch64. The ported word gets the note ` [accesses=K]`
; and the memory count K, so the pass's counts equal the labels. Before,
; every load or store counted once: 3 accesses on every profile.
;
; RUN: rm -rf %t && mkdir -p %t
; RUN: %clara_bin/clara-label -q --nic agilio-cx -o %t/bpf.tsv %s
; RUN: awk -F'\t' 'NR > 2 {print $4, "memory=" $7 ":", $8}' %t/bpf.tsv | FileCheck %s --check-prefix=SPLIT
; RUN: %clara_bin/clara-label -q --nic bluefield3-dpa -o %t/rv.tsv %s
; RUN: awk -F'\t' 'NR > 2 {print $4, "memory=" $7 ":", $8}' %t/rv.tsv | FileCheck %s --check-prefix=SPLIT
; SPLIT: entry memory=7: call ptr api.header a1 ; getelementptr i8 const ; load i32 packet [accesses=4] ; getelementptr i8 const ; store i32 reg state ; getelementptr i8 const ; store i16 zero packet [accesses=2] ; ret ptr
; RUN: %clara_bin/clara-label -q --nic octeon -o %t/mips.tsv %s
; RUN: awk -F'\t' 'NR > 2 {print $4, "memory=" $7 ":", $8}' %t/mips.tsv | FileCheck %s --check-prefix=PAIR
; PAIR: entry memory=5: {{.*}} ; load i32 packet [accesses=2] ; {{.*}} ; store i16 zero packet [accesses=2] ; ret ptr
; RUN: %clara_bin/clara-label -q --nic bluefield2 -o %t/a64.tsv %s
; RUN: awk -F'\t' 'NR > 2 {print $4, "memory=" $7 ":", $8}' %t/a64.tsv | FileCheck %s --check-prefix=NATIVE
; NATIVE: entry memory=3: {{.*}} ; load i32 packet ; {{.*}} ; store i16 zero packet ; ret ptr
;
; The pass counts the same (tiny model; its compute is not checked).
; RUN: sed 's/^bluefield2\t/bluefield3-dpa\t/' %S/inputs/tiny.pairs.tsv > %t/rv.pairs.tsv
; RUN: %clara_bin/clara-train -q --nic bluefield3-dpa --rounds 5 -o %t %t/rv.pairs.tsv
; RUN: %clara_bin/clara-train -q --api-costs -o %t/api-bluefield3-dpa.tsv %S/inputs/api.pairs.tsv
; RUN: %clara_opt -clara-nic=bluefield3-dpa -clara-model-dir=%t \
; RUN:   -passes='print<clara-predict-instrs>' -disable-output %s 2>&1 | FileCheck %s
; CHECK: Block=entry Compute={{[0-9.]+}} StateMemory=1 PacketMemory=6

%class.Element = type { ptr, [2 x ptr] }
%class.Peek = type { %class.Element, i32 }

define ptr @_ZN4Peek13simple_actionEP6Packet(ptr %this, ptr %p) {
entry:
  %data = call ptr @_ZNK6Packet4dataEv(ptr %p)
  %at = getelementptr inbounds i8, ptr %data, i64 26
  %src = load i32, ptr %at, align 1
  %f = getelementptr inbounds %class.Peek, ptr %this, i32 0, i32 1
  store i32 %src, ptr %f, align 4
  %len = getelementptr inbounds i8, ptr %data, i64 17
  store i16 0, ptr %len, align 1
  ret ptr %p
}

declare ptr @_ZNK6Packet4dataEv(ptr)
