; A bad -clara-nic is one clear error naming the file, line and problem, and
; opt exits non-zero.
;
; RUN: not %clara_opt -clara-nic=bogus -passes=clara-all -disable-output %s 2>&1 | FileCheck %s --check-prefix=UNKNOWN
; UNKNOWN: error: clara: -clara-nic=bogus: unknown NIC 'bogus' (profiles in {{.*}}share/clara/nic: agilio-cx, bluefield2, bluefield3-dpa, octeon)
; RUN: not %clara_opt -clara-nic=%S/inputs/missing.yaml -passes=clara-all -disable-output %s 2>&1 | FileCheck %s --check-prefix=MISSING
; MISSING: error: clara: -clara-nic={{.*}}missing.yaml: {{.*}}missing.yaml: {{.*}}
; RUN: not %clara_opt -clara-nic=%S/inputs/malformed.yaml -passes=clara-all -disable-output %s 2>&1 | FileCheck %s --check-prefix=MALFORMED
; MALFORMED: error: {{.*}}malformed.yaml:5: invalid YAML: did not find expected ',' or ']'
; RUN: not %clara_opt -clara-nic=%S/inputs/unknown-key.yaml -passes=clara-all -disable-output %s 2>&1 | FileCheck %s --check-prefix=KEY
; KEY: error: {{.*}}unknown-key.yaml:4: unknown key 'coers'
; RUN: not %clara_opt -clara-nic=%S/inputs/zero-capacity.yaml -passes=clara-all -disable-output %s 2>&1 | FileCheck %s --check-prefix=ZERO
; ZERO: error: {{.*}}zero-capacity.yaml:9: memory[0].capacity_bytes must be a positive integer, got "0"
; RUN: not %clara_opt -clara-nic=%S/inputs/string-latency.yaml -passes=clara-all -disable-output %s 2>&1 | FileCheck %s --check-prefix=TYPE
; TYPE: error: {{.*}}string-latency.yaml:10: memory[0].read_cycles must be a positive number, got "fast"
; RUN: not %clara_opt -clara-nic=%S/inputs/bad-scope.yaml -passes=clara-all -disable-output %s 2>&1 | FileCheck %s --check-prefix=SCOPE
; SCOPE: error: {{.*}}bad-scope.yaml:8: memory[0].scope must be one of core, island, chip, got "cluster"
; RUN: not %clara_opt -clara-nic=%S/inputs/missing-version.yaml -passes=clara-all -disable-output %s 2>&1 | FileCheck %s --check-prefix=VERSION
; VERSION: error: {{.*}}missing-version.yaml:2: missing 'clara-nic: 1' version field
; RUN: not %clara_opt -clara-nic=%S/inputs/future-version.yaml -passes=clara-all -disable-output %s 2>&1 | FileCheck %s --check-prefix=FUTURE
; FUTURE: error: {{.*}}future-version.yaml:2: unsupported clara-nic version "2"
; RUN: not %clara_opt -clara-nic=%S/inputs/duplicate-level.yaml -passes=clara-all -disable-output %s 2>&1 | FileCheck %s --check-prefix=DUP
; DUP: error: {{.*}}duplicate-level.yaml:14: memory[1].name: duplicate memory level name 'SRAM'
; RUN: not %clara_opt -clara-nic=%S/inputs/no-chip-level.yaml -passes=clara-all -disable-output %s 2>&1 | FileCheck %s --check-prefix=NOCHIP
; NOCHIP: error: {{.*}}no-chip-level.yaml:7: memory has no level with scope chip
; RUN: not %clara_opt -clara-nic=%S/inputs/empty.yaml -passes=clara-all -disable-output %s 2>&1 | FileCheck %s --check-prefix=EMPTY
; EMPTY: error: {{.*}}empty.yaml:1: empty file

%class.Element = type { ptr, [2 x ptr] }
%class.Pass = type { %class.Element }

define ptr @_ZN4Pass13simple_actionEP6Packet(ptr %this, ptr %p) {
  ret ptr %p
}
