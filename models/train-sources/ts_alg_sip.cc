// Training source for the instruction models (models/README.md): a SIP ALG
// for a NAT (UDP, port 5060): start-line parsing (method or status code),
// header walking with compact-form names, rewriting of inside IPv4 literals
// in Via/Contact and in the SDP body (c=/o= lines), Content-Length
// regeneration, per-dialog state keyed by a Call-ID hash, UDP/IP length and
// checksum fixups. Malformed messages go to output 1.
// Written for training only; not part of the NF corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/hashmap.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ip.h>
#include <clicknet/udp.h>

enum SipMethod { SIP_NONE, SIP_RESP, SIP_INVITE, SIP_ACK, SIP_BYE, SIP_OTHER };
enum SipHeader { H_OTHER, H_VIA, H_CONTACT, H_CALLID, H_CLEN };

struct SipDialog {
  uint16_t invites, byes;
  uint16_t last_resp_len;
  uint8_t established : 1, terminated : 1, rewritten : 6;
};

class TrainSipAlg : public Element {
public:
  TrainSipAlg()
      : _inside(0x0A000000), _inside_mask(0xFF000000), _public(0xC6336401),
        _out_len(0), _bad(0), _rewrites(0) {}
  const char *class_name() const override { return "TrainSipAlg"; }
  const char *port_count() const override { return "1/2"; }
  const char *processing() const override { return PUSH; }
  void push(int port, Packet *p) override;

private:
  static uint8_t lower(uint8_t c) {
    return (c >= 'A' && c <= 'Z') ? (uint8_t)(c + 32) : c;
  }
  static bool same_word(const uint8_t *s, int len, const char *w) {
    int i = 0;
    for (; w[i]; ++i)
      if (i >= len || lower(s[i]) != (uint8_t)w[i])
        return false;
    return i == len;
  }
  static int header_id(const uint8_t *name, int len) {
    if (len == 1) {
      switch (lower(name[0])) {
      case 'v':
        return H_VIA;
      case 'm':
        return H_CONTACT;
      case 'i':
        return H_CALLID;
      case 'l':
        return H_CLEN;
      default:
        return H_OTHER;
      }
    }
    if (same_word(name, len, "via"))
      return H_VIA;
    if (same_word(name, len, "contact"))
      return H_CONTACT;
    if (same_word(name, len, "call-id"))
      return H_CALLID;
    return same_word(name, len, "content-length") ? H_CLEN : H_OTHER;
  }
  static int method_of(const uint8_t *s, int len) {
    if (len > 11 && s[0] == 'S' && s[1] == 'I' && s[2] == 'P' && s[3] == '/')
      return SIP_RESP;
    int n = 0;
    while (n < len && s[n] != ' ')
      n++;
    if (n == len || n < 3)
      return SIP_NONE;
    if (n == 6 && s[0] == 'I' && s[5] == 'E')
      return SIP_INVITE;
    if (n == 3 && s[0] == 'A' && s[1] == 'C' && s[2] == 'K')
      return SIP_ACK;
    if (n == 3 && s[0] == 'B' && s[1] == 'Y' && s[2] == 'E')
      return SIP_BYE;
    return SIP_OTHER;
  }
  static int parse_quad(const uint8_t *s, int len, uint32_t *addr) {
    uint32_t a = 0;
    int pos = 0;
    for (int part = 0; part < 4; ++part) {
      unsigned v = 0, digits = 0;
      while (pos < len && s[pos] >= '0' && s[pos] <= '9' && digits < 4) {
        v = v * 10 + (unsigned)(s[pos++] - '0');
        digits++;
      }
      if (!digits || v > 255)
        return 0;
      a = a << 8 | v;
      if (part < 3) {
        if (pos >= len || s[pos] != '.')
          return 0;
        pos++;
      }
    }
    *addr = a;
    return pos;
  }
  bool emit(uint8_t c) {
    if (_out_len >= (int)sizeof(_out))
      return false;
    _out[_out_len++] = c;
    return true;
  }
  bool emit_number(uint32_t v) {
    uint8_t tmp[10];
    int n = 0;
    do {
      tmp[n++] = (uint8_t)('0' + v % 10);
      v /= 10;
    } while (v && n < 10);
    while (n > 0)
      if (!emit(tmp[--n]))
        return false;
    return true;
  }
  bool copy_rewriting(const uint8_t *s, int len);
  uint32_t call_hash(const uint8_t *s, int len) const {
    uint32_t h = 2166136261u;
    for (int i = 0; i < len; ++i)
      h = (h ^ s[i]) * 16777619u;
    return h ? h : 1;
  }
  int rewrite(const uint8_t *msg, int len, uint32_t *callid);
  WritablePacket *store(WritablePacket *q, int at);

  HashMap<uint32_t, SipDialog, 128, 4> _dialogs;
  uint32_t _inside, _inside_mask, _public;
  uint8_t _out[1600];
  uint8_t _saved[512];
  int _out_len;
  uint32_t _bad, _rewrites;
};

// Copy s to the output, replacing every inside address literal.
bool TrainSipAlg::copy_rewriting(const uint8_t *s, int len) {
  int i = 0;
  while (i < len) {
    uint32_t a;
    int n = (s[i] >= '0' && s[i] <= '9' &&
             (i == 0 || s[i - 1] < '0' || s[i - 1] > '9'))
                ? parse_quad(s + i, len - i, &a)
                : 0;
    if (n && (a & _inside_mask) == _inside) {
      for (int shift = 24; shift >= 0; shift -= 8) {
        if (!emit_number((_public >> shift) & 0xff))
          return false;
        if (shift && !emit('.'))
          return false;
      }
      _rewrites++;
      i += n;
    } else if (!emit(s[i++]))
      return false;
  }
  return true;
}

// Rewrite msg into _out; returns the method or -1 when malformed.
int TrainSipAlg::rewrite(const uint8_t *msg, int len, uint32_t *callid) {
  int hend = 0;
  while (hend + 3 < len && !(msg[hend] == '\r' && msg[hend + 1] == '\n' &&
                             msg[hend + 2] == '\r' && msg[hend + 3] == '\n'))
    hend++;
  if (hend + 3 >= len)
    return -1;
  int body = hend + 4, body_len = len - body;
  // The body is rewritten first (at the end of _out) to learn its length.
  _out_len = 0;
  if (!copy_rewriting(msg + body, body_len))
    return -1;
  int new_body = _out_len;
  if (new_body > (int)sizeof(_saved))
    return -1;
  for (int i = 0; i < new_body; ++i)
    _saved[i] = _out[i];
  _out_len = 0;
  int method = method_of(msg, hend);
  int pos = 0;
  while (pos < hend + 2) {
    int eol = pos;
    while (eol < hend && msg[eol] != '\r')
      eol++;
    const uint8_t *line = msg + pos;
    int llen = eol - pos, colon = 0;
    while (colon < llen && line[colon] != ':')
      colon++;
    int id = (pos && colon < llen) ? header_id(line, colon) : H_OTHER;
    bool ok;
    if (id == H_CLEN) {
      ok = copy_rewriting(line, colon + 1) && emit(' ') &&
           emit_number((uint32_t)new_body);
    } else if (id == H_VIA || id == H_CONTACT || pos == 0) {
      ok = copy_rewriting(line, llen);
    } else {
      if (id == H_CALLID)
        *callid = call_hash(line + colon + 1, llen - colon - 1);
      ok = true;
      for (int i = 0; ok && i < llen; ++i)
        ok = emit(line[i]);
    }
    if (!ok || !emit('\r') || !emit('\n'))
      return -1;
    pos = eol + 2;
  }
  if (!emit('\r') || !emit('\n'))
    return -1;
  for (int i = 0; i < new_body; ++i)
    if (!emit(_saved[i]))
      return -1;
  return method;
}

WritablePacket *TrainSipAlg::store(WritablePacket *q, int at) {
  int have = (int)q->length() - at;
  if (_out_len > have) {
    q = q->put((uint32_t)(_out_len - have));
    if (!q)
      return 0;
  } else if (_out_len < have)
    q->take((uint32_t)(have - _out_len));
  uint8_t *d = q->data() + at;
  for (int i = 0; i < _out_len; ++i)
    d[i] = _out[i];
  click_ip *iph = q->ip_header();
  click_udp *uh = q->udp_header();
  uint16_t old_len = iph->ip_len;
  iph->ip_len = htons((uint16_t)(q->length() - q->ip_header_offset()));
  click_update_in_cksum(&iph->ip_sum, old_len, iph->ip_len);
  int ulen = (int)q->length() - q->transport_header_offset();
  uh->uh_ulen = htons((uint16_t)ulen);
  uh->uh_sum = 0;
  uint16_t c = click_in_cksum(reinterpret_cast<const uint8_t *>(uh), ulen);
  uh->uh_sum = click_in_cksum_pseudohdr(c, iph, ulen);
  if (uh->uh_sum == 0)
    uh->uh_sum = 0xFFFF;
  return q;
}

void TrainSipAlg::push(int, Packet *p) {
  const click_ip *iph = p->ip_header();
  if (!iph || iph->ip_p != IP_PROTO_UDP || IP_ISFRAG(iph)) {
    output(0).push(p);
    return;
  }
  const click_udp *uh = p->udp_header();
  if (uh->uh_dport != htons(5060) && uh->uh_sport != htons(5060)) {
    output(0).push(p);
    return;
  }
  int at = p->transport_header_offset() + 8;
  int len = p->ip_header_offset() + ntohs(iph->ip_len) - at;
  if (len < 12 || at + len > (int)p->length()) {
    _bad++;
    checked_output_push(1, p);
    return;
  }
  uint32_t callid = 0;
  int method = rewrite(p->data() + at, len, &callid);
  if (method < 0 || !callid) {
    _bad++;
    checked_output_push(1, p);
    return;
  }
  SipDialog *d = _dialogs.findp(callid);
  if (!d && method == SIP_INVITE) {
    SipDialog fresh = {0, 0, 0, 0, 0, 0};
    _dialogs.insert(callid, fresh);
    d = _dialogs.findp(callid);
  }
  if (d) {
    switch (method) {
    case SIP_INVITE:
      d->invites++;
      break;
    case SIP_ACK:
      d->established = 1;
      break;
    case SIP_BYE:
      d->byes++;
      d->terminated = 1;
      break;
    case SIP_RESP:
      d->last_resp_len = (uint16_t)len;
      break;
    default:
      break;
    }
    d->rewritten = (uint8_t)(d->rewritten + 1);
  }
  WritablePacket *q = p->uniqueify();
  if (!q)
    return;
  q->take(q->length() - (uint32_t)(at + len));
  q = store(q, at);
  if (!q)
    return;
  if (d && d->terminated)
    _dialogs.erase(callid);
  output(0).push(q);
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e = new TrainSipAlg;
  String conf = config ? String(config) : String();
  if (clara_element_setup(e, conf, 1, 2) < 0)
    return 0;
  return e;
}
