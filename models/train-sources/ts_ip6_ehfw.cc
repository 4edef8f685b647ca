// Training source for the instruction models (models/README.md): an IPv6
// extension-header firewall driven by an ordered rule list ("deny rh 0",
// "allow eh 44", "deny opt 0xc2", "deny upper 132", ...): walks the header
// chain, evaluates the first matching rule for every extension header type,
// routing header type, hop-by-hop/destination option and for the upper-layer
// protocol, enforces limits on chain length and total extension bytes, and
// keeps per-rule and per-header-type hit counters. Written for training
// only; not part of the NF corpus.
#include <click/args.hh>
#include <click/clara.hh>
#include <click/config.h>
#include <click/confparse.hh>
#include <click/element.hh>
#include <click/error.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <click/vector.hh>
#include <clicknet/ether.h>
#include <clicknet/ip.h>
#include <clicknet/ip6.h>

enum RuleKind { K_EH = 0, K_RH = 1, K_OPT = 2, K_UPPER = 3 };
enum { ACT_ALLOW = 0, ACT_DENY = 1, ACT_NONE = 2 };

struct EHRule {
  uint8_t kind;
  uint8_t value;
  uint8_t action;
  uint64_t hits;
};

class IP6EHFirewall : public Element {
public:
  IP6EHFirewall()
      : _max_headers(8), _max_ext_bytes(256), _default(ACT_ALLOW),
        _passed(0), _denied(0), _malformed(0) {
    memset(_seen, 0, sizeof(_seen));
  }
  const char *class_name() const override { return "IP6EHFirewall"; }
  const char *port_count() const override { return "1/2"; }
  const char *processing() const override { return PUSH; }

  int configure(Vector<String> &conf, ErrorHandler *errh) override;
  void push(int port, Packet *p) override;

private:
  static bool is_ext(uint8_t nh) {
    switch (nh) {
    case 0:   // hop-by-hop
    case 43:  // routing
    case 44:  // fragment
    case 51:  // AH
    case 60:  // destination options
    case 135: // mobility
    case 139: // HIP
    case 140: // shim6
      return true;
    default:
      return false;
    }
  }
  static uint32_t ext_len(uint8_t nh, const uint8_t *h) {
    if (nh == 44)
      return 8;
    if (nh == 51)
      return (h[1] + 2u) * 4u;
    return (h[1] + 1u) * 8u;
  }
  bool add_rule(const String &text);
  int match(uint8_t kind, uint8_t value, int *rule);
  int check_options(const uint8_t *h, uint32_t hlen, int *rule);
  int inspect(const uint8_t *ip6, uint32_t len, int *rule);
  void deny(Packet *p, int rule);

  Vector<EHRule> _rules;
  uint32_t _max_headers;
  uint32_t _max_ext_bytes;
  int _default;
  uint64_t _seen[256];
  uint64_t _passed, _denied, _malformed;
};

bool IP6EHFirewall::add_rule(const String &text) {
  Vector<String> w;
  cp_spacevec(text, w);
  if (w.size() != 3)
    return false;
  EHRule r;
  if (w[0] == "allow")
    r.action = ACT_ALLOW;
  else if (w[0] == "deny")
    r.action = ACT_DENY;
  else
    return false;
  if (w[1] == "eh")
    r.kind = K_EH;
  else if (w[1] == "rh")
    r.kind = K_RH;
  else if (w[1] == "opt")
    r.kind = K_OPT;
  else if (w[1] == "upper")
    r.kind = K_UPPER;
  else
    return false;
  int v;
  if (!cp_integer(w[2], &v) || v < 0 || v > 255)
    return false;
  r.value = (uint8_t)v;
  r.hits = 0;
  _rules.push_back(r);
  return true;
}

int IP6EHFirewall::configure(Vector<String> &conf, ErrorHandler *errh) {
  String dflt = "allow";
  Vector<String> rules, rest;
  // RULE may repeat: take those out before the keyword parser sees them
  for (int i = 0; i < conf.size(); ++i) {
    String word = cp_shift_spacevec(conf[i]);
    if (word == "RULE")
      rules.push_back(conf[i]);
    else
      rest.push_back(conf[i] ? word + " " + conf[i] : word);
  }
  if (Args(rest, this, errh)
          .read("MAX_HEADERS", _max_headers)
          .read("MAX_EXT_BYTES", _max_ext_bytes)
          .read("DEFAULT", AnyArg(), dflt)
          .complete() < 0)
    return -1;
  _default = dflt == "deny" ? ACT_DENY : ACT_ALLOW;
  if (rules.empty()) {
    // RFC 5095 / RFC 9288-style defaults
    rules.push_back("deny rh 0");
    rules.push_back("deny rh 1");
    rules.push_back("allow rh 2");
    rules.push_back("allow rh 4");
    rules.push_back("deny rh 255");
    rules.push_back("deny opt 0xc2");
    rules.push_back("deny opt 0x3e");
    rules.push_back("deny eh 139");
    rules.push_back("deny eh 140");
    rules.push_back("deny upper 59");
  }
  for (int i = 0; i < rules.size(); ++i)
    if (!add_rule(rules[i]))
      return errh->error("bad rule '%s'", rules[i].c_str());
  return 0;
}

// First rule of this kind and value; ACT_NONE if none.
int IP6EHFirewall::match(uint8_t kind, uint8_t value, int *rule) {
  for (int i = 0; i < _rules.size(); ++i) {
    EHRule &r = _rules[i];
    if (r.kind == kind && r.value == value) {
      r.hits++;
      *rule = i;
      return r.action;
    }
  }
  return ACT_NONE;
}

int IP6EHFirewall::check_options(const uint8_t *h, uint32_t hlen, int *rule) {
  uint32_t i = 2;
  while (i < hlen) {
    uint8_t t = h[i];
    if (t == 0) {
      i++;
      continue;
    }
    if (i + 2 > hlen || i + 2u + h[i + 1] > hlen)
      return -1;
    int a = match(K_OPT, t, rule);
    if (a == ACT_DENY)
      return ACT_DENY;
    if (a == ACT_NONE && t != 1 && (t >> 6) != 0) {
      // unknown option whose action bits say "discard": do it here
      *rule = -1;
      return ACT_DENY;
    }
    i += 2u + h[i + 1];
  }
  return ACT_ALLOW;
}

// ACT_ALLOW or ACT_DENY, or -1 for a malformed chain.
int IP6EHFirewall::inspect(const uint8_t *ip6, uint32_t len, int *rule) {
  uint8_t nh = ip6[6];
  uint32_t off = 40, count = 0;
  *rule = -1;
  while (is_ext(nh)) {
    if (off + 8 > len)
      return -1;
    const uint8_t *h = ip6 + off;
    uint32_t hl = ext_len(nh, h);
    if (off + hl > len)
      return -1;
    _seen[nh]++;
    if (++count > _max_headers || off + hl - 40 > _max_ext_bytes) {
      *rule = -1;
      return ACT_DENY;
    }
    int a = match(K_EH, nh, rule);
    if (a == ACT_DENY || (a == ACT_NONE && _default == ACT_DENY))
      return ACT_DENY;
    if (nh == 43) {
      a = match(K_RH, h[2], rule);
      if (a == ACT_DENY || (a == ACT_NONE && _default == ACT_DENY))
        return ACT_DENY;
    } else if (nh == 0 || nh == 60) {
      a = check_options(h, hl, rule);
      if (a != ACT_ALLOW)
        return a;
    } else if (nh == 44 && (h[2] << 8 | h[3]) & 0xfff8) {
      // non-first fragment: the rest of the chain is not visible
      return ACT_ALLOW;
    }
    nh = h[0];
    off += hl;
  }
  _seen[nh]++;
  int a = match(K_UPPER, nh, rule);
  return a == ACT_NONE ? _default : a;
}

void IP6EHFirewall::deny(Packet *p, int rule) {
  _denied++;
  SET_PAINT_ANNO(p, (uint8_t)(rule + 1));
  checked_output_push(1, p);
}

void IP6EHFirewall::push(int, Packet *p) {
  const uint8_t *d = p->data();
  if (p->length() < 14 + 40 || d[12] != 0x86 || d[13] != 0xdd) {
    _passed++;
    output(0).push(p);
    return;
  }
  const uint8_t *ip6 = d + 14;
  uint32_t len = 40 + (uint32_t)(ip6[4] << 8 | ip6[5]);
  if (len > p->length() - 14) {
    _malformed++;
    p->kill();
    return;
  }
  int rule;
  int a = inspect(ip6, len, &rule);
  if (a < 0) {
    _malformed++;
    p->kill();
  } else if (a == ACT_DENY)
    deny(p, rule);
  else {
    _passed++;
    output(0).push(p);
  }
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e = new IP6EHFirewall;
  if (clara_element_setup(e, config ? String(config) : String(), 1, 2) < 0)
    return 0;
  return e;
}
