/*
 * DSCPRemark -- trust-boundary DiffServ remarking for an access port.
 *
 *   DSCPRemark(MAP "46:46 34:26 26:26", DEFAULT 0, KEEP_CS6 true)
 *
 * Every IPv4 packet's DSCP is looked up in a 64-entry table built from the
 * MAP pairs; code points not listed get DEFAULT (best effort). Network
 * control classes CS6/CS7 can be kept untouched. ECN bits are preserved.
 * The header checksum is updated incrementally on the 16-bit word holding
 * version/IHL/TOS (RFC 1624). Per-code-point packet counters are kept for
 * the "counts" statistics. Packets that are not IPv4 go to output 1 if it
 * exists, otherwise they are passed unchanged.
 */
#include <click/config.h>
#include <click/args.hh>
#include <click/element.hh>
#include <click/error.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>

CLICK_DECLS

class DSCPRemark : public Element {
public:
  DSCPRemark();

  const char *class_name() const override { return "DSCPRemark"; }
  const char *port_count() const override { return "1/1-2"; }
  const char *processing() const override { return PUSH; }

  int configure(Vector<String> &conf, ErrorHandler *errh) override;
  void push(int port, Packet *p) override;

  // MAP string "in:out in:out ..."; returns 0 or the 1-based index of the
  // first bad pair.
  int parse_map(const char *s);
  void set_default(uint8_t dscp) { _default = dscp & 0x3f; rebuild(); }
  void set_keep_cs6(bool k) { _keep_nc = k; rebuild(); }

  uint8_t lookup(uint8_t dscp) const { return _table[dscp & 0x3f]; }
  uint64_t count_in(uint8_t dscp) const { return _in[dscp & 0x3f]; }
  uint64_t count_out(uint8_t dscp) const { return _out[dscp & 0x3f]; }
  uint64_t changed() const { return _changed; }

  // remark one IPv4 header in place; returns true if TOS changed
  bool remark(click_ip *iph);

private:
  void rebuild();

  int8_t _explicit[64];  // -1 = not configured
  uint8_t _table[64];
  uint8_t _default;
  bool _keep_nc;
  uint64_t _in[64];
  uint64_t _out[64];
  uint64_t _changed;
};

DSCPRemark::DSCPRemark() : _default(0), _keep_nc(true), _changed(0) {
  for (int i = 0; i < 64; i++) {
    _explicit[i] = -1;
    _in[i] = _out[i] = 0;
  }
  rebuild();
}

void DSCPRemark::rebuild() {
  for (int d = 0; d < 64; d++) {
    if (_explicit[d] >= 0)
      _table[d] = (uint8_t)_explicit[d];
    else if (_keep_nc && (d == 48 || d == 56))
      _table[d] = (uint8_t)d;
    else
      _table[d] = _default;
  }
}

static const char *read_small_uint(const char *s, int *v) {
  int n = 0, digits = 0;
  while (*s >= '0' && *s <= '9') {
    n = n * 10 + (*s - '0');
    if (n > 63)
      return 0;
    s++;
    digits++;
  }
  if (!digits)
    return 0;
  *v = n;
  return s;
}

int DSCPRemark::parse_map(const char *s) {
  int8_t tmp[64];
  int idx = 0;
  memcpy(tmp, _explicit, sizeof(tmp));
  while (*s) {
    while (*s == ' ' || *s == ',' || *s == '\t')
      s++;
    if (!*s)
      break;
    idx++;
    int from, to;
    s = read_small_uint(s, &from);
    if (!s || *s != ':')
      return idx;
    s = read_small_uint(s + 1, &to);
    if (!s || (*s && *s != ' ' && *s != ',' && *s != '\t'))
      return idx;
    tmp[from] = (int8_t)to;
  }
  memcpy(_explicit, tmp, sizeof(tmp));
  rebuild();
  return 0;
}

int DSCPRemark::configure(Vector<String> &conf, ErrorHandler *errh) {
  String map;
  unsigned dflt = 0;
  bool keep = true;
  if (Args(conf, this, errh)
          .read_p("MAP", map)
          .read("DEFAULT", dflt)
          .read("KEEP_CS6", keep)
          .complete() < 0)
    return -1;
  if (dflt > 63)
    return errh->error("DEFAULT must be 0..63");
  _default = (uint8_t)dflt;
  _keep_nc = keep;
  int bad = parse_map(map.c_str());
  if (bad)
    return errh->error("MAP pair %d malformed", bad);
  rebuild();
  return 0;
}

bool DSCPRemark::remark(click_ip *iph) {
  uint8_t tos = iph->ip_tos;
  uint8_t in = tos >> 2;
  uint8_t out = _table[in];
  _in[in]++;
  _out[out]++;
  if (out == in)
    return false;
  uint8_t ntos = (uint8_t)((out << 2) | (tos & 0x03));
  const unsigned char *b = reinterpret_cast<const unsigned char *>(iph);
  uint16_t old_w = (uint16_t)((b[0] << 8) | tos);
  uint16_t new_w = (uint16_t)((b[0] << 8) | ntos);
  uint32_t sum = (uint16_t)~ntohs(iph->ip_sum);
  sum += (uint16_t)~old_w;
  sum += new_w;
  while (sum >> 16)
    sum = (sum & 0xffff) + (sum >> 16);
  iph->ip_tos = ntos;
  iph->ip_sum = htons((uint16_t)~sum);
  _changed++;
  return true;
}

void DSCPRemark::push(int, Packet *p) {
  const click_ip *iph = p->ip_header();
  if (!iph || p->network_length() < (int)sizeof(click_ip) || iph->ip_v != 4) {
    checked_output_push(noutputs() > 1 ? 1 : 0, p);
    return;
  }
  if (_table[iph->ip_tos >> 2] == (iph->ip_tos >> 2)) {
    _in[iph->ip_tos >> 2]++;
    _out[iph->ip_tos >> 2]++;
    output(0).push(p);
    return;
  }
  WritablePacket *q = p->uniqueify();
  if (!q)
    return;
  remark(q->ip_header());
  output(0).push(q);
}

CLICK_ENDDECLS
