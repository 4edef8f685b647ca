; On mips (octeon) the delay-slot filler moves the loop's last store into
; the delay slot of the loop branch, where the assembler output gives it no
; `.loc` of its own: it carried the branch's line, which is no memory
; access, so clara-label counted the store as nothing (loop memory=3 for 2
; loads and 2 stores; wepdecap's RC4 key schedule on octeon lost one access
; per byte). An instruction in a delay slot now has an unknown origin and a
; non-stack access there counts as memory.
;
; RUN: rm -rf %t && mkdir -p %t
; RUN: %clara_bin/clara-label -q --nic octeon -o %t/mips.tsv %s
; RUN: awk -F'\t' '{print $4, "compute=" $6, "memory=" $7}' %t/mips.tsv | FileCheck %s
; CHECK: entry compute=3 memory=1
; CHECK-NEXT: loop compute=6 memory=4
; CHECK-NEXT: done compute=4 memory=0

%class.Element = type { ptr, [2 x ptr] }
%class.Swap = type { %class.Element, [256 x i8], i32 }

define void @_ZN4Swap4pushEiP6Packet(ptr %this, i32 %port, ptr %p) {
entry:
  %seed.p = getelementptr inbounds %class.Swap, ptr %this, i32 0, i32 2
  %seed = load i32, ptr %seed.p, align 4
  br label %loop

loop:
  %i = phi i32 [ 0, %entry ], [ %inc, %loop ]
  %i64 = zext i32 %i to i64
  %a.p = getelementptr inbounds %class.Swap, ptr %this, i32 0, i32 1, i64 %i64
  %a = load i8, ptr %a.p, align 1
  %a32 = zext i8 %a to i32
  %s = add i32 %a32, %seed
  %j = and i32 %s, 255
  %j64 = zext i32 %j to i64
  %b.p = getelementptr inbounds %class.Swap, ptr %this, i32 0, i32 1, i64 %j64
  %b = load i8, ptr %b.p, align 1
  store i8 %b, ptr %a.p, align 1
  store i8 %a, ptr %b.p, align 1
  %inc = add i32 %i, 1
  %c = icmp ne i32 %inc, 256
  br i1 %c, label %loop, label %done

done:
  call void @_ZN7Element11output_pushEiP6Packet(ptr %this, i32 0, ptr %p)
  ret void
}

declare void @_ZN7Element11output_pushEiP6Packet(ptr, i32, ptr)
