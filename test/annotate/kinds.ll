; Every instruction kind of clara-annotate on a small hand-written element:
; the -O0 shape clang emits (locals spilled to allocas, `this` reloaded).
;
; RUN: %clara_opt -passes=clara-annotate -S %s | FileCheck %s
; RUN: %clara_opt -passes='print<clara-annotate>' -disable-output %s 2>&1 \
; RUN:   | FileCheck %s --check-prefix=PRINT

%class.Element = type { ptr, [2 x ptr] }
%class.Counter = type { %class.Element, i32, [8 x i32], %class.HashTable }
%class.HashTable = type { [16 x i32], [16 x i32] }
%struct.click_ip = type { i8, i8, i16, i16, i16, i8, i8, i16, i32, i32 }

@_ZL7g_total = internal global i32 0
@.str = private unnamed_addr constant [6 x i8] c"drop\0A\00"

; PRINT: clara-annotate: EntryPoints=1 StateObjects=4 Functions=2
; PRINT: EntryPoint Function=_ZN7Counter13simple_actionEP6Packet Demangled=Counter::simple_action(Packet*)
; PRINT: StateObject Name=Counter.1 Bytes=4 Container=none Shared=no Loads=1 Stores=1
; PRINT: StateObject Name=Counter.2 Bytes=32 Container=array Shared=no
; PRINT: StateObject Name=Counter.3 Bytes=128 Container=hashtable Shared=no Loads=1 Stores=1 Atomics=0 ApiCalls=1
; PRINT: StateObject Name=_ZL7g_total Bytes=4 Container=none Shared=no Loads=1 Stores=1
; PRINT-NOT: StateObject
; PRINT: InstructionMix Function=_ZN7Counter13simple_actionEP6Packet Compute=17 MemStack=10 MemState=6 MemPacket=2 ApiHeader=1 ApiState=1 CallInternal=1 CallExternal=2
; PRINT: InstructionMix Function=_ZN7Counter4bumpEv Compute=5 MemStack=2 MemState=2 MemPacket=0 ApiHeader=0 ApiState=0 CallInternal=0 CallExternal=0

; CHECK-LABEL: define ptr @_ZN7Counter13simple_actionEP6Packet(
define ptr @_ZN7Counter13simple_actionEP6Packet(ptr %this, ptr %p) {
entry:
; CHECK: %this.addr = alloca ptr, align 8, !clara.kind ![[COMPUTE:[0-9]+]]
  %this.addr = alloca ptr, align 8
  %p.addr = alloca ptr, align 8
  %ip = alloca ptr, align 8
  %v = alloca ptr, align 8
  %key = alloca i32, align 4
; CHECK: store ptr %this, ptr %this.addr, align 8, !clara.kind ![[STACK:[0-9]+]]
  store ptr %this, ptr %this.addr, align 8
  store ptr %p, ptr %p.addr, align 8
; CHECK: %this1 = load ptr, ptr %this.addr, align 8, !clara.kind ![[STACK]]
  %this1 = load ptr, ptr %this.addr, align 8
  %0 = load ptr, ptr %p.addr, align 8
; A stateless framework call: its result points into the packet.
; CHECK: %call = call ptr @_ZNK6Packet9ip_headerEv(ptr %0), !clara.kind ![[HEADER:[0-9]+]]
  %call = call ptr @_ZNK6Packet9ip_headerEv(ptr %0)
  store ptr %call, ptr %ip, align 8
  %1 = load ptr, ptr %ip, align 8
  %ip_src = getelementptr inbounds %struct.click_ip, ptr %1, i32 0, i32 8
; CHECK: %2 = load i32, ptr %ip_src, align 4, !clara.kind ![[PACKET:[0-9]+]]
  %2 = load i32, ptr %ip_src, align 4
; CHECK: %ttl = getelementptr inbounds %struct.click_ip, ptr %1, i32 0, i32 5, !clara.kind ![[COMPUTE]]
  %ttl = getelementptr inbounds %struct.click_ip, ptr %1, i32 0, i32 5
; CHECK: store i8 63, ptr %ttl, align 1, !clara.kind ![[PACKET]]
  store i8 63, ptr %ttl, align 1
  store i32 %2, ptr %key, align 4
; A field of the element, reached through the spilled `this`.
  %count = getelementptr inbounds %class.Counter, ptr %this1, i32 0, i32 1
; CHECK: %3 = load i32, ptr %count, align 4, !clara.kind ![[STATE:[0-9]+]]
  %3 = load i32, ptr %count, align 4
; CHECK: %inc = add i32 %3, 1, !clara.kind ![[COMPUTE]]
  %inc = add i32 %3, 1
; CHECK: store i32 %inc, ptr %count, align 4, !clara.kind ![[STATE]]
  store i32 %inc, ptr %count, align 4
; A container call; the pointer it returns points into the container.
  %map = getelementptr inbounds %class.Counter, ptr %this1, i32 0, i32 3
; CHECK: %call2 = call ptr @_ZN9HashTableIjjE11get_pointerERKj(ptr %map, ptr %key), !clara.kind ![[APISTATE:[0-9]+]]
  %call2 = call ptr @_ZN9HashTableIjjE11get_pointerERKj(ptr %map, ptr %key)
  store ptr %call2, ptr %v, align 8
  %4 = load ptr, ptr %v, align 8
; CHECK: %5 = load i32, ptr %4, align 4, !clara.kind ![[STATE]]
  %5 = load i32, ptr %4, align 4
  %inc3 = add i32 %5, 1
; CHECK: store i32 %inc3, ptr %4, align 4, !clara.kind ![[STATE]]
  store i32 %inc3, ptr %4, align 4
; A global.
; CHECK: %6 = load i32, ptr @_ZL7g_total, align 4, !clara.kind ![[STATE]]
  %6 = load i32, ptr @_ZL7g_total, align 4
  %inc4 = add i32 %6, 1
  store i32 %inc4, ptr @_ZL7g_total, align 4
; The NF's own subroutine, and calls a NIC port drops or cannot see.
; CHECK: call void @_ZN7Counter4bumpEv(ptr %this1), !clara.kind ![[INTERNAL:[0-9]+]]
  call void @_ZN7Counter4bumpEv(ptr %this1)
; CHECK: %r = call i32 @rand(), !clara.kind ![[EXTERNAL:[0-9]+]]
  %r = call i32 @rand()
; CHECK: call void (ptr, ...) @_Z13click_chatterPKcz(ptr @.str), !clara.kind ![[EXTERNAL]]
  call void (ptr, ...) @_Z13click_chatterPKcz(ptr @.str)
; Byte-order helpers are calls only at -O0: a byte swap on the NIC.
; CHECK: %swapped = call i32 @ntohl(i32 %2), !clara.kind ![[COMPUTE]]
  %swapped = call i32 @ntohl(i32 %2)
; CHECK: %cmp = icmp eq i32 %r, 0, !clara.kind ![[COMPUTE]]
  %cmp = icmp eq i32 %r, 0
  br i1 %cmp, label %drop, label %out
drop:
  ret ptr null
out:
  %7 = load ptr, ptr %p.addr, align 8
  ret ptr %7
}

; CHECK-LABEL: define void @_ZN7Counter4bumpEv(
define void @_ZN7Counter4bumpEv(ptr %this) {
entry:
  %this.addr = alloca ptr, align 8
  store ptr %this, ptr %this.addr, align 8
  %this1 = load ptr, ptr %this.addr, align 8
  %hist = getelementptr inbounds %class.Counter, ptr %this1, i32 0, i32 2
  %slot = getelementptr inbounds [8 x i32], ptr %hist, i64 0, i64 3
; CHECK: %0 = load i32, ptr %slot, align 4, !clara.kind ![[STATE]]
  %0 = load i32, ptr %slot, align 4
  %inc = add i32 %0, 1
  store i32 %inc, ptr %slot, align 4
  ret void
}

; Code no entry point reaches is not the NF's per-packet code.
; CHECK-LABEL: define void @_ZN7Counter9configureEv(
; CHECK-NOT: !clara.kind
; CHECK: ret void
define void @_ZN7Counter9configureEv(ptr %this) {
  %count = getelementptr inbounds %class.Counter, ptr %this, i32 0, i32 1
  store i32 0, ptr %count, align 4
  ret void
}

declare ptr @_ZNK6Packet9ip_headerEv(ptr)
declare ptr @_ZN9HashTableIjjE11get_pointerERKj(ptr, ptr)
declare i32 @rand()
declare i32 @ntohl(i32)
declare void @_Z13click_chatterPKcz(ptr, ...)

; CHECK-DAG: ![[COMPUTE]] = !{!"compute"}
; CHECK-DAG: ![[STACK]] = !{!"mem.stack"}
; CHECK-DAG: ![[STATE]] = !{!"mem.state"}
; CHECK-DAG: ![[PACKET]] = !{!"mem.packet"}
; CHECK-DAG: ![[HEADER]] = !{!"api.header"}
; CHECK-DAG: ![[APISTATE]] = !{!"api.state"}
; CHECK-DAG: ![[INTERNAL]] = !{!"call.internal"}
; CHECK-DAG: ![[EXTERNAL]] = !{!"call.external"}
