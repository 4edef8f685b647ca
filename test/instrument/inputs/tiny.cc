// A tiny NF for the clara-instrument tests: per packet, simple_action runs
// its entry block once, reads and writes _packets once, reads _limit once,
// calls a virtual method of its own class, and goes through an invoke whose
// landing pad never runs.
#include <click/clara.hh>
#include <click/element.hh>
#include <click/hashtable.hh>
#include <click/packet.hh>

class Tiny : public Element {
public:
  const char *class_name() const override { return "Tiny"; }
  const char *port_count() const override { return "1/1"; }
  virtual unsigned weight(Packet *p) { return p->length() > _limit ? 2 : 1; }
  void check(unsigned w) {
    if (w > 1000)
      throw w;
  }
  Packet *simple_action(Packet *p) override {
    _packets++;
    unsigned w = weight(p);
    try {
      check(w);
    } catch (unsigned) {
      _errors++;
    }
    _seen.set(p->length(), w);
    return p;
  }
  unsigned long _packets = 0;
  unsigned _limit = 1000;
  unsigned long _errors = 0;
  HashTable<unsigned, unsigned, 64, 4> _seen;
};

extern "C" Element *clara_nf_create(const char *) {
  Tiny *t = new Tiny;
  if (clara_element_setup(t, String()) < 0) {
    delete t;
    return 0;
  }
  return t;
}
