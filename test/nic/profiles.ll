; The four shipped profiles load, by name and by path, with the figures of
; ../shared/data/nic-facts.md.
;
; RUN: %clara_opt -passes='print<clara-nic>' -disable-output %s 2>&1 | FileCheck %s --check-prefix=AGILIO
; RUN: %clara_opt -clara-nic=%clara_nic_dir/agilio-cx.yaml -passes='print<clara-nic>' -disable-output %s 2>&1 | FileCheck %s --check-prefix=AGILIO
; AGILIO: clara-nic: agilio-cx
; AGILIO: Cores=60 ThreadsPerCore=8 Islands=5 ClockMHz=1200
; AGILIO: Level LMEM Scope=core CapacityBytes=4096
; AGILIO: Level CLS Scope=island CapacityBytes=65536
; AGILIO: Level CTM Scope=island CapacityBytes=262144 Read=70 Write=80 Atomic=160
; AGILIO: Level IMEM Scope=chip CapacityBytes=4194304 Read=122 Write=122 Atomic=220
; AGILIO: Level EMEM Scope=chip CapacityBytes=2147483648 Read=336 Write=290 Atomic=210 CacheBytes=3145728
; AGILIO: Accelerator crc
; AGILIO: Accelerator lpm
; AGILIO: Backend Triple=bpfel
; RUN: %clara_opt -clara-nic=bluefield2 -passes='print<clara-nic>' -disable-output %s 2>&1 | FileCheck %s --check-prefix=BF2
; BF2: clara-nic: bluefield2
; BF2: Cores=8
; BF2: Backend Triple=aarch64{{.*}} CPU=cortex-a72
; RUN: %clara_opt -clara-nic=bluefield3-dpa -passes='print<clara-nic>' -disable-output %s 2>&1 | FileCheck %s --check-prefix=DPA
; DPA: clara-nic: bluefield3-dpa
; DPA: Cores=16 ThreadsPerCore=16
; DPA: Backend Triple=riscv64
; RUN: %clara_opt -clara-nic=octeon -passes='print<clara-nic>' -disable-output %s 2>&1 | FileCheck %s --check-prefix=OCTEON
; OCTEON: clara-nic: octeon
; OCTEON: Backend Triple=mips64{{.*}} CPU=octeon

%class.Element = type { ptr, [2 x ptr] }
%class.Pass = type { %class.Element }

define ptr @_ZN4Pass13simple_actionEP6Packet(ptr %this, ptr %p) {
  ret ptr %p
}
