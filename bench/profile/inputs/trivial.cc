// bench/profile/inputs/trivial.cc - a pass-through NF: clara-replay's own cost
// per packet (pcap read, Packet::make, push, kill) with next to no NF work.
#include <click/clara.hh>
#include <click/element.hh>
#include <click/packet.hh>

class Trivial : public Element {
public:
  const char *class_name() const override { return "Trivial"; }
  const char *port_count() const override { return "1/1"; }
  Packet *simple_action(Packet *p) override {
    ++_packets;
    return p;
  }
  unsigned long _packets = 0;
};

extern "C" Element *clara_nf_create(const char *) {
  Trivial *t = new Trivial;
  if (clara_element_setup(t, String()) < 0) {
    delete t;
    return 0;
  }
  return t;
}
