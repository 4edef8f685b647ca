; A state or packet load that only feeds a call's argument: RISC-V loads it
; straight into the argument register (`lw a0, 4(a0)` before `call ntohl`)
; and the instruction carries the call's debug line, not the load's. The
; labeller used to count an access on a call's line as nothing (it is not a
; state/packet access of the IR), so riscv labelled this block 2 memory
; accesses for 4 (the sequence number and the second field dropped). It
; now counts, on a call's line, one access for each state/packet-load
; argument whose own line got none. The other backends keep the load's
; line: 4 there before and after.
;
; RUN: rm -rf %t && mkdir -p %t
; RUN: %clara_bin/clara-label -q --nic bluefield3-dpa -o %t/rv.tsv %s
; RUN: awk -F'\t' 'NR > 2 {print $4, "memory=" $7}' %t/rv.tsv | FileCheck %s
; RUN: %clara_bin/clara-label -q --nic bluefield2 -o %t/a64.tsv %s
; RUN: awk -F'\t' 'NR > 2 {print $4, "memory=" $7}' %t/a64.tsv | FileCheck %s
; RUN: %clara_bin/clara-label -q --nic octeon -o %t/mips.tsv %s
; RUN: awk -F'\t' 'NR > 2 {print $4, "memory=" $7}' %t/mips.tsv | FileCheck %s
; CHECK: entry memory=4

%class.Element = type { ptr, [2 x ptr] }
%class.Seq = type { %class.Element, i32, i32 }

define ptr @_ZN3Seq13simple_actionEP6Packet(ptr %this, ptr %p) {
entry:
  %tcp = call ptr @_ZNK6Packet10tcp_headerEv(ptr %p)
  %seqp = getelementptr inbounds i8, ptr %tcp, i64 4
  %seq = load i32, ptr %seqp, align 4
  %h = call i32 @ntohl(i32 %seq)
  %f = getelementptr inbounds %class.Seq, ptr %this, i32 0, i32 1
  store i32 %h, ptr %f, align 4
  %g = getelementptr inbounds %class.Seq, ptr %this, i32 0, i32 2
  %old = load i32, ptr %g, align 4
  %k = call i32 @ntohl(i32 %old)
  %sum = add i32 %k, %h
  store i32 %sum, ptr %g, align 4
  ret ptr %p
}

declare ptr @_ZNK6Packet10tcp_headerEv(ptr)
declare i32 @ntohl(i32)
