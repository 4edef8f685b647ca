// HorspoolMatch: a signature filter that looks for one byte string in the
// transport payload of IPv4 packets using the Boyer-Moore-Horspool
// algorithm (Horspool 1980): the window is compared right to left and, on a
// mismatch, advanced by the "bad character" distance of the byte under the
// window's last position, taken from a 256-entry shift table built from the
// pattern at configuration time.
//
// Packets whose payload contains PATTERN go to output 1 (the match offset
// within the payload is stored in the AGGREGATE annotation), others to
// output 0.  NOCASE folds ASCII letters on both sides.  Non-IPv4 or
// truncated packets go to output 0 unchanged and are counted.
//
// HorspoolMatch(PATTERN string [, NOCASE bool, OFFSET n])

#include <click/config.h>
#include <click/args.hh>
#include <click/element.hh>
#include <click/error.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>
#include <clicknet/udp.h>
#include <string.h>

class HorspoolMatch : public Element {
public:
  HorspoolMatch();

  const char *class_name() const override { return "HorspoolMatch"; }
  const char *port_count() const override { return "1/2"; }
  const char *processing() const override { return PUSH; }

  int configure(Vector<String> &conf, ErrorHandler *errh) override;
  void push(int port, Packet *p) override;

  enum { MAX_PATTERN = 255 };

  // Exposed for testing: first occurrence of the pattern in [text, text+n),
  // or -1.
  long search(const unsigned char *text, unsigned long n) const;

  uint64_t matches() const { return _matches; }
  uint64_t unparsed() const { return _unparsed; }

private:
  unsigned char _pat[MAX_PATTERN];
  unsigned _m;
  unsigned _shift[256];
  bool _nocase;
  unsigned _offset;
  uint64_t _matches;
  uint64_t _scanned;
  uint64_t _unparsed;

  static unsigned char fold(unsigned char c) {
    return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + ('a' - 'A')) : c;
  }
  void build_shift_table();
  bool locate_payload(const Packet *p, unsigned *start, unsigned *len) const;
};

HorspoolMatch::HorspoolMatch()
    : _m(0), _nocase(false), _offset(14), _matches(0), _scanned(0),
      _unparsed(0) {
  memset(_pat, 0, sizeof(_pat));
  for (int i = 0; i < 256; i++)
    _shift[i] = 1;
}

int HorspoolMatch::configure(Vector<String> &conf, ErrorHandler *errh) {
  String pattern;
  bool nocase = false;
  unsigned offset = 14;
  if (Args(conf, this, errh)
          .read_mp("PATTERN", pattern)
          .read("NOCASE", nocase)
          .read("OFFSET", offset)
          .complete() < 0)
    return -1;
  if (pattern.length() == 0 || pattern.length() > MAX_PATTERN)
    return errh->error("PATTERN must have 1 to %d bytes", (int)MAX_PATTERN);
  _m = pattern.length();
  _nocase = nocase;
  _offset = offset;
  for (unsigned i = 0; i < _m; i++) {
    unsigned char c = (unsigned char)pattern[i];
    _pat[i] = _nocase ? fold(c) : c;
  }
  build_shift_table();
  return 0;
}

void HorspoolMatch::build_shift_table() {
  for (int c = 0; c < 256; c++)
    _shift[c] = _m;
  // Every pattern byte except the last sets the distance from its rightmost
  // occurrence to the end of the pattern.
  for (unsigned i = 0; i + 1 < _m; i++) {
    unsigned d = _m - 1 - i;
    unsigned char c = _pat[i];
    _shift[c] = d;
    if (_nocase && c >= 'a' && c <= 'z')
      _shift[c - ('a' - 'A')] = d;
  }
}

long HorspoolMatch::search(const unsigned char *text, unsigned long n) const {
  if (_m == 0 || n < _m)
    return -1;
  unsigned long pos = 0;
  const unsigned last = _m - 1;
  while (pos + _m <= n) {
    unsigned char tail = text[pos + last];
    unsigned char ft = _nocase ? fold(tail) : tail;
    if (ft == _pat[last]) {
      unsigned k = last;
      while (k > 0) {
        unsigned char t = text[pos + k - 1];
        if ((_nocase ? fold(t) : t) != _pat[k - 1])
          break;
        k--;
      }
      if (k == 0)
        return (long)pos;
    }
    pos += _shift[tail];
  }
  return -1;
}

bool HorspoolMatch::locate_payload(const Packet *p, unsigned *start,
                                   unsigned *len) const {
  const unsigned char *d = p->data();
  unsigned total = p->length();
  if (total < _offset + 20)
    return false;
  const unsigned char *ip = d + _offset;
  if ((ip[0] >> 4) != 4)
    return false;
  unsigned hl = (unsigned)(ip[0] & 0x0F) * 4;
  unsigned ip_len = ((unsigned)ip[2] << 8) | ip[3];
  if (hl < 20 || ip_len < hl || _offset + ip_len > total)
    return false;
  unsigned l4 = _offset + hl;
  unsigned end = _offset + ip_len;
  // Only the first fragment carries the transport header.
  unsigned frag = (((unsigned)ip[6] << 8) | ip[7]) & 0x1FFF;
  unsigned hdr = 0;
  if (frag == 0) {
    if (ip[9] == IP_PROTO_TCP) {
      if (l4 + 20 > end)
        return false;
      hdr = (unsigned)(d[l4 + 12] >> 4) * 4;
      if (hdr < 20 || l4 + hdr > end)
        return false;
    } else if (ip[9] == IP_PROTO_UDP) {
      if (l4 + 8 > end)
        return false;
      hdr = 8;
    }
  }
  *start = l4 + hdr;
  *len = end - (l4 + hdr);
  return true;
}

void HorspoolMatch::push(int, Packet *p) {
  unsigned start, len;
  if (!locate_payload(p, &start, &len)) {
    _unparsed++;
    output(0).push(p);
    return;
  }
  _scanned++;
  long at = search(p->data() + start, len);
  if (at < 0) {
    output(0).push(p);
    return;
  }
  _matches++;
  p->set_anno_u32(AGGREGATE_ANNO_OFFSET, (uint32_t)at);
  output(1).push(p);
}
