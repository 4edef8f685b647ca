// Training source for the instruction models (models/README.md): a
// self-clocked weighted fair queueing scheduler: push input, pull output.
// Packets are classed by DSCP and protocol into weighted classes; each gets
// a finish tag max(V, F_class) + len * 2^12 / weight, a binary min-heap
// orders packets by tag and the virtual time V follows the tag of the
// packet in service. TCP and non-TCP traffic have separate schedulers
// (32-bit tags compared modulo 2^32, 64-bit tags), shared by bytes 1:1.
// Written for training only; not part of the NF corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>

enum { WFQ_CLASSES = 6 };

template <typename Tag> static inline bool tag_before(Tag a, Tag b) {
  return a < b;
}
template <> inline bool tag_before<uint32_t>(uint32_t a, uint32_t b) {
  return (int32_t)(a - b) < 0; // tags wrap
}

template <typename Tag, unsigned CAP> class Scfq {
public:
  Scfq() : _n(0), _vtime(0), _drops(0) {
    for (int c = 0; c < WFQ_CLASSES; ++c) {
      _last_finish[c] = 0;
      _weight[c] = (uint32_t)(1u << c);
    }
  }
  bool empty() const { return _n == 0; }
  uint32_t drops() const { return _drops; }
  bool enqueue(Packet *p, int cls) {
    if (_n >= CAP) {
      _drops++;
      return false;
    }
    Tag start = _last_finish[cls];
    if (tag_before(start, _vtime))
      start = _vtime;
    Tag finish = start + (Tag)(((uint64_t)p->length() << 12) / _weight[cls]);
    _last_finish[cls] = finish;
    unsigned i = _n++;
    _tag[i] = finish;
    _pkt[i] = p;
    sift_up(i);
    return true;
  }
  Packet *dequeue() {
    if (_n == 0)
      return 0;
    Packet *p = _pkt[0];
    _vtime = _tag[0];
    _n--;
    if (_n > 0) {
      _tag[0] = _tag[_n];
      _pkt[0] = _pkt[_n];
      sift_down(0);
    }
    return p;
  }

private:
  void swap_at(unsigned a, unsigned b) {
    Tag t = _tag[a];
    _tag[a] = _tag[b];
    _tag[b] = t;
    Packet *p = _pkt[a];
    _pkt[a] = _pkt[b];
    _pkt[b] = p;
  }
  void sift_up(unsigned i) {
    while (i > 0) {
      unsigned parent = (i - 1) >> 1;
      if (!tag_before(_tag[i], _tag[parent]))
        break;
      swap_at(i, parent);
      i = parent;
    }
  }
  void sift_down(unsigned i) {
    for (;;) {
      unsigned l = 2 * i + 1, r = l + 1, m = i;
      if (l < _n && tag_before(_tag[l], _tag[m]))
        m = l;
      if (r < _n && tag_before(_tag[r], _tag[m]))
        m = r;
      if (m == i)
        return;
      swap_at(i, m);
      i = m;
    }
  }

  Tag _tag[CAP];
  Packet *_pkt[CAP];
  unsigned _n;
  Tag _vtime;
  Tag _last_finish[WFQ_CLASSES];
  uint32_t _weight[WFQ_CLASSES];
  uint32_t _drops;
};

class TrainScfq : public Element {
public:
  TrainScfq() : _tcp_bytes(0), _other_bytes(0), _unclassified(0) {}
  const char *class_name() const override { return "TrainScfq"; }
  const char *port_count() const override { return "1/1-2"; }
  const char *processing() const override { return "h/lh"; }
  void push(int port, Packet *p) override;
  Packet *pull(int port) override;

private:
  int classify(const Packet *p, bool *tcp) {
    *tcp = false;
    if (!p->has_network_header()) {
      _unclassified++;
      return 0;
    }
    const click_ip *iph = p->ip_header();
    uint8_t prec = iph->ip_tos >> 5;
    if (iph->ip_p == IP_PROTO_TCP && p->transport_length() >= 20) {
      *tcp = true;
      const click_tcp *th = p->tcp_header();
      // pure ACKs and handshakes ride in a high class
      if ((th->th_flags & (TH_SYN | TH_FIN | TH_RST)) ||
          ntohs(iph->ip_len) <= (iph->ip_hl << 2) + (th->th_off << 2))
        return 5;
      return prec > 4 ? 4 : (int)prec;
    }
    if (iph->ip_p == IP_PROTO_ICMP)
      return 5;
    return prec >= 5 ? 5 : prec == 0 ? 1 : 3;
  }
  Packet *from_tcp() {
    Packet *p = _tcp.dequeue();
    if (p)
      _tcp_bytes += p->length();
    return p;
  }
  Packet *from_other() {
    Packet *p = _other.dequeue();
    if (p)
      _other_bytes += p->length();
    return p;
  }

  Scfq<uint32_t, 256> _tcp;
  Scfq<uint64_t, 128> _other;
  uint64_t _tcp_bytes, _other_bytes;
  uint32_t _unclassified;
};

void TrainScfq::push(int, Packet *p) {
  bool tcp;
  int cls = classify(p, &tcp);
  bool ok = tcp ? _tcp.enqueue(p, cls) : _other.enqueue(p, cls);
  if (!ok)
    checked_output_push(1, p);
  else
    SET_PAINT_ANNO(p, (uint8_t)(cls | (tcp ? 0x80 : 0)));
}

Packet *TrainScfq::pull(int) {
  if (_tcp.empty())
    return from_other();
  if (_other.empty())
    return from_tcp();
  // byte fairness between the two schedulers; forget old history
  if (_tcp_bytes > (1u << 30) && _other_bytes > (1u << 30)) {
    _tcp_bytes >>= 1;
    _other_bytes >>= 1;
  }
  return _tcp_bytes <= _other_bytes ? from_tcp() : from_other();
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e = new TrainScfq;
  if (clara_element_setup(e, config ? String(config) : String(), 1, 2) < 0)
    return 0;
  return e;
}
