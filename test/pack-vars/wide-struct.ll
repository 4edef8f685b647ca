; A struct wider than the level's largest transaction (RC4's 256-byte S-box
; and two indices, as in wepdecap) is reached one field per access: each
; access is one transaction wherever it lies, not every 64-byte window of
; the struct (which would be 5 windows per access on agilio-cx's IMEM).
; Here: one load and one store per packet of S[i], one load and one store of
; i: 4 transactions, 488 cycles, in any layout, so the floor is 4 too.
;
; RUN: %clara_opt -clara-pack-static -passes='print<clara-pack-vars>' \
; RUN:   -disable-output %s 2>&1 | FileCheck %s
; CHECK: Level IMEM Variables=1
; CHECK: Transactions AsWritten=4 Declaration=4 BySize=4 Clara=4 {{.*}}Floor=4{{$}}
; CHECK: PackingSummary TransactionsPerPacketBefore=4 TransactionsPerPacketAfter=4 CyclesPerPacketBefore=488 CyclesPerPacketAfter=488

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

%class.Element = type { ptr, [2 x ptr] }
%struct.RC4 = type { [256 x i8], i8, i8 }
%class.Wep = type { %class.Element, %struct.RC4 }

define ptr @_ZN3Wep13simple_actionEP6Packet(ptr %this, ptr %p) {
  %rc4 = getelementptr inbounds %class.Wep, ptr %this, i32 0, i32 1
  %ip = getelementptr inbounds %struct.RC4, ptr %rc4, i32 0, i32 1
  %i = load i8, ptr %ip, align 1
  %i1 = add i8 %i, 1
  store i8 %i1, ptr %ip, align 1
  %idx = zext i8 %i1 to i64
  %s = getelementptr inbounds %struct.RC4, ptr %rc4, i32 0, i32 0, i64 %idx
  %v = load i8, ptr %s, align 1
  %v1 = xor i8 %v, 7
  store i8 %v1, ptr %s, align 1
  ret ptr %p
}
