; Virtual calls resolve through the vtables of the NF's own classes; invoke
; and landingpad (C++ exceptions at -O0) are handled like call and compute.
;
; RUN: %clara_opt -passes=clara-annotate -S %s | FileCheck %s
; RUN: %clara_opt -passes='print<clara-annotate>' -disable-output %s 2>&1 \
; RUN:   | FileCheck %s --check-prefix=PRINT

%class.Element = type { ptr, [2 x ptr] }
%class.Router2 = type { %class.Element, i32 }

@_ZTV7Router2 = linkonce_odr unnamed_addr constant { [5 x ptr] } { [5 x ptr] [ptr null, ptr null, ptr @_ZN7Router213simple_actionEP6Packet, ptr @_ZN7Router26lookupEj, ptr @_ZN7Router27unusedEv] }

; The slot-1 target is reached; the slot-2 one is not.
; PRINT: clara-annotate: EntryPoints=1 StateObjects=1 Functions=2
; PRINT: StateObject Name=Router2.1 Bytes=4 Container=none Shared=no Loads=1 Stores=0
; PRINT: InstructionMix Function=_ZN7Router213simple_actionEP6Packet Compute=5 MemStack=2 MemState=2 MemPacket=0 ApiHeader=0 ApiState=0 CallInternal=1 CallExternal=0
; PRINT: InstructionMix Function=_ZN7Router26lookupEj Compute=5 MemStack=3 MemState=1
; PRINT-NOT: InstructionMix

define ptr @_ZN7Router213simple_actionEP6Packet(ptr %this, ptr %p) personality ptr @__gxx_personality_v0 {
entry:
  %this.addr = alloca ptr, align 8
  store ptr %this, ptr %this.addr, align 8
  %this1 = load ptr, ptr %this.addr, align 8
; CHECK: %vtable = load ptr, ptr %this1, align 8, !clara.kind ![[STATE:[0-9]+]]
  %vtable = load ptr, ptr %this1, align 8
  %vfn = getelementptr inbounds ptr, ptr %vtable, i64 1
  %0 = load ptr, ptr %vfn, align 8
; CHECK: %call = invoke i32 %0(ptr %this1, i32 5)
; CHECK-NEXT: to label %cont unwind label %lpad, !clara.kind ![[INTERNAL:[0-9]+]]
  %call = invoke i32 %0(ptr %this1, i32 5)
          to label %cont unwind label %lpad
cont:
  ret ptr %p
lpad:
; CHECK: landingpad { ptr, i32 }
; CHECK-NEXT: cleanup, !clara.kind ![[COMPUTE:[0-9]+]]
  %1 = landingpad { ptr, i32 }
          cleanup
  resume { ptr, i32 } %1
}

define linkonce_odr i32 @_ZN7Router26lookupEj(ptr %this, i32 %a) {
entry:
  %this.addr = alloca ptr, align 8
  %a.addr = alloca i32, align 4
  store ptr %this, ptr %this.addr, align 8
  store i32 %a, ptr %a.addr, align 4
  %this1 = load ptr, ptr %this.addr, align 8
  %f = getelementptr inbounds %class.Router2, ptr %this1, i32 0, i32 1
; CHECK: %0 = load i32, ptr %f, align 4, !clara.kind ![[STATE]]
  %0 = load i32, ptr %f, align 4
  %add = add i32 %0, %a
  ret i32 %add
}

; CHECK-LABEL: define linkonce_odr void @_ZN7Router27unusedEv(
; CHECK-NOT: !clara.kind
; CHECK: ret void
define linkonce_odr void @_ZN7Router27unusedEv(ptr %this) {
  %f = getelementptr inbounds %class.Router2, ptr %this, i32 0, i32 1
  store i32 0, ptr %f, align 4
  ret void
}

declare i32 @__gxx_personality_v0(...)

; CHECK-DAG: ![[STATE]] = !{!"mem.state"}
; CHECK-DAG: ![[INTERNAL]] = !{!"call.internal"}
; CHECK-DAG: ![[COMPUTE]] = !{!"compute"}
