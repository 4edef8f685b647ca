/*===- models/synth/synth_weights.h - guided construct weights -*- C -*-===*\
 *
 * The guided generator's choice weights, fitted offline by
 * `clara-synth-fidelity --tune` (see README.md) so that the -O0 opcode mix of
 * the synthesised per-packet functions matches real Click's
 * (../shared/data/click-stats/opcode_hist.tsv, per-packet columns).
 * Generated file: regenerate with the command in README.md.
 *
\*===----------------------------------------------------------------------===*/
#ifndef CLARA_SYNTH_WEIGHTS_H
#define CLARA_SYNTH_WEIGHTS_H

#define SYN_GUIDED_ENTRY_STMTS 2.4346
#define SYN_GUIDED_MAX_DEPTH 3
/* clang-format off */
#define SYN_GUIDED_WEIGHTS \
  {"S_DECL", 0.207360}, \
  {"S_ASSIGN", 0.201201}, \
  {"S_FIELD", 0.207360}, \
  {"S_ARRAY", 0.207360}, \
  {"S_HDR_WRITE", 1.547049}, \
  {"S_ANNO_WRITE", 0.220797}, \
  {"S_IF", 0.208111}, \
  {"S_IF_ELSE", 0.206030}, \
  {"S_IF_CHAIN", 0.207360}, \
  {"S_SWITCH", 0.207360}, \
  {"S_LOOP_PAYLOAD", 1.654207}, \
  {"S_LOOP_ARRAY", 0.201678}, \
  {"S_HASH", 0.403403}, \
  {"S_VECTOR", 0.629535}, \
  {"S_HELPER", 0.207360}, \
  {"S_CKSUM", 0.202410}, \
  {"S_DROP", 0.207360}, \
  {"S_ASSERT", 4.269305}, \
  {"S_GUARD", 0.512694}, \
  {"S_TIMESTAMP", 0.220523}, \
  {"S_OUTPUT", 7.562472}, \
  {"E_LOCAL", 0.203234}, \
  {"E_CONST", 0.209124}, \
  {"E_FIELD", 0.209715}, \
  {"E_HEADER", 7.491046}, \
  {"E_ANNO", 0.207360}, \
  {"E_PAYLOAD", 0.204914}, \
  {"E_LENGTH", 4.676670}, \
  {"E_ARRAY", 2.746885}, \
  {"E_BINARY", 0.705672}, \
  {"O_ADD", 0.209361}, \
  {"O_SUB", 7.901216}, \
  {"O_MUL", 0.237184}, \
  {"O_AND", 0.214748}, \
  {"O_OR", 0.234813}, \
  {"O_XOR", 0.231784}, \
  {"O_SHL", 0.239744}, \
  {"O_SHR", 0.202158}, \
  {"O_DIVC", 0.216013}, \
  {"O_REMC", 0.220674}, \
  {"C_CMP", 2.330163}, \
  {"C_MASK", 0.216134}, \
  {"C_AND", 0.244032}, \
  {"C_OR", 7.337872}, \
  {"C_NOT", 0.212600}
/* clang-format on */

#endif
