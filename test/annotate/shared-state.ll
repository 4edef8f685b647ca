; State written by code of two entry points is Shared (it must go to a
; chip-wide memory); state only one entry point writes is not.
;
; RUN: %clara_opt -passes='print<clara-annotate>' -disable-output %s 2>&1 \
; RUN:   | FileCheck %s
; RUN: %clara_opt -passes=clara-annotate -disable-output %s \
; RUN:   -pass-remarks-output=%t.yaml
; RUN: FileCheck %s --check-prefix=YAML < %t.yaml
; RUN: %clara_bin/clara-report %t.yaml | FileCheck %s --check-prefix=REPORT

%class.Element = type { ptr, [2 x ptr] }
%class.Inbound = type { %class.Element, i64 }
%class.Outbound = type { %class.Element, i64 }

@_ZL5drops = internal global i64 0
@_ZL6limits = internal constant [4 x i64] [i64 1, i64 2, i64 3, i64 4]

; CHECK: clara-annotate: EntryPoints=2 StateObjects=4 Functions=3
; CHECK-DAG: EntryPoint Function=_ZN7Inbound13simple_actionEP6Packet Demangled=Inbound::simple_action(Packet*)
; CHECK-DAG: EntryPoint Function=_ZN8Outbound4pushEiP6Packet Demangled=Outbound::push(int, Packet*)
; CHECK-DAG: StateObject Name=Inbound.1 Bytes=8 Container=none Shared=no
; CHECK-DAG: StateObject Name=Outbound.1 Bytes=8 Container=none Shared=no
; CHECK-DAG: StateObject Name=_ZL5drops Bytes=8 Container=none Shared=yes Loads=1 Stores=1
; Read by both, written by none.
; CHECK-DAG: StateObject Name=_ZL6limits Bytes=32 Container=array Shared=no Loads=2 Stores=0

define ptr @_ZN7Inbound13simple_actionEP6Packet(ptr %this, ptr %p) {
  %n = getelementptr inbounds %class.Inbound, ptr %this, i32 0, i32 1
  store i64 1, ptr %n, align 8
  call void @_Z9note_dropv()
  %l = load i64, ptr @_ZL6limits, align 8
  ret ptr %p
}

define void @_ZN8Outbound4pushEiP6Packet(ptr %this, i32 %port, ptr %p) {
  %n = getelementptr inbounds %class.Outbound, ptr %this, i32 0, i32 1
  store i64 2, ptr %n, align 8
  call void @_Z9note_dropv()
  %e = getelementptr inbounds [4 x i64], ptr @_ZL6limits, i64 0, i64 2
  %l = load i64, ptr %e, align 8
  ret void
}

; A helper both entry points reach.
define internal void @_Z9note_dropv() {
  %d = load i64, ptr @_ZL5drops, align 8
  %d1 = add i64 %d, 1
  store i64 %d1, ptr @_ZL5drops, align 8
  ret void
}

; The remarks of DESIGN.md's Contracts, every number a named argument.
; YAML:      --- !Analysis
; YAML-NEXT: Pass: clara-annotate
; YAML-NEXT: Name: EntryPoint
; YAML-NEXT: Function: _ZN7Inbound13simple_actionEP6Packet
; YAML:      - Function: _ZN7Inbound13simple_actionEP6Packet
; YAML:      - Demangled: 'Inbound::simple_action(Packet*)'
; YAML:      Name: StateObject
; YAML:      - Name: Inbound.1
; YAML:      - Bytes: '8'
; YAML:      - Container: none
; YAML:      - Shared: no
; YAML:      Name: StateObject
; YAML:      Name: StateObject
; YAML:      - Name: _ZL5drops
; YAML:      - Shared: yes
; YAML:      Name: InstructionMix
; YAML-NEXT: Function: _ZN7Inbound13simple_actionEP6Packet
; YAML:      - Function: _ZN7Inbound13simple_actionEP6Packet
; YAML:      - Compute: '2'
; YAML-NEXT: - String: ' '
; YAML-NEXT: - MemStack: '0'
; YAML-NEXT: - String: ' '
; YAML-NEXT: - MemState: '2'
; YAML-NEXT: - String: ' '
; YAML-NEXT: - MemPacket: '0'
; YAML-NEXT: - String: ' '
; YAML-NEXT: - ApiHeader: '0'
; YAML-NEXT: - String: ' '
; YAML-NEXT: - ApiState: '0'
; YAML-NEXT: - String: ' '
; YAML-NEXT: - CallInternal: '1'
; YAML-NEXT: - String: ' '
; YAML-NEXT: - CallExternal: '0'

; REPORT: entry points: Inbound::simple_action(Packet*), Outbound::push(int, Packet*)
; REPORT: per-packet code: 3 functions, 15 IR instructions
; REPORT: state: 4 objects, 56 bytes
; REPORT: _ZL5drops{{ +}}8 B  none{{ +}}shared
; clara-annotate alone: no placement, packing or accelerator remarks.
; REPORT: accelerator candidates: none
