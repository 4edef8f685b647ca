; More merges of adjacent accesses (core/merge.h; the NIC profile's
; backend.access_merging), each checked against the labels:
; - entry: AggregateCounter-style counters, `load; add; store` of two
;   adjacent i64 fields: AArch64 pairs the loads and the stores (ldp + stp)
;   past the store to the other field;
; - word: four packet bytes or-ed into a little-endian 32-bit value: one
;   `ldr` on AArch64, `lwl` + `lwr` on MIPS, four byte loads elsewhere;
; - swap: the UDP ports swapped (4-aligned): one 32-bit load and store on
;   AArch64 and MIPS, two and two elsewhere.
; Before these rules the ported words marked none of them: bluefield2
; counted entry 4, word 4 + 1, swap 4 accesses; octeon word 5, swap 4.
;
; RUN: rm -rf %t && mkdir -p %t
; RUN: %clara_bin/clara-label -q --nic bluefield2 -o %t/a64.tsv %s
; RUN: awk -F'\t' 'NR > 2 {print $4, "memory=" $7 ":", $8}' %t/a64.tsv | FileCheck %s --check-prefix=A64
; A64: entry memory=2: {{.*}} ; load i64 state ; add i64 reg const ; store i64 reg state ; load i64 state [merged] ; add i64 reg const ; store i64 reg state [merged] ; br
; A64-NEXT: word memory=2: {{.*}} ; load i8 packet ; load i8 packet [merged] ; load i8 packet [merged] ; load i8 packet [merged] ; zext
; A64-NEXT: swap memory=2: {{.*}} ; load i16 packet ; load i16 packet [merged] ; store i16 reg packet ; store i16 reg packet [merged] ; ret ptr
;
; RUN: %clara_bin/clara-label -q --nic octeon -o %t/mips.tsv %s
; RUN: awk -F'\t' 'NR > 2 {print $4, "memory=" $7 ":", $8}' %t/mips.tsv | FileCheck %s --check-prefix=MIPS
; MIPS: entry memory=4: {{.*}} ; load i64 state ; add i64 reg const ; store i64 reg state ; load i64 state ; add i64 reg const ; store i64 reg state ; br
; MIPS-NEXT: word memory=3: {{.*}} ; load i8 packet ; load i8 packet ; load i8 packet [merged] ; load i8 packet [merged] ; zext
; MIPS-NEXT: swap memory=2: {{.*}} ; load i16 packet ; load i16 packet [merged] ; store i16 reg packet ; store i16 reg packet [merged] ; ret ptr
;
; RUN: %clara_bin/clara-label -q --nic bluefield3-dpa -o %t/rv.tsv %s
; RUN: awk -F'\t' 'NR > 2 {print $4, "memory=" $7 ":", $8}' %t/rv.tsv | FileCheck %s --check-prefix=OTHER
; RUN: %clara_bin/clara-label -q --nic agilio-cx -o %t/bpf.tsv %s
; RUN: awk -F'\t' 'NR > 2 {print $4, "memory=" $7 ":", $8}' %t/bpf.tsv | FileCheck %s --check-prefix=OTHER
; OTHER: entry memory=4: {{.*}}
; OTHER-NOT: [merged]
; OTHER: word memory=5: {{.*}}
; OTHER: swap memory=4: {{.*}}

%class.Element = type { ptr, [2 x ptr] }
%class.Count = type { %class.Element, i64, i64, i32 }
%struct.click_udp = type { i16, i16, i16, i16 }

define ptr @_ZN5Count13simple_actionEP6Packet(ptr %this, ptr %p) {
entry:
  %data = call ptr @_ZNK6Packet4dataEv(ptr %p)
  %packets = getelementptr inbounds %class.Count, ptr %this, i32 0, i32 1
  %bytes = getelementptr inbounds %class.Count, ptr %this, i32 0, i32 2
  %n = load i64, ptr %packets, align 8
  %n1 = add i64 %n, 1
  store i64 %n1, ptr %packets, align 8
  %b = load i64, ptr %bytes, align 8
  %b1 = add i64 %b, 60
  store i64 %b1, ptr %bytes, align 8
  br label %word

word:
  %p1 = getelementptr inbounds i8, ptr %data, i64 1
  %p2 = getelementptr inbounds i8, ptr %data, i64 2
  %p3 = getelementptr inbounds i8, ptr %data, i64 3
  %l0 = load i8, ptr %data, align 1
  %l1 = load i8, ptr %p1, align 1
  %l2 = load i8, ptr %p2, align 1
  %l3 = load i8, ptr %p3, align 1
  %z0 = zext i8 %l0 to i32
  %z1 = zext i8 %l1 to i32
  %z2 = zext i8 %l2 to i32
  %z3 = zext i8 %l3 to i32
  %s1 = shl i32 %z1, 8
  %s2 = shl i32 %z2, 16
  %s3 = shl i32 %z3, 24
  %o1 = or i32 %z0, %s1
  %o2 = or i32 %o1, %s2
  %o3 = or i32 %o2, %s3
  %last = getelementptr inbounds %class.Count, ptr %this, i32 0, i32 3
  store i32 %o3, ptr %last, align 8
  br label %swap

swap:
  %udp = call ptr @_ZNK6Packet10udp_headerEv(ptr %p)
  %dport = getelementptr inbounds %struct.click_udp, ptr %udp, i32 0, i32 1
  %sp = load i16, ptr %udp, align 4
  %dp = load i16, ptr %dport, align 2
  store i16 %dp, ptr %udp, align 4
  store i16 %sp, ptr %dport, align 2
  ret ptr %p
}

declare ptr @_ZNK6Packet4dataEv(ptr)
declare ptr @_ZNK6Packet10udp_headerEv(ptr)
