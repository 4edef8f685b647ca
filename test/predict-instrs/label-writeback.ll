; AArch64 folds an address increment into a load (pre-index writeback,
; `ldrb w23, [x21, #14]!`), and the load then carries the debug line of the
; instruction before it, here the `length()` call. The labeller counted a
; non-stack access on a call's line as nothing, so bluefield2 labelled
; `if.end` (IP version/header-length byte, `ip_len`) 1 memory access for 2.
; A writeback access on a line that is not an IR memory access now counts
; for a state/packet access of its block whose own line got none. The
; function is WebGenReceiver::check_ip of test/nf/webgen.cc at -O0, renamed
; to an entry point.
;
; RUN: rm -rf %t && mkdir -p %t
; RUN: %clara_bin/clara-label -q --nic bluefield2 -o %t/a64.tsv %s
; RUN: awk -F'\t' 'NR > 2 {print $4, "memory=" $7}' %t/a64.tsv | FileCheck %s
; CHECK: entry memory=0
; CHECK-NEXT: if.then memory=0
; CHECK-NEXT: if.end memory=2
;
; The other backends keep the load's own line: 2 there before and after.
; RUN: %clara_bin/clara-label -q --nic octeon -o %t/mips.tsv %s
; RUN: awk -F'\t' 'NR > 2 {print $4, "memory=" $7}' %t/mips.tsv | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

%struct.click_ip = type { i8, i8, i16, i16, i16, i8, i8, i16, %struct.in_addr, %struct.in_addr }
%struct.in_addr = type { i32 }

; Function Attrs: mustprogress noinline uwtable
define dso_local noundef ptr @_ZN14WebGenReceiver13simple_actionEP6Packet(ptr noundef nonnull align 8 dereferenceable(152) %this, ptr noundef %p) #0 align 2 {
entry:
  %retval = alloca ptr, align 8
  %this.addr = alloca ptr, align 8
  %p.addr = alloca ptr, align 8
  %off = alloca i32, align 4
  %iph = alloca ptr, align 8
  %avail = alloca i32, align 4
  %hlen = alloca i32, align 4
  %len = alloca i32, align 4
  store ptr %this, ptr %this.addr, align 8
  store ptr %p, ptr %p.addr, align 8
  %this1 = load ptr, ptr %this.addr, align 8
  store i32 14, ptr %off, align 4
  %0 = load ptr, ptr %p.addr, align 8
  %call = call noundef i32 @_ZNK6Packet6lengthEv(ptr noundef nonnull align 8 dereferenceable(176) %0)
  %conv = zext i32 %call to i64
  %cmp = icmp ult i64 %conv, 34
  br i1 %cmp, label %if.then, label %if.end

if.then:                                          ; preds = %entry
  store ptr null, ptr %retval, align 8
  br label %return

if.end:                                           ; preds = %entry
  %1 = load ptr, ptr %p.addr, align 8
  %call2 = call noundef ptr @_ZNK6Packet4dataEv(ptr noundef nonnull align 8 dereferenceable(176) %1)
  %add.ptr = getelementptr inbounds i8, ptr %call2, i64 14
  store ptr %add.ptr, ptr %iph, align 8
  %2 = load ptr, ptr %p.addr, align 8
  %call3 = call noundef i32 @_ZNK6Packet6lengthEv(ptr noundef nonnull align 8 dereferenceable(176) %2)
  %sub = sub i32 %call3, 14
  store i32 %sub, ptr %avail, align 4
  %3 = load ptr, ptr %iph, align 8
  %bf.load = load i8, ptr %3, align 4
  %bf.clear = and i8 %bf.load, 15
  %bf.cast = zext i8 %bf.clear to i32
  %shl = shl i32 %bf.cast, 2
  store i32 %shl, ptr %hlen, align 4
  %4 = load ptr, ptr %iph, align 8
  %ip_len = getelementptr inbounds %struct.click_ip, ptr %4, i32 0, i32 2
  %5 = load i16, ptr %ip_len, align 2
  %call4 = call zeroext i16 @ntohs(i16 noundef zeroext %5) #4
  %conv5 = zext i16 %call4 to i32
  store i32 %conv5, ptr %len, align 4
  %6 = load ptr, ptr %iph, align 8
  %bf.load6 = load i8, ptr %6, align 4
  %bf.lshr = lshr i8 %bf.load6, 4
  %bf.cast7 = zext i8 %bf.lshr to i32
  %cmp8 = icmp ne i32 %bf.cast7, 4
  br i1 %cmp8, label %if.then15, label %lor.lhs.false

lor.lhs.false:                                    ; preds = %if.end
  %7 = load i32, ptr %hlen, align 4
  %conv9 = zext i32 %7 to i64
  %cmp10 = icmp ult i64 %conv9, 20
  br i1 %cmp10, label %if.then15, label %lor.lhs.false11

lor.lhs.false11:                                  ; preds = %lor.lhs.false
  %8 = load i32, ptr %len, align 4
  %9 = load i32, ptr %hlen, align 4
  %cmp12 = icmp ult i32 %8, %9
  br i1 %cmp12, label %if.then15, label %lor.lhs.false13

lor.lhs.false13:                                  ; preds = %lor.lhs.false11
  %10 = load i32, ptr %len, align 4
  %11 = load i32, ptr %avail, align 4
  %cmp14 = icmp ugt i32 %10, %11
  br i1 %cmp14, label %if.then15, label %if.end16

if.then15:                                        ; preds = %lor.lhs.false13, %lor.lhs.false11, %lor.lhs.false, %if.end
  store ptr null, ptr %retval, align 8
  br label %return

if.end16:                                         ; preds = %lor.lhs.false13
  %12 = load ptr, ptr %iph, align 8
  %13 = load i32, ptr %hlen, align 4
  %call17 = call noundef zeroext i16 @_Z14click_in_cksumPKhi(ptr noundef %12, i32 noundef %13)
  %conv18 = zext i16 %call17 to i32
  %cmp19 = icmp ne i32 %conv18, 0
  br i1 %cmp19, label %if.then20, label %if.end21

if.then20:                                        ; preds = %if.end16
  store ptr null, ptr %retval, align 8
  br label %return

if.end21:                                         ; preds = %if.end16
  %14 = load i32, ptr %avail, align 4
  %15 = load i32, ptr %len, align 4
  %cmp22 = icmp ugt i32 %14, %15
  br i1 %cmp22, label %if.then23, label %if.end25

if.then23:                                        ; preds = %if.end21
  %16 = load ptr, ptr %p.addr, align 8
  %17 = load i32, ptr %avail, align 4
  %18 = load i32, ptr %len, align 4
  %sub24 = sub i32 %17, %18
  call void @_ZN6Packet4takeEj(ptr noundef nonnull align 8 dereferenceable(176) %16, i32 noundef %sub24)
  br label %if.end25

if.end25:                                         ; preds = %if.then23, %if.end21
  %19 = load ptr, ptr %p.addr, align 8
  %20 = load ptr, ptr %iph, align 8
  %21 = load i32, ptr %hlen, align 4
  call void @_ZN6Packet13set_ip_headerEPK8click_ipj(ptr noundef nonnull align 8 dereferenceable(176) %19, ptr noundef %20, i32 noundef %21)
  %22 = load ptr, ptr %iph, align 8
  store ptr %22, ptr %retval, align 8
  br label %return

return:                                           ; preds = %if.end25, %if.then20, %if.then15, %if.then
  %23 = load ptr, ptr %retval, align 8
  ret ptr %23
}

; Function Attrs: mustprogress noinline nounwind uwtable
declare dso_local noundef i32 @_ZNK6Packet6lengthEv(ptr noundef nonnull align 8 dereferenceable(176)) #1 align 2

; Function Attrs: mustprogress noinline nounwind uwtable
declare dso_local noundef ptr @_ZNK6Packet4dataEv(ptr noundef nonnull align 8 dereferenceable(176)) #1 align 2

; Function Attrs: nounwind willreturn memory(none)
declare zeroext i16 @ntohs(i16 noundef zeroext) #2

declare noundef zeroext i16 @_Z14click_in_cksumPKhi(ptr noundef, i32 noundef) #3

; Function Attrs: mustprogress noinline uwtable
declare dso_local void @_ZN6Packet4takeEj(ptr noundef nonnull align 8 dereferenceable(176), i32 noundef) #0 align 2

; Function Attrs: mustprogress noinline uwtable
declare dso_local void @_ZN6Packet13set_ip_headerEPK8click_ipj(ptr noundef nonnull align 8 dereferenceable(176), ptr noundef, i32 noundef) #0 align 2

attributes #0 = { mustprogress noinline uwtable "frame-pointer"="all" "min-legal-vector-width"="0" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="x86-64" "target-features"="+cmov,+cx8,+fxsr,+mmx,+sse,+sse2,+x87" "tune-cpu"="generic" }
attributes #1 = { mustprogress noinline nounwind uwtable "frame-pointer"="all" "min-legal-vector-width"="0" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="x86-64" "target-features"="+cmov,+cx8,+fxsr,+mmx,+sse,+sse2,+x87" "tune-cpu"="generic" }
attributes #2 = { nounwind willreturn memory(none) "frame-pointer"="all" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="x86-64" "target-features"="+cmov,+cx8,+fxsr,+mmx,+sse,+sse2,+x87" "tune-cpu"="generic" }
attributes #3 = { "frame-pointer"="all" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="x86-64" "target-features"="+cmov,+cx8,+fxsr,+mmx,+sse,+sse2,+x87" "tune-cpu"="generic" }
attributes #4 = { nounwind willreturn memory(none) }

!llvm.module.flags = !{!0, !1, !2, !3, !4}
!llvm.ident = !{!5}

!0 = !{i32 1, !"wchar_size", i32 4}
!1 = !{i32 8, !"PIC Level", i32 2}
!2 = !{i32 7, !"PIE Level", i32 2}
!3 = !{i32 7, !"uwtable", i32 2}
!4 = !{i32 7, !"frame-pointer", i32 2}
!5 = !{!"Debian clang version 19.1.7 (3~deb12u1)"}
