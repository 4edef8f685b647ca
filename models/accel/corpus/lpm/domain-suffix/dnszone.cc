// Steers DNS queries by the longest matching zone: zone names ("example.com",
// "cdn.example.com", "" for the root) are kept in a tree of labels read
// right to left, each node a label with first-child / next-sibling links;
// the query name from the packet is matched label by label from its end,
// case-insensitively, and the deepest node that carries an output wins.
// Longest prefix match on the reversed label sequence. Label: lpm.

#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>
#include <clicknet/udp.h>

class ZoneSteer : public Element {
public:
  ZoneSteer() : _used(0), _not_dns(0), _malformed(0) {}

  const char *class_name() const override { return "ZoneSteer"; }
  const char *port_count() const override { return "1/-"; }
  const char *processing() const override { return PUSH; }

  void push(int port, Packet *p) override;

  int add_zone(const char *dotted, int out);
  int steer(const unsigned char *qname, int avail) const;

  enum { MAX_LABELS = 1024, MAX_DEPTH = 32 };

private:
  struct Label {
    unsigned char text[63];
    unsigned char len;
    int16_t kid, sib; // -1: none
    int16_t out;      // -1: no zone ends here
  };

  Label _tree[MAX_LABELS]; // [0] is the root, once a zone was added
  int _used;
  uint64_t _not_dns, _malformed;

  int find_label(int parent, const unsigned char *s, int len) const;
};

#define FOLD(c) ((unsigned char)((c) >= 'A' && (c) <= 'Z' ? (c) + 32 : (c)))

int ZoneSteer::find_label(int parent, const unsigned char *s, int len) const {
  for (int k = _tree[parent].kid; k >= 0; k = _tree[k].sib) {
    const Label &l = _tree[k];
    if (l.len != len)
      continue;
    int i = 0;
    while (i < len && l.text[i] == FOLD(s[i]))
      i++;
    if (i == len)
      return k;
  }
  return -1;
}

int ZoneSteer::add_zone(const char *dotted, int out) {
  const unsigned char *name = (const unsigned char *)dotted;
  if (_used == 0) {
    _tree[0].len = 0;
    _tree[0].kid = _tree[0].sib = _tree[0].out = -1;
    _used = 1;
  }
  int end = 0;
  while (name[end])
    end++;
  int at = 0;
  while (end > 0) {
    int start = end;
    while (start > 0 && name[start - 1] != '.')
      start--;
    int len = end - start;
    if (len == 0 || len > 63)
      return -1;
    int k = find_label(at, name + start, len);
    if (k < 0) {
      if (_used == MAX_LABELS)
        return -1;
      k = _used++;
      Label &l = _tree[k];
      for (int i = 0; i < len; i++)
        l.text[i] = FOLD(name[start + i]);
      l.len = (unsigned char)len;
      l.kid = -1;
      l.out = -1;
      l.sib = _tree[at].kid;
      _tree[at].kid = (int16_t)k;
    }
    at = k;
    end = start > 0 ? start - 1 : 0;
  }
  _tree[at].out = (int16_t)out;
  return 0;
}

// qname: a name in DNS wire format (length-prefixed labels, no
// compression); -2 when malformed, else the output or -1.
int ZoneSteer::steer(const unsigned char *qname, int avail) const {
  int off[MAX_DEPTH];
  int n = 0, pos = 0;
  if (_used == 0)
    return -1;
  for (;;) {
    if (pos >= avail)
      return -2;
    int len = qname[pos];
    if (len == 0)
      break;
    if (len > 63 || n == MAX_DEPTH || pos + 1 + len > avail)
      return -2;
    off[n++] = pos;
    pos += 1 + len;
  }
  int best = _tree[0].out, at = 0;
  while (n-- > 0) {
    at = find_label(at, qname + off[n] + 1, qname[off[n]]);
    if (at < 0)
      break;
    if (_tree[at].out >= 0)
      best = _tree[at].out;
  }
  return best;
}

void ZoneSteer::push(int, Packet *p) {
  const click_ip *iph = p->ip_header();
  if (!iph || iph->ip_p != IP_PROTO_UDP) {
    _not_dns++;
    p->kill();
    return;
  }
  int hl = iph->ip_hl << 2;
  const unsigned char *l4 = (const unsigned char *)iph + hl;
  const click_udp *udph = (const click_udp *)l4;
  int avail = (int)(p->end_data() - l4) - 8 - 12;
  if (avail <= 0 || udph->uh_dport != htons(53)) {
    _not_dns++;
    p->kill();
    return;
  }
  int out = steer(l4 + 8 + 12, avail);
  if (out == -2)
    _malformed++;
  if (out < 0 || out >= noutputs())
    p->kill();
  else
    output(out).push(p);
}
