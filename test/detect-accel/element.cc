// A small element with a bitwise CRC, a binary-trie route lookup and plain
// counting: clara-detect-accel reports the first two and not the third.
//
// clang-format off
// RUN: %clara_nf_cxx %s -o %t.bc
// RUN: %clara_opt -passes='print<clara-detect-accel>' -disable-output %t.bc 2>&1 | FileCheck %s --check-prefix=PRINT
// RUN: %clara_opt -passes=clara-detect-accel -clara-nic=agilio-cx %t.bc -o /dev/null -pass-remarks-output=%t.yaml
// RUN: FileCheck %s --check-prefix=YAML < %t.yaml
// RUN: %clara_opt -passes=clara-detect-accel -clara-accel-threshold=1.01 %t.bc -o /dev/null -pass-remarks-output=%t.none.yaml
// RUN: %count 0 < %t.none.yaml
// RUN: %clara_opt -passes='print<clara-accel-features>' -disable-output %t.bc | cut -f2- > %t.named.tsv
// RUN: %clara_opt -passes='metarenamer,print<clara-accel-features>' -disable-output %t.bc | cut -f2- > %t.stripped.tsv
// RUN: diff %t.named.tsv %t.stripped.tsv
// RUN: test -s %t.stripped.tsv
//
// PRINT-DAG: candidate _ZL5fcs32PKhi kind=crc confidence={{0\.9[0-9]+}} loop=for.cond
// PRINT-DAG: candidate _ZNK7TrieFwd6lookupEj kind=lpm confidence={{0\.[5-9][0-9]+}} loop=for.cond
// PRINT-DAG: no{{ +}}_ZN7TrieFwd5countEP6Packet kind=none
// PRINT-DAG: no{{ +}}_ZN7TrieFwd13simple_actionEP6Packet kind=none
// clang-format on
//
// YAML: --- !Analysis
// YAML-NEXT: Pass: clara-detect-accel
// YAML-NEXT: Name: AcceleratorCandidate
// YAML: - Function: _ZNK7TrieFwd6lookupEj
// YAML: - Demangled: 'TrieFwd::lookup(unsigned int) const'
// YAML: - Kind: lpm
// YAML: - Loop: for.cond
// YAML: - Confidence: '{{0\.[5-9][0-9]*}}'
// YAML: - Suggestion:
// YAML: - CyclesSaved:
// YAML: - UsesPerPacket:
// YAML: Name: AcceleratorCandidate
// YAML: - Function: _ZL5fcs32PKhi
// YAML: - Kind: crc
// YAML: - Suggestion: '{{.*CRC.*}}'
// YAML: - UsesPerPacket: '1.000'
//
// Names do not matter: metarenamer (which renames every function, value
// and global) leaves every function's feature row unchanged.

#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>

CLICK_DECLS

static uint32_t fcs32(const uint8_t *p, int n) {
  uint32_t r = 0xFFFFFFFFu;
  for (int i = 0; i < n; i++) {
    r ^= p[i];
    for (int k = 0; k < 8; k++)
      r = (r >> 1) ^ (0xEDB88320u & (0u - (r & 1u)));
  }
  return ~r;
}

class TrieFwd : public Element {
public:
  const char *class_name() const override { return "TrieFwd"; }
  const char *port_count() const override { return PORTS_1_1; }
  Packet *simple_action(Packet *p) override;

private:
  struct Node {
    Node *kid[2];
    int port;
  };
  Node *_root = nullptr;
  uint32_t _packets = 0, _bytes = 0, _bad = 0, _max = 0, _min = ~0u;
  int lookup(uint32_t addr) const;
  void count(Packet *p);
};

int TrieFwd::lookup(uint32_t addr) const {
  int best = -1;
  const Node *n = _root;
  for (int depth = 0; n; depth++) {
    if (n->port >= 0)
      best = n->port;
    if (depth == 32)
      break;
    n = n->kid[(addr >> (31 - depth)) & 1];
  }
  return best;
}

void TrieFwd::count(Packet *p) {
  _packets++;
  _bytes += p->length();
  if (p->length() > _max)
    _max = p->length();
  if (p->length() < _min)
    _min = p->length();
  if (p->length() < 20)
    _bad++;
}

Packet *TrieFwd::simple_action(Packet *p) {
  count(p);
  const click_ip *ip = p->ip_header();
  if (fcs32(p->data(), p->length()) == 0)
    return p;
  if (lookup(ip->ip_dst.s_addr) < 0) {
    p->kill();
    return nullptr;
  }
  return p;
}

CLICK_ENDDECLS

#include <click/clara.hh>

extern "C" Element *clara_nf_create(const char *) {
  TrieFwd *r = new TrieFwd;
  if (clara_element_setup(r, String(), 1, 1) < 0) {
    delete r;
    return 0;
  }
  return r;
}
