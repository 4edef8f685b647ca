// Training source for the instruction models (models/README.md): an ARP
// querier with a next-hop table (open addressing, aging, request rate
// limiting, packets held while resolving) and an ARP responder for a set of
// proxied prefixes that answers its requests.
// Written for training only; not part of the NF corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ether.h>
#include <clicknet/ip.h>

static const unsigned char train_my_mac[6] = {0x02, 0x00, 0x5e, 0x10, 0, 1};

struct ArpSlot {
  uint32_t ip;
  unsigned char mac[6];
  uint8_t state; // 0 free, 1 pending, 2 resolved
  uint8_t tries;
  int32_t stamp;
  Packet *held;
};

static bool is_arp_for_ip(const click_ether_arp *a, uint16_t op) {
  return ntohs(a->ea_hdr.ar_hrd) == ARPHRD_ETHER &&
         ntohs(a->ea_hdr.ar_pro) == ETHERTYPE_IP && a->ea_hdr.ar_hln == 6 &&
         a->ea_hdr.ar_pln == 4 && ntohs(a->ea_hdr.ar_op) == op;
}

static WritablePacket *build_arp(uint16_t op, const unsigned char *sha,
                                 uint32_t spa, const unsigned char *tha,
                                 uint32_t tpa) {
  WritablePacket *q = Packet::make(2, 0, 60, 0);
  if (!q)
    return 0;
  memset(q->data(), 0, 60);
  click_ether *eh = reinterpret_cast<click_ether *>(q->data());
  click_ether_arp *a = reinterpret_cast<click_ether_arp *>(eh + 1);
  if (op == ARPOP_REQUEST)
    memset(eh->ether_dhost, 0xff, 6);
  else
    memcpy(eh->ether_dhost, tha, 6);
  memcpy(eh->ether_shost, sha, 6);
  eh->ether_type = htons(ETHERTYPE_ARP);
  a->ea_hdr.ar_hrd = htons(ARPHRD_ETHER);
  a->ea_hdr.ar_pro = htons(ETHERTYPE_IP);
  a->ea_hdr.ar_hln = 6;
  a->ea_hdr.ar_pln = 4;
  a->ea_hdr.ar_op = htons(op);
  memcpy(a->arp_sha, sha, 6);
  memcpy(a->arp_spa, &spa, 4);
  if (op != ARPOP_REQUEST)
    memcpy(a->arp_tha, tha, 6);
  memcpy(a->arp_tpa, &tpa, 4);
  q->set_mac_header(q->data(), 14);
  return q;
}

class TrainArpQuerier : public Element {
public:
  enum { SLOTS = 256, PROBE = 8, MAX_TRIES = 3, TIMEOUT = 120 };
  TrainArpQuerier()
      : _my_ip(htonl(0xc0a80001u)), _hits(0), _misses(0), _drops(0) {
    memset(_slots, 0, sizeof(_slots));
  }
  const char *class_name() const override { return "TrainArpQuerier"; }
  const char *port_count() const override { return "2/1"; }
  const char *processing() const override { return PUSH; }
  void push(int port, Packet *p) override;

private:
  static unsigned slot_hash(uint32_t ip) {
    uint32_t h = ip * 0x9e3779b1u;
    return (h ^ (h >> 15)) & (SLOTS - 1);
  }
  ArpSlot *find(uint32_t ip, bool create);
  void send_ether(Packet *p, const unsigned char *mac);
  void handle_reply(Packet *p);
  void handle_ip(Packet *p, int32_t now);

  ArpSlot _slots[SLOTS];
  uint32_t _my_ip;
  uint64_t _hits, _misses;
  uint32_t _drops;
};

ArpSlot *TrainArpQuerier::find(uint32_t ip, bool create) {
  unsigned h = slot_hash(ip);
  ArpSlot *free_slot = 0;
  for (unsigned i = 0; i < PROBE; ++i) {
    ArpSlot *s = &_slots[(h + i) & (SLOTS - 1)];
    if (s->state != 0 && s->ip == ip)
      return s;
    if (s->state == 0 && !free_slot)
      free_slot = s;
  }
  if (!create || !free_slot)
    return 0;
  free_slot->ip = ip;
  free_slot->state = 1;
  free_slot->tries = 0;
  free_slot->held = 0;
  return free_slot;
}

void TrainArpQuerier::send_ether(Packet *p, const unsigned char *mac) {
  WritablePacket *q = p->push_mac_header(14);
  if (!q)
    return;
  click_ether *eh = reinterpret_cast<click_ether *>(q->data());
  memcpy(eh->ether_dhost, mac, 6);
  memcpy(eh->ether_shost, train_my_mac, 6);
  eh->ether_type = htons(ETHERTYPE_IP);
  output(0).push(q);
}

void TrainArpQuerier::handle_reply(Packet *p) {
  if (p->length() < 42) {
    p->kill();
    return;
  }
  const click_ether_arp *a =
      reinterpret_cast<const click_ether_arp *>(p->data() + 14);
  uint32_t spa;
  memcpy(&spa, a->arp_spa, 4);
  ArpSlot *s = is_arp_for_ip(a, ARPOP_REPLY) ? find(spa, false) : 0;
  if (s) {
    memcpy(s->mac, a->arp_sha, 6);
    s->state = 2;
    s->stamp = (int32_t)p->timestamp_anno().sec();
    if (Packet *h = s->held) {
      s->held = 0;
      send_ether(h, s->mac);
    }
  }
  p->kill();
}

void TrainArpQuerier::handle_ip(Packet *p, int32_t now) {
  // Input 0 carries IP packets with Ethernet headers still on: strip them.
  p->pull(14);
  uint32_t nh = p->dst_ip_anno().addr();
  if (!nh && p->length() >= 20)
    nh = reinterpret_cast<const click_ip *>(p->data())->ip_dst.s_addr;
  ArpSlot *s = find(nh, true);
  if (!s) {
    _drops++;
    p->kill();
    return;
  }
  if (s->state == 2 && now - s->stamp <= TIMEOUT) {
    _hits++;
    send_ether(p, s->mac);
    return;
  }
  _misses++;
  if (s->held)
    s->held->kill();
  s->held = p;
  if (s->tries++ >= MAX_TRIES) {
    s->state = 0;
    s->held = 0;
    p->kill();
    _drops++;
    return;
  }
  static const unsigned char zero[6] = {0, 0, 0, 0, 0, 0};
  WritablePacket *r = build_arp(ARPOP_REQUEST, train_my_mac, _my_ip, zero, nh);
  if (r)
    output(0).push(r);
}

void TrainArpQuerier::push(int port, Packet *p) {
  if (port == 1)
    handle_reply(p);
  else if (p->length() < 34)
    p->kill();
  else
    handle_ip(p, (int32_t)p->timestamp_anno().sec());
}

class TrainArpResponder : public Element {
public:
  TrainArpResponder() : _answered(0), _passed(0) {
    _prefix[0] = htonl(0xc0a80000u);
    _mask[0] = htonl(0xffffff00u);
    _prefix[1] = htonl(0x0a000000u);
    _mask[1] = htonl(0xff000000u);
  }
  const char *class_name() const override { return "TrainArpResponder"; }
  const char *port_count() const override { return "1/2"; }
  void push(int, Packet *p) override {
    const click_ether *eh = reinterpret_cast<const click_ether *>(p->data());
    if (p->length() < 42 || eh->ether_type != htons(ETHERTYPE_ARP)) {
      _passed++;
      output(1).push(p);
      return;
    }
    const click_ether_arp *a =
        reinterpret_cast<const click_ether_arp *>(eh + 1);
    uint32_t tpa, spa;
    memcpy(&tpa, a->arp_tpa, 4);
    memcpy(&spa, a->arp_spa, 4);
    int i = owner(tpa);
    if (i < 0 || !is_arp_for_ip(a, ARPOP_REQUEST)) {
      _passed++;
      output(1).push(p);
      return;
    }
    unsigned char mac[6];
    memcpy(mac, train_my_mac, 6);
    mac[5] = (unsigned char)(ntohl(tpa) & 0xff);
    mac[4] = (unsigned char)i;
    WritablePacket *r = build_arp(ARPOP_REPLY, mac, tpa, a->arp_sha, spa);
    p->kill();
    if (r) {
      _answered++;
      output(0).push(r);
    }
  }

private:
  int owner(uint32_t ip) const {
    for (int i = 0; i < 2; ++i)
      if ((ip & _mask[i]) == _prefix[i])
        return i;
    return -1;
  }
  uint32_t _prefix[2], _mask[2];
  uint32_t _answered, _passed;
};

extern "C" Element *clara_nf_create(const char *config) {
  TrainArpQuerier *q = new TrainArpQuerier;
  TrainArpResponder *r = new TrainArpResponder;
  String conf = config ? String(config) : String();
  if (clara_element_setup(q, conf, 2, 1) < 0 ||
      clara_element_setup(r, conf, 1, 2) < 0)
    return 0;
  // Requests the querier sends are answered by the responder, whose replies
  // go back to the querier's input 1; resolved IP packets leave output 1.
  clara_connect(q, 0, r, 0);
  clara_connect(r, 0, q, 1);
  return q;
}
