; Vector::operator[] only indexes: reading a route table from two entry
; points does not make it Shared (found on real Click's LinearIPLookup);
; HashTable::operator[] inserts, so it is a write.
;
; RUN: %clara_opt -passes='print<clara-annotate>' -disable-output %s 2>&1 \
; RUN:   | FileCheck %s

%class.Element = type { ptr, [2 x ptr] }
%class.Vector = type { [4 x i32], i32 }
%class.HashTable = type { [8 x i32] }
%class.Lookup = type { %class.Element, %class.Vector, %class.HashTable }
%class.Lookup2 = type { %class.Element }

@_ZL6routes = internal global %class.Vector zeroinitializer
@_ZL4seen = internal global %class.HashTable zeroinitializer

; CHECK-DAG: StateObject Name=_ZL6routes Bytes=20 Container=vector Shared=no Loads=0 Stores=0 Atomics=0 ApiCalls=2
; CHECK-DAG: StateObject Name=_ZL4seen Bytes=32 Container=hashtable Shared=yes Loads=0 Stores=0 Atomics=0 ApiCalls=2

define ptr @_ZN6Lookup13simple_actionEP6Packet(ptr %this, ptr %p) {
  %r = call ptr @_ZNK6VectorIiEixEi(ptr @_ZL6routes, i32 1)
  %s = call ptr @_ZN9HashTableIiiEixERKi(ptr @_ZL4seen, ptr %r)
  ret ptr %p
}

define ptr @_ZN7Lookup213simple_actionEP6Packet(ptr %this, ptr %p) {
  %r = call ptr @_ZNK6VectorIiEixEi(ptr @_ZL6routes, i32 2)
  %s = call ptr @_ZN9HashTableIiiEixERKi(ptr @_ZL4seen, ptr %r)
  ret ptr %p
}

declare ptr @_ZNK6VectorIiEixEi(ptr, i32)
declare ptr @_ZN9HashTableIiiEixERKi(ptr, ptr)
