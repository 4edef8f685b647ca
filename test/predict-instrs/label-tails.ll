; clara-label attributes the code of identical arms to each arm: the
; profiles' llc flags turn off tail merging and tail duplication (and, on
; aarch64, the SimplifyCFG run that hoists and sinks common instructions),
; which would move one arm's code into the other, or into a shared block,
; although every path still executes it (models/README.md, clara-label).
; With plain -O2, agilio-cx labels drop.ttl 0/0 and bluefield2 both arms.
;
; RUN: rm -rf %t && mkdir -p %t
; RUN: %clara_bin/clara-label -q --nic agilio-cx -o %t/bpf.tsv %s
; RUN: awk -F'\t' '{print $4, "compute=" $6, "memory=" $7}' %t/bpf.tsv | FileCheck %s
; RUN: %clara_bin/clara-label -q --nic bluefield2 -o %t/a64.tsv %s
; RUN: awk -F'\t' '{print $4, "compute=" $6, "memory=" $7}' %t/a64.tsv | FileCheck %s
; CHECK: drop.ttl compute=5 memory=2
; CHECK: drop.proto compute=5 memory=2

%class.Element = type { ptr, [2 x ptr] }
%class.Drop = type { %class.Element, i64, i64 }
%struct.click_ip = type { i8, i8, i16, i16, i16, i8, i8, i16, i32, i32 }

define ptr @_ZN4Drop13simple_actionEP6Packet(ptr %this, ptr %p) {
entry:
  %ip = call ptr @_ZNK6Packet9ip_headerEv(ptr %p)
  %ttl.p = getelementptr inbounds %struct.click_ip, ptr %ip, i32 0, i32 5
  %ttl = load i8, ptr %ttl.p, align 1
  %low = icmp ult i8 %ttl, 2
  br i1 %low, label %drop.ttl, label %check.proto

check.proto:
  %proto.p = getelementptr inbounds %struct.click_ip, ptr %ip, i32 0, i32 6
  %proto = load i8, ptr %proto.p, align 1
  %bad = icmp eq i8 %proto, 0
  br i1 %bad, label %drop.proto, label %pass

drop.ttl:
  %d1 = getelementptr inbounds %class.Drop, ptr %this, i32 0, i32 1
  %v1 = load i64, ptr %d1, align 8
  %i1 = add i64 %v1, 1
  store i64 %i1, ptr %d1, align 8
  call void @_ZN6Packet4killEv(ptr %p)
  ret ptr null

drop.proto:
  %d2 = getelementptr inbounds %class.Drop, ptr %this, i32 0, i32 1
  %v2 = load i64, ptr %d2, align 8
  %i2 = add i64 %v2, 1
  store i64 %i2, ptr %d2, align 8
  call void @_ZN6Packet4killEv(ptr %p)
  ret ptr null

pass:
  ret ptr %p
}

declare ptr @_ZNK6Packet9ip_headerEv(ptr)
declare void @_ZN6Packet4killEv(ptr)
