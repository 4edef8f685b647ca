//===- test/nf/anonipaddr.cc - AnonymizeIPAddr: anonymise IPs by prefix ---===//
//
// Anonymises the source and destination addresses of every IPv4 packet for
// trace publication, prefix-preservingly (two addresses sharing exactly k
// leading bits map to addresses sharing exactly k leading bits), in the
// spirit of tcpdpriv/Crypto-PAn but table-driven and non-cryptographic: a
// first-byte permutation table, per-first-byte crit-bit trees of mappings in
// fixed pools, fresh bits from an LCG, and a direct-mapped mapping cache.
// Fixes the IP, TCP/UDP and ICMP-quoted headers' checksums. This is the
// paper's "anonipaddr" NF.
//
// Entry points: AnonymizeIPAddr::simple_action
// State: AnonymizeIPAddr::_preserve_class (none, keep the classful class bits);
//        AnonymizeIPAddr::_seed (none, PRNG seed from configure);
//        AnonymizeIPAddr::_lcg (none, LCG state for fresh output bits);
//        AnonymizeIPAddr::_top_map (array, first-byte permutation table);
//        AnonymizeIPAddr::_roots (array, crit-bit tree root per first byte);
//        AnonymizeIPAddr::_nleaves (none, leaves allocated from the pool);
//        AnonymizeIPAddr::_leaves (array, pool of address mappings);
//        AnonymizeIPAddr::_nbranches (none, branches allocated from the pool);
//        AnonymizeIPAddr::_branches (array, pool of crit-bit tree branches);
//        AnonymizeIPAddr::_cache (array, direct-mapped address mapping cache);
//        AnonymizeIPAddr::_cache_hits (none, cache hit counter);
//        AnonymizeIPAddr::_tree_walks (none, tree walk counter);
//        AnonymizeIPAddr::_pool_exhausted (none, failed pool allocations);
//        AnonymizeIPAddr::_anonymized (none, packets anonymised);
//        AnonymizeIPAddr::_dropped (none, packets dropped)
// Accelerator opportunities: none — the crit-bit walk finds the stored
//        address sharing the longest prefix with a /32 and grows per new
//        address; it is not a longest-prefix match against a prefix table.
//        The LCG is a plain PRNG, not a cipher or hash; checksums are
//        RFC 1624 incremental updates, not CRCs.
//
//===----------------------------------------------------------------------===//
//
// clang-format off
// RUN: %clara_nf_cxx -g %s -o %t.g.bc
// RUN: %clara_opt -passes='print<clara-annotate>' -disable-output %t.g.bc 2>&1 | FileCheck %s --check-prefixes=CHECK,DBG
// RUN: %clara_nf_cxx %s -o %t.bc
// RUN: %clara_opt -passes='print<clara-annotate>' -disable-output %t.bc 2>&1 | FileCheck %s --check-prefixes=CHECK,NODBG
// RUN: %clara_nf_cxx_plain %s -o %t.plain.bc
// RUN: %clara_opt -passes='print<clara-annotate>' -disable-output %t.plain.bc 2>&1 | FileCheck %s --check-prefixes=CHECK,NODBG
//
// CHECK: clara-annotate: EntryPoints=1 StateObjects=15
// CHECK-DAG: EntryPoint Function=_ZN15AnonymizeIPAddr13simple_actionEP6Packet Demangled=AnonymizeIPAddr::simple_action(Packet*)
// DBG-DAG: StateObject Name=AnonymizeIPAddr::_preserve_class Bytes=1 Container=none Shared=no
// NODBG-DAG: StateObject Name=AnonymizeIPAddr.1 Bytes=1 Container=none Shared=no
// DBG-DAG: StateObject Name=AnonymizeIPAddr::_seed Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=AnonymizeIPAddr.2 Bytes=4 Container=none Shared=no
// DBG-DAG: StateObject Name=AnonymizeIPAddr::_lcg Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=AnonymizeIPAddr.3 Bytes=4 Container=none Shared=no
// DBG-DAG: StateObject Name=AnonymizeIPAddr::_top_map Bytes=256 Container=array Shared=no
// NODBG-DAG: StateObject Name=AnonymizeIPAddr.4 Bytes=256 Container=array Shared=no
// DBG-DAG: StateObject Name=AnonymizeIPAddr::_roots Bytes=1024 Container=array Shared=no
// NODBG-DAG: StateObject Name=AnonymizeIPAddr.5 Bytes=1024 Container=array Shared=no
// DBG-DAG: StateObject Name=AnonymizeIPAddr::_nleaves Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=AnonymizeIPAddr.6 Bytes=4 Container=none Shared=no
// DBG-DAG: StateObject Name=AnonymizeIPAddr::_leaves Bytes=262144 Container=array Shared=no
// NODBG-DAG: StateObject Name=AnonymizeIPAddr.7 Bytes=262144 Container=array Shared=no
// DBG-DAG: StateObject Name=AnonymizeIPAddr::_nbranches Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=AnonymizeIPAddr.8 Bytes=4 Container=none Shared=no
// DBG-DAG: StateObject Name=AnonymizeIPAddr::_branches Bytes=393216 Container=array Shared=no
// NODBG-DAG: StateObject Name=AnonymizeIPAddr.9 Bytes=393216 Container=array Shared=no
// DBG-DAG: StateObject Name=AnonymizeIPAddr::_cache Bytes=8192 Container=array Shared=no
// NODBG-DAG: StateObject Name=AnonymizeIPAddr.10 Bytes=8192 Container=array Shared=no
// DBG-DAG: StateObject Name=AnonymizeIPAddr::_cache_hits Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=AnonymizeIPAddr.11 Bytes=4 Container=none Shared=no
// DBG-DAG: StateObject Name=AnonymizeIPAddr::_tree_walks Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=AnonymizeIPAddr.12 Bytes=4 Container=none Shared=no
// DBG-DAG: StateObject Name=AnonymizeIPAddr::_pool_exhausted Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=AnonymizeIPAddr.13 Bytes=4 Container=none Shared=no
// DBG-DAG: StateObject Name=AnonymizeIPAddr::_anonymized Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=AnonymizeIPAddr.14 Bytes=4 Container=none Shared=no
// DBG-DAG: StateObject Name=AnonymizeIPAddr::_dropped Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=AnonymizeIPAddr.15 Bytes=4 Container=none Shared=no
// clang-format on

#include <click/config.h>

#include <click/args.hh>
#include <click/element.hh>
#include <click/error.hh>
#include <click/packet.hh>
#include <clicknet/icmp.h>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>
#include <clicknet/udp.h>

// Prefix-preserving anonymisation in the style of tcpdpriv's "-A50" and
// Click's AnonymizeIPAddr: two addresses that share exactly k leading bits
// map to two addresses that share exactly k leading bits.
//
// The first byte goes through a fixed permutation table built at configure
// time from a random complete binary tree of depth 8.  Below it, each first
// byte has a crit-bit tree (one leaf per address seen, one branch per bit
// position where two stored addresses first differ).  A new address takes
// its output from the stored address it shares the longest prefix with (the
// leaf the tree walk ends at): the same first k bits, bit k flipped, and
// fresh random bits below.  Random bits come from a linear congruential
// generator -- a plain PRNG, not a keyed cipher.  A direct-mapped cache in
// front of the trees holds recent mappings.  Leaves and branches come from
// fixed pools, as on a NIC: when they are exhausted a new address cannot be
// mapped and the packet is dropped rather than leaked un-anonymised.
class AnonymizeIPAddr : public Element {
public:
  AnonymizeIPAddr();

  const char *class_name() const override { return "AnonymizeIPAddr"; }
  const char *port_count() const override { return PORTS_1_1; }
  int configure(Vector<String> &conf, ErrorHandler *errh) override;

  Packet *simple_action(Packet *p) override;

private:
  enum {
    MAX_ADDRS = 32768, // leaves (and branches) in the pools
    CACHE_SIZE = 1024  // direct-mapped address cache
  };
  enum : uint32_t {
    NIL = 0xFFFFFFFFU,     // empty tree
    LEAF_REF = 0x80000000U // tag of a leaf index in a tree reference
  };

  struct Leaf {
    uint32_t in;  // host byte order
    uint32_t out; // host byte order
  };

  struct Branch {
    uint32_t child[2]; // tree references: branch index, or LEAF_REF | leaf
    uint8_t bit;       // 8..31: bit position (from the top) deciding the child
  };

  struct CacheEntry {
    uint32_t in;  // host byte order; 0 = empty (0.0.0.0 is never mapped)
    uint32_t out; // host byte order
  };

  bool map_address(uint32_t addr_net, uint32_t &out_net);
  bool tree_map(uint32_t addr, uint32_t &out);
  bool insert(uint32_t addr, uint32_t out, int bit);
  uint32_t random_word();
  bool rewrite_icmp_error(click_icmp *icmph, int icmp_len);
  static void cksum_update32(uint16_t *sum, uint32_t old_v, uint32_t new_v);
  void build_top_map();

  bool _preserve_class;
  uint32_t _seed;
  uint32_t _lcg;
  uint8_t _top_map[256];
  uint32_t _roots[256];
  uint32_t _nleaves;
  Leaf _leaves[MAX_ADDRS];
  uint32_t _nbranches;
  Branch _branches[MAX_ADDRS];
  CacheEntry _cache[CACHE_SIZE];
  uint32_t _cache_hits;
  uint32_t _tree_walks;
  uint32_t _pool_exhausted;
  uint32_t _anonymized;
  uint32_t _dropped;
};

AnonymizeIPAddr::AnonymizeIPAddr()
    : _preserve_class(false), _seed(0x2545F491U), _lcg(0), _nleaves(0),
      _nbranches(0), _cache_hits(0), _tree_walks(0), _pool_exhausted(0),
      _anonymized(0), _dropped(0) {}

int AnonymizeIPAddr::configure(Vector<String> &conf, ErrorHandler *errh) {
  if (Args(conf, this, errh)
          .read("SEED", _seed)
          .read("CLASS", _preserve_class)
          .complete() < 0)
    return -1;
  _lcg = _seed;
  for (int i = 0; i < 256; i++)
    _roots[i] = NIL;
  _nleaves = _nbranches = 0;
  memset(_cache, 0, sizeof(_cache));
  build_top_map();
  return 0;
}

// The first byte is a complete tree of depth 8 (255 flip bits, heap order),
// precomputed into a permutation table.  With CLASS true, the flips on the
// all-ones path of the first four bits are zero, so that the classful
// network class (A/B/C/D/E) of every address is kept.
void AnonymizeIPAddr::build_top_map() {
  uint8_t heap_flip[255];
  for (int i = 0; i < 255; i++)
    heap_flip[i] = (uint8_t)(random_word() >> 31);
  if (_preserve_class)
    for (int d = 0; d < 4; d++)
      heap_flip[(1 << d) - 1 + ((1 << d) - 1)] = 0;
  for (int b = 0; b < 256; b++) {
    uint32_t out = 0;
    for (int d = 0; d < 8; d++) {
      uint32_t prefix = (uint32_t)b >> (8 - d);
      uint32_t bit = ((uint32_t)b >> (7 - d)) & 1;
      out |= (bit ^ heap_flip[(1 << d) - 1 + prefix]) << (7 - d);
    }
    _top_map[b] = (uint8_t)out;
  }
}

// 32 random bits from the top halves of two LCG steps (the low bits of an
// LCG modulo 2^32 are weak).
uint32_t AnonymizeIPAddr::random_word() {
  _lcg = _lcg * 1103515245U + 12345U;
  uint32_t hi = _lcg >> 16;
  _lcg = _lcg * 1103515245U + 12345U;
  return (hi << 16) | (_lcg >> 16);
}

// Links a new leaf (addr -> out) under a new branch at `bit`, placed above
// the first node on addr's path that branches further down.
bool AnonymizeIPAddr::insert(uint32_t addr, uint32_t out, int bit) {
  if (_nleaves >= MAX_ADDRS || _nbranches >= MAX_ADDRS) {
    _pool_exhausted++;
    return false;
  }
  uint32_t leaf = _nleaves++;
  _leaves[leaf].in = addr;
  _leaves[leaf].out = out;
  uint32_t br = _nbranches++;
  uint32_t *link = &_roots[addr >> 24];
  while (!(*link & LEAF_REF) && _branches[*link].bit < bit) {
    Branch &b = _branches[*link];
    link = &b.child[(addr >> (31 - b.bit)) & 1];
  }
  uint32_t dir = (addr >> (31 - bit)) & 1;
  _branches[br].bit = (uint8_t)bit;
  _branches[br].child[dir] = LEAF_REF | leaf;
  _branches[br].child[dir ^ 1] = *link;
  *link = br;
  return true;
}

bool AnonymizeIPAddr::tree_map(uint32_t addr, uint32_t &out) {
  uint32_t top = addr >> 24;
  uint32_t ref = _roots[top];
  _tree_walks++;
  if (ref == NIL) {
    // First address under this first byte: only the permutation constrains
    // it.
    if (_nleaves >= MAX_ADDRS) {
      _pool_exhausted++;
      return false;
    }
    uint32_t leaf = _nleaves++;
    _leaves[leaf].in = addr;
    _leaves[leaf].out =
        ((uint32_t)_top_map[top] << 24) | (random_word() & 0x00FFFFFFU);
    _roots[top] = LEAF_REF | leaf;
    out = _leaves[leaf].out;
    return true;
  }
  // Follow addr's bits at the branch positions: the leaf reached shares the
  // longest prefix with addr of all stored addresses.
  while (!(ref & LEAF_REF)) {
    const Branch &b = _branches[ref];
    ref = b.child[(addr >> (31 - b.bit)) & 1];
  }
  const Leaf &best = _leaves[ref & ~LEAF_REF];
  if (best.in == addr) {
    out = best.out;
    return true;
  }
  int bit = __builtin_clz(addr ^ best.in); // 8..31: same first byte
  uint32_t flip = 0x80000000U >> bit;
  uint32_t keep = ~(flip | (flip - 1));
  uint32_t mapped =
      (best.out & keep) | (~best.out & flip) | (random_word() & (flip - 1));
  if (!insert(addr, mapped, bit))
    return false;
  out = mapped;
  return true;
}

bool AnonymizeIPAddr::map_address(uint32_t addr_net, uint32_t &out_net) {
  uint32_t addr = ntohl(addr_net);
  // The unspecified address and limited broadcast identify nobody; keep them
  // so that DHCP and broadcast traffic stay recognisable.
  if (addr == 0 || addr == 0xFFFFFFFFU) {
    out_net = addr_net;
    return true;
  }
  CacheEntry &e = _cache[addr & (CACHE_SIZE - 1)];
  if (e.in == addr) {
    _cache_hits++;
    out_net = htonl(e.out);
    return true;
  }
  uint32_t mapped;
  if (!tree_map(addr, mapped))
    return false;
  e.in = addr;
  e.out = mapped;
  out_net = htonl(mapped);
  return true;
}

// RFC 1624 incremental update for a 32-bit field covered by *sum.  Works on
// the words as stored, so byte order does not matter.
void AnonymizeIPAddr::cksum_update32(uint16_t *sum, uint32_t old_v,
                                     uint32_t new_v) {
  uint32_t s = (uint16_t)~*sum;
  s += (~old_v >> 16) & 0xFFFF;
  s += ~old_v & 0xFFFF;
  s += new_v >> 16;
  s += new_v & 0xFFFF;
  s = (s & 0xFFFF) + (s >> 16);
  s = (s & 0xFFFF) + (s >> 16);
  *sum = (uint16_t)~s;
}

// ICMP errors quote the offending datagram's header, which names the real
// hosts; redirects also carry a gateway address.  Anonymise those too.
bool AnonymizeIPAddr::rewrite_icmp_error(click_icmp *icmph, int icmp_len) {
  switch (icmph->icmp_type) {
  case ICMP_UNREACH:
  case ICMP_SOURCEQUENCH:
  case ICMP_REDIRECT:
  case ICMP_TIMXCEED:
  case ICMP_PARAMPROB:
    break;
  default:
    return true;
  }
  if (icmp_len < 8 + (int)sizeof(click_ip))
    return true;
  uint8_t *msg = reinterpret_cast<uint8_t *>(icmph);
  if (icmph->icmp_type == ICMP_REDIRECT) {
    uint32_t gw;
    memcpy(&gw, msg + 4, 4);
    uint32_t new_gw;
    if (!map_address(gw, new_gw))
      return false;
    memcpy(msg + 4, &new_gw, 4);
  }
  click_ip *inner = reinterpret_cast<click_ip *>(msg + 8);
  uint32_t osrc = inner->ip_src.s_addr;
  uint32_t odst = inner->ip_dst.s_addr;
  uint32_t nsrc, ndst;
  if (!map_address(osrc, nsrc) || !map_address(odst, ndst))
    return false;
  inner->ip_src.s_addr = nsrc;
  inner->ip_dst.s_addr = ndst;
  cksum_update32(&inner->ip_sum, osrc, nsrc);
  cksum_update32(&inner->ip_sum, odst, ndst);
  icmph->icmp_cksum = 0;
  icmph->icmp_cksum = click_in_cksum(msg, icmp_len);
  return true;
}

Packet *AnonymizeIPAddr::simple_action(Packet *p) {
  if (!p->has_network_header() || p->network_length() < (int)sizeof(click_ip) ||
      p->ip_header()->ip_v != 4) {
    _dropped++;
    p->kill();
    return 0;
  }
  WritablePacket *q = p->uniqueify();
  if (!q) {
    _dropped++;
    return 0;
  }
  click_ip *iph = q->ip_header();
  uint32_t old_src = iph->ip_src.s_addr;
  uint32_t old_dst = iph->ip_dst.s_addr;
  uint32_t new_src, new_dst;
  if (!map_address(old_src, new_src) || !map_address(old_dst, new_dst)) {
    // Never let an address out un-anonymised.
    _dropped++;
    q->kill();
    return 0;
  }
  iph->ip_src.s_addr = new_src;
  iph->ip_dst.s_addr = new_dst;
  cksum_update32(&iph->ip_sum, old_src, new_src);
  cksum_update32(&iph->ip_sum, old_dst, new_dst);

  // TCP and UDP checksums cover the addresses through the pseudo-header; only
  // a first fragment carries the transport header.
  int hlen = iph->ip_hl << 2;
  int tlen = q->network_length() - hlen;
  bool first_frag = (iph->ip_off & htons(IP_OFFMASK)) == 0;
  if (first_frag && tlen > 0) {
    uint8_t *th = q->network_header() + hlen;
    switch (iph->ip_p) {
    case IP_PROTO_TCP:
      if (tlen >= (int)sizeof(click_tcp)) {
        click_tcp *tcph = reinterpret_cast<click_tcp *>(th);
        cksum_update32(&tcph->th_sum, old_src, new_src);
        cksum_update32(&tcph->th_sum, old_dst, new_dst);
      }
      break;
    case IP_PROTO_UDP:
      if (tlen >= (int)sizeof(click_udp)) {
        click_udp *udph = reinterpret_cast<click_udp *>(th);
        if (udph->uh_sum != 0) { // zero means "no checksum"
          cksum_update32(&udph->uh_sum, old_src, new_src);
          cksum_update32(&udph->uh_sum, old_dst, new_dst);
          if (udph->uh_sum == 0)
            udph->uh_sum = 0xFFFF;
        }
      }
      break;
    case IP_PROTO_ICMP:
      if (tlen >= (int)sizeof(click_icmp) &&
          !rewrite_icmp_error(reinterpret_cast<click_icmp *>(th), tlen)) {
        _dropped++;
        q->kill();
        return 0;
      }
      break;
    default:
      break;
    }
  }
  // Routing elements downstream read the destination annotation; it must not
  // keep the real address either.
  q->set_dst_ip_anno(IPAddress(new_dst));
  _anonymized++;
  return q;
}

// Host-driver entry for clara-replay: one AnonymizeIPAddr, configured.
#include <click/clara.hh>

extern "C" Element *clara_nf_create(const char *config) {
  AnonymizeIPAddr *e = new AnonymizeIPAddr;
  String conf = config && *config ? String(config) : String("SEED 0x2545F491");
  if (clara_element_setup(e, conf) < 0) {
    delete e;
    return 0;
  }
  return e;
}
