; A missing or corrupt model is one clear error naming the file.
;
; RUN: rm -rf %t && mkdir -p %t/empty %t/corrupt %t/notrees
; RUN: not %clara_opt -clara-nic=bluefield2 -clara-model-dir=%t/empty \
; RUN:   -passes=clara-predict-instrs -disable-output %s 2>&1 | FileCheck %s --check-prefix=MISSING
; MISSING: error: clara-predict-instrs: {{.*}}empty/predict-bluefield2.features: cannot open the instruction model for NIC 'bluefield2'
;
; RUN: echo "garbage" > %t/corrupt/predict-bluefield2.features
; RUN: not %clara_opt -clara-nic=bluefield2 -clara-model-dir=%t/corrupt \
; RUN:   -passes=clara-predict-instrs -disable-output %s 2>&1 | FileCheck %s --check-prefix=CORRUPT
; CORRUPT: error: clara-predict-instrs: {{.*}}corrupt/predict-bluefield2.features:1: not a Clara instruction model
;
; A model of the previous format (ridge over words, no coarse features)
; asks to be retrained instead of being misread.
; RUN: mkdir -p %t/old && printf '# clara-predict 1\nfeatures\t5\n' > %t/old/predict-bluefield2.features
; RUN: not %clara_opt -clara-nic=bluefield2 -clara-model-dir=%t/old \
; RUN:   -passes=clara-predict-instrs -disable-output %s 2>&1 | FileCheck %s --check-prefix=OLD
; OLD: error: clara-predict-instrs: {{.*}}old/predict-bluefield2.features:1: instruction model format 1 is out of date (this Clara reads format 2): retrain it
;
; RUN: %clara_bin/clara-train -q --nic bluefield2 --rounds 2 -o %t/notrees %S/inputs/tiny.pairs.tsv
; RUN: echo "{not json" > %t/notrees/predict-bluefield2.xgb.json
; RUN: not %clara_opt -clara-nic=bluefield2 -clara-model-dir=%t/notrees \
; RUN:   -passes=clara-predict-instrs -disable-output %s 2>&1 | FileCheck %s --check-prefix=TREES
; TREES: error: clara-predict-instrs: {{.*}}notrees/predict-bluefield2.xgb.json: corrupt model
;
; RUN: %clara_bin/clara-train -q --nic bluefield2 --rounds 2 -o %t/noapi %S/inputs/tiny.pairs.tsv
; RUN: not %clara_opt -clara-nic=bluefield2 -clara-model-dir=%t/noapi \
; RUN:   -passes=clara-predict-instrs -disable-output %s 2>&1 | FileCheck %s --check-prefix=API
; API: error: clara-predict-instrs: {{.*}}noapi/api-bluefield2.tsv: cannot open the API cost table
;
; Found by test/fuzz/model_fuzz.c: a repeated count line was accepted (and
; leaked), non-finite weights and costs were read as numbers.
; RUN: %clara_bin/clara-train -q --nic bluefield2 --rounds 2 -o %t/dup %S/inputs/tiny.pairs.tsv
; RUN: sed -i 's/^\(linear\t.*\)$/\1\n\1/' %t/dup/predict-bluefield2.features
; RUN: not %clara_opt -clara-nic=bluefield2 -clara-model-dir=%t/dup \
; RUN:   -passes=clara-predict-instrs -disable-output %s 2>&1 | FileCheck %s --check-prefix=DUP
; DUP: error: clara-predict-instrs: {{.*}}dup/predict-bluefield2.features:4: bad or repeated linear feature count
;
; RUN: %clara_bin/clara-train -q --nic bluefield2 --rounds 2 -o %t/nan %S/inputs/tiny.pairs.tsv
; RUN: sed -i '0,/^f\t[^\t]*\t/s//f\tnan\t/' %t/nan/predict-bluefield2.features
; RUN: not %clara_opt -clara-nic=bluefield2 -clara-model-dir=%t/nan \
; RUN:   -passes=clara-predict-instrs -disable-output %s 2>&1 | FileCheck %s --check-prefix=NAN
; NAN: error: clara-predict-instrs: {{.*}}nan/predict-bluefield2.features:5: bad feature weight
;
; RUN: %clara_bin/clara-train -q --nic bluefield2 --rounds 2 -o %t/nanapi %S/inputs/tiny.pairs.tsv
; RUN: printf '# clara-api-costs 1\nclara_memcpy_4_4\tnan\t2\n' > %t/nanapi/api-bluefield2.tsv
; RUN: not %clara_opt -clara-nic=bluefield2 -clara-model-dir=%t/nanapi \
; RUN:   -passes=clara-predict-instrs -disable-output %s 2>&1 | FileCheck %s --check-prefix=NANAPI
; NANAPI: error: clara-predict-instrs: {{.*}}nanapi/api-bluefield2.tsv:2: expected 'function<TAB>compute<TAB>memory'

%class.Element = type { ptr, [2 x ptr] }
%class.Counter = type { %class.Element, i32 }

define ptr @_ZN7Counter13simple_actionEP6Packet(ptr %this, ptr %p) {
entry:
  ret ptr %p
}
