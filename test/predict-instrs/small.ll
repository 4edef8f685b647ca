; clara-predict-instrs on a small hand-written element: per-block memory
; counts come from clara-annotate, compute from a model trained during the
; test on a tiny pairs file, framework calls from a tiny API cost table.
;
; RUN: rm -rf %t && mkdir -p %t
; RUN: %clara_bin/clara-train -q --nic bluefield2 --rounds 5 -o %t %S/inputs/tiny.pairs.tsv
; RUN: %clara_bin/clara-train -q --api-costs -o %t/api-bluefield2.tsv %S/inputs/api.pairs.tsv
; RUN: %clara_opt -clara-nic=bluefield2 -clara-model-dir=%t \
; RUN:   -passes='print<clara-predict-instrs>' -disable-output %s 2>&1 | FileCheck %s
; RUN: %clara_opt -clara-nic=bluefield2 -clara-model-dir=%t \
; RUN:   -passes=clara-predict-instrs -S %s -pass-remarks-output=%t/r.yaml | FileCheck %s --check-prefix=MD
; RUN: FileCheck %s --check-prefix=REMARK < %t/r.yaml
;
; clara-all runs it too, with the shipped model of every profile.
; RUN: %clara_opt -clara-nic=octeon -passes=clara-all -disable-output %s \
; RUN:   -pass-remarks-output=%t/all.yaml
; RUN: FileCheck %s --check-prefix=ALL < %t/all.yaml
; ALL: Pass: clara-predict-instrs
; ALL-NEXT: Name: Prediction
; ALL: Name: Summary
; ALL-NEXT: Function: _ZN7Counter13simple_actionEP6Packet

%class.Element = type { ptr, [2 x ptr] }
%class.Counter = type { %class.Element, i32 }
%struct.click_ip = type { i8, i8, i16, i16, i16, i8, i8, i16, i32, i32 }

; CHECK: clara-predict-instrs: Blocks=4 EntryPoints=1
; CHECK: Prediction Function=_ZN7Counter13simple_actionEP6Packet Block=entry Compute={{[0-9]+\.[0-9]+}} StateMemory=0 PacketMemory=1 ApiCompute=7.00 ApiMemory=2.00 ApiCalls=1
; CHECK: Prediction Function=_ZN7Counter13simple_actionEP6Packet Block=if.then Compute={{.*}} StateMemory=2 PacketMemory=0 ApiCompute=0.00 ApiMemory=0.00 ApiCalls=0
; CHECK: Prediction Function=_ZN7Counter13simple_actionEP6Packet Block=%2 Compute={{.*}} StateMemory=0 PacketMemory=0
; CHECK: Prediction Function=_ZN7Counter4bumpEv Block=entry Compute={{.*}} StateMemory=2 PacketMemory=0
; CHECK: Summary Function=_ZN7Counter13simple_actionEP6Packet Compute={{[0-9.]+}} StateMemory={{[0-9.]+}} PacketMemory=1.00 Frequencies=static

; MD: br i1 %cmp, label %if.then, label %2, !clara.pred ![[P:[0-9]+]]
; MD: ![[P]] = !{!"compute", double {{.*}}, !"state", i64 0, !"packet", i64 1, !"api.compute", double 7.000000e+00, !"api.memory", double 2.000000e+00, !"api.calls", i64 1}

; REMARK: --- !Analysis
; REMARK: Pass: clara-predict-instrs
; REMARK: Name: Prediction
; REMARK: - Function: _ZN7Counter13simple_actionEP6Packet
; REMARK: - Block: entry
; REMARK: - Compute:
; REMARK: - StateMemory: '0'
; REMARK: - PacketMemory: '1'
; REMARK: - ApiCompute: '7.00'
; REMARK: - ApiMemory: '2.00'
; REMARK: - ApiCalls: '1'
; REMARK: Name: Summary
; REMARK: - Function: _ZN7Counter13simple_actionEP6Packet
; REMARK: - Demangled: 'Counter::simple_action(Packet*)'
; REMARK: - Frequencies: static

define ptr @_ZN7Counter13simple_actionEP6Packet(ptr %this, ptr %p) {
entry:
  %this.addr = alloca ptr, align 8
  %p.addr = alloca ptr, align 8
  store ptr %this, ptr %this.addr, align 8
  store ptr %p, ptr %p.addr, align 8
  %0 = load ptr, ptr %p.addr, align 8
  %call = call ptr @_ZNK6Packet9ip_headerEv(ptr %0)
  %ttl = getelementptr inbounds %struct.click_ip, ptr %call, i32 0, i32 5
  %1 = load i8, ptr %ttl, align 1
  %cmp = icmp ugt i8 %1, 1
  br i1 %cmp, label %if.then, label %2

if.then:
  %this1 = load ptr, ptr %this.addr, align 8
  call void @_ZN7Counter4bumpEv(ptr %this1)
  %n = getelementptr inbounds %class.Counter, ptr %this1, i32 0, i32 1
  %v = load i32, ptr %n, align 4
  %inc = add i32 %v, 1
  store i32 %inc, ptr %n, align 4
  br label %2

2:
  %r = load ptr, ptr %p.addr, align 8
  ret ptr %r
}

define linkonce_odr void @_ZN7Counter4bumpEv(ptr %this) {
entry:
  %n = getelementptr inbounds %class.Counter, ptr %this, i32 0, i32 1
  %v = load i32, ptr %n, align 4
  %inc = add i32 %v, 2
  store i32 %inc, ptr %n, align 4
  ret void
}

declare ptr @_ZNK6Packet9ip_headerEv(ptr)
