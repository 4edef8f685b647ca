; clara-label attributes the code codegen puts on split edges to the IR
; block it stands for. CodeGenPrepare drops `bad` (it only branches on) and
; PHI elimination puts its phi copy and jump on each incoming edge, in
; machine blocks without a name of their own; these belong to `bad` (one
; path runs one copy: the label is the mean copy), not to the block before
; them. The earlier labeller gave bad 0 and charged the copies to entry,
; check.proto and check.len (bluefield2: 8, 2, 5 compute).
;
; RUN: rm -rf %t && mkdir -p %t
; RUN: %clara_bin/clara-label -q --nic bluefield2 -o %t/a64.tsv %s
; RUN: awk -F'\t' '{print $4, "compute=" $6, "memory=" $7}' %t/a64.tsv | FileCheck %s --check-prefix=A64
; The ported words (the model's `p:` words) of a block end with one
; `phiin TYPE KIND` per phi of its successors that takes a value from it:
; the copy the backend makes here (PORTED). A branch to the next block in
; function order is `br next` (no jump needed), to another one `br`.
; RUN: awk -F'\t' '{print $4 ":", $8}' %t/a64.tsv | FileCheck %s --check-prefix=PORTED
; PORTED: bad: br ; phiin ptr null
; PORTED-NEXT: good: {{.*}} ; br next ; phiin ptr reg
; PORTED-NEXT: return: phi ptr ; ret ptr
; RUN: %clara_bin/clara-label -q --nic bluefield3-dpa -o %t/rv.tsv %s
; RUN: awk -F'\t' '{print $4, "compute=" $6, "memory=" $7}' %t/rv.tsv | FileCheck %s --check-prefix=RV
; A64: entry compute=6 memory=1
; A64-NEXT: check.proto compute=1 memory=1
; A64-NEXT: check.len compute=2 memory=1
; A64-NEXT: bad compute=2 memory=0
; A64-NEXT: good compute=1 memory=2
; RV: entry compute=7 memory=1
; RV-NEXT: check.proto compute=1 memory=1
; RV-NEXT: check.len compute=2 memory=1
; RV-NEXT: bad compute=2 memory=0
; RV-NEXT: good compute=1 memory=2

%class.Element = type { ptr, [2 x ptr] }
%struct.click_ip = type { i8, i8, i16, i16, i16, i8, i8, i16, i32, i32 }

define ptr @_ZN5Check13simple_actionEP6Packet(ptr %this, ptr %p) {
entry:
  %retval = alloca ptr, align 8
  %ip = call ptr @_ZNK6Packet9ip_headerEv(ptr %p)
  %ttl.p = getelementptr inbounds %struct.click_ip, ptr %ip, i32 0, i32 5
  %ttl = load i8, ptr %ttl.p, align 1
  %low = icmp ult i8 %ttl, 2
  br i1 %low, label %bad, label %check.proto

check.proto:
  %proto.p = getelementptr inbounds %struct.click_ip, ptr %ip, i32 0, i32 6
  %proto = load i8, ptr %proto.p, align 1
  %none = icmp eq i8 %proto, 0
  br i1 %none, label %bad, label %check.len

check.len:
  %len.p = getelementptr inbounds %struct.click_ip, ptr %ip, i32 0, i32 2
  %len = load i16, ptr %len.p, align 2
  %short = icmp ult i16 %len, 20
  br i1 %short, label %bad, label %good

bad:
  store ptr null, ptr %retval, align 8
  br label %return

good:
  %n.p = getelementptr inbounds i8, ptr %this, i64 24
  %n = load i64, ptr %n.p, align 8
  %n1 = add i64 %n, 1
  store i64 %n1, ptr %n.p, align 8
  store ptr %p, ptr %retval, align 8
  br label %return

return:
  %r = load ptr, ptr %retval, align 8
  ret ptr %r
}

declare ptr @_ZNK6Packet9ip_headerEv(ptr)
