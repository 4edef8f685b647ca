; clara-label keeps a block's code in the block: besides the tail
; duplication pass, MachineBlockPlacement duplicates small blocks into their
; predecessors while laying out (-tail-dup-placement); the copies keep the
; block's debug line, so the block was charged every copy although a path
; runs one. The profiles' llc flags turn it off (models/README.md,
; clara-label step 3). With the earlier flags, bluefield2 labelled decide 5
; and bluefield3-dpa 4.
;
; RUN: rm -rf %t && mkdir -p %t
; RUN: %clara_bin/clara-label -q --functions all --nic bluefield2 -o %t/a64.tsv %s
; RUN: awk -F'\t' '{print $4, "compute=" $6, "memory=" $7}' %t/a64.tsv | FileCheck %s
; RUN: %clara_bin/clara-label -q --functions all --nic bluefield3-dpa -o %t/rv.tsv %s
; RUN: awk -F'\t' '{print $4, "compute=" $6, "memory=" $7}' %t/rv.tsv | FileCheck %s
; CHECK: decide compute=1 memory=0
; CHECK-NEXT: fix compute=2 memory=3

%struct.click_tcp = type { i16, i16, i32, i32, i8, i8, i16, i16, i16 }

define void @_ZN8ForceTCP13simple_actionEP9click_tcp(ptr %this, ptr %th) {
entry:
  %ok = alloca i8, align 1
  %fl.p = getelementptr inbounds %struct.click_tcp, ptr %th, i32 0, i32 5
  %fl = load i8, ptr %fl.p, align 1
  %syn = and i8 %fl, 2
  %is.syn = icmp ne i8 %syn, 0
  br i1 %is.syn, label %check.fin, label %check.rst

check.fin:
  %fin = and i8 %fl, 1
  %is.fin = icmp ne i8 %fin, 0
  br i1 %is.fin, label %bad, label %good

check.rst:
  %rst = and i8 %fl, 4
  %is.rst = icmp ne i8 %rst, 0
  br i1 %is.rst, label %good, label %check.ack

check.ack:
  %ack = and i8 %fl, 16
  %is.ack = icmp ne i8 %ack, 0
  br i1 %is.ack, label %good, label %bad

bad:
  store i8 0, ptr %ok, align 1
  br label %decide

good:
  store i8 1, ptr %ok, align 1
  br label %decide

decide:
  %v = load i8, ptr %ok, align 1
  %t = trunc i8 %v to i1
  br i1 %t, label %done, label %fix

fix:
  %n.p = getelementptr inbounds i8, ptr %this, i64 24
  %n = load i64, ptr %n.p, align 8
  %n1 = add i64 %n, 1
  store i64 %n1, ptr %n.p, align 8
  store i8 16, ptr %fl.p, align 1
  br label %done

done:
  ret void
}
