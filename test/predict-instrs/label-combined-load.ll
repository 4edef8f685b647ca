; clara-label counts a load the backend combines from several IR loads: two
; packet bytes shifted and or-ed become one `ldrh` (+ `rev16`) on aarch64,
; carrying the `or`'s debug line, not a load's. It is memory (a packet
; access), not dropped as an access from other IR: `word` makes 2 accesses,
; the ldrh and the state store (it was labelled 1).
;
; RUN: rm -rf %t && mkdir -p %t
; RUN: %clara_bin/clara-label -q --nic bluefield2 -o %t/a64.tsv %s
; RUN: awk -F'\t' '{print $4, "compute=" $6, "memory=" $7}' %t/a64.tsv | FileCheck %s
; CHECK: word compute=3 memory=2

%class.Element = type { ptr, [2 x ptr] }
%class.Sum = type { %class.Element, i32 }

define ptr @_ZN3Sum13simple_actionEP6Packet(ptr %this, ptr %p) {
entry:
  %data = call ptr @_ZNK6Packet4dataEv(ptr %p)
  br label %word

word:
  %b0p = getelementptr inbounds i8, ptr %data, i64 12
  %b0 = load i8, ptr %b0p, align 1
  %z0 = zext i8 %b0 to i32
  %s0 = shl i32 %z0, 8
  %b1p = getelementptr inbounds i8, ptr %data, i64 13
  %b1 = load i8, ptr %b1p, align 1
  %z1 = zext i8 %b1 to i32
  %w = or i32 %s0, %z1
  %f = getelementptr inbounds %class.Sum, ptr %this, i32 0, i32 1
  store i32 %w, ptr %f, align 4
  ret ptr %p
}

declare ptr @_ZNK6Packet4dataEv(ptr)
