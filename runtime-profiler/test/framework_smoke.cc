// framework_smoke.cc - smoke test of Clara's Click-compatible framework
//
// Part of Clara. Exercises the headers in runtime-profiler/include and the
// click_compat library the way an element does: Packet make/push/pull/put/
// take/clone/uniqueify and annotations, the reverse-ported containers
// (HashTable full buckets, erase marking slots invalid, Vector capacity),
// IPFlowID, checksums against known values, ports, Args. It also compiles to
// bitcode like an NF (one command per line):
//   clang++-19 -std=c++17 -O0 -Xclang -disable-O0-optnone
//     -fno-discard-value-names -emit-llvm -c -I runtime-profiler/include
//     runtime-profiler/test/framework_smoke.cc -o smoke.bc
//   clang++-19 smoke.bc build/lib/libclick_compat.a -o smoke && ./smoke
// Prints "N passed, M failed"; exits nonzero on any failure.
#include <click/args.hh>
#include <click/atomic.hh>
#include <click/clara.hh>
#include <click/config.h>
#include <click/confparse.hh>
#include <click/element.hh>
#include <click/error.hh>
#include <click/etheraddress.hh>
#include <click/glue.hh>
#include <click/hashmap.hh>
#include <click/hashtable.hh>
#include <click/ipaddress.hh>
#include <click/ipflowid.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <click/standard/scheduleinfo.hh>
#include <click/straccum.hh>
#include <click/string.hh>
#include <click/task.hh>
#include <click/timer.hh>
#include <click/timestamp.hh>
#include <click/vector.hh>
#include <clicknet/ether.h>
#include <clicknet/icmp.h>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>
#include <clicknet/udp.h>

static int npassed = 0, nfailed = 0;

#define CHECK(cond)                                                            \
  do {                                                                         \
    if (cond)                                                                  \
      ++npassed;                                                               \
    else {                                                                     \
      ++nfailed;                                                               \
      fprintf(stderr, "FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond);          \
    }                                                                          \
  } while (0)

// The IPv4 header of RFC 1071-style textbook examples: its checksum is
// 0xB861.
static const unsigned char known_ip_header[20] = {
    0x45, 0x00, 0x00, 0x73, 0x00, 0x00, 0x40, 0x00, 0x40, 0x11,
    0xb8, 0x61, 0xc0, 0xa8, 0x00, 0x01, 0xc0, 0xa8, 0x00, 0xc7};

// A UDP/IPv4 packet (Ethernet + IP + UDP + 4 bytes payload).
static WritablePacket *make_udp_packet(uint16_t sport, uint16_t dport) {
  WritablePacket *p = Packet::make(14 + 20 + 8 + 4);
  click_ether *eh = reinterpret_cast<click_ether *>(p->data());
  memset(eh->ether_dhost, 0xff, 6);
  memset(eh->ether_shost, 0x02, 6);
  eh->ether_type = htons(ETHERTYPE_IP);
  click_ip *iph = reinterpret_cast<click_ip *>(p->data() + 14);
  iph->ip_v = 4;
  iph->ip_hl = 5;
  iph->ip_len = htons(20 + 8 + 4);
  iph->ip_ttl = 64;
  iph->ip_p = IP_PROTO_UDP;
  iph->ip_src.s_addr = htonl(0x0a000001);
  iph->ip_dst.s_addr = htonl(0x0a000002);
  iph->ip_sum = click_in_cksum(reinterpret_cast<unsigned char *>(iph), 20);
  click_udp *uh = reinterpret_cast<click_udp *>(iph + 1);
  uh->uh_sport = htons(sport);
  uh->uh_dport = htons(dport);
  uh->uh_ulen = htons(12);
  memcpy(uh + 1, "abcd", 4);
  uh->uh_sum = 0;
  uint16_t csum = click_in_cksum(reinterpret_cast<unsigned char *>(uh), 12);
  uh->uh_sum = click_in_cksum_pseudohdr(csum, iph, 12);
  p->set_mac_header(p->data(), 14);
  p->set_ip_header(iph, 20);
  return p;
}

static void test_packet_data() {
  const char payload[] = "0123456789";
  WritablePacket *p = Packet::make(32, payload, 10, 16);
  CHECK(p != 0);
  CHECK(p->length() == 10);
  CHECK(p->headroom() == 32);
  CHECK(p->tailroom() >= 16);
  CHECK(memcmp(p->data(), payload, 10) == 0);
  CHECK(p->end_data() == p->data() + 10);
  CHECK(p->buffer() + p->headroom() == p->data());
  CHECK(!p->shared());

  // push within the headroom keeps the packet
  Packet *before = p;
  WritablePacket *q = p->push(14);
  CHECK(q == before);
  CHECK(q->length() == 24 && q->headroom() == 18);
  CHECK(memcmp(q->data() + 14, payload, 10) == 0);
  q->pull(14);
  CHECK(q->length() == 10 && q->headroom() == 32);

  // push beyond the headroom reallocates and keeps the data
  q = q->push(100);
  CHECK(q != 0);
  CHECK(q->length() == 110);
  CHECK(memcmp(q->data() + 100, payload, 10) == 0);
  q->pull(100);

  // put / take
  uint32_t tail = q->tailroom();
  q = q->put(4);
  CHECK(q->length() == 14 && q->tailroom() == tail - 4);
  memcpy(q->data() + 10, "wxyz", 4);
  q->take(4);
  CHECK(q->length() == 10);
  q = q->put(q->tailroom() + 50); // grows the buffer
  CHECK(q != 0 && q->length() == 10 + tail + 50);
  CHECK(memcmp(q->data(), payload, 10) == 0);
  q->take(q->length() - 10);
  CHECK(q->length() == 10);

  // pull/take beyond the length clamp (with a chatter)
  q->take(1000);
  CHECK(q->length() == 0);
  q->kill();

  // default headroom, zero fill
  WritablePacket *z = Packet::make(60);
  CHECK(z->headroom() == Packet::default_headroom);
  bool zero = true;
  for (uint32_t i = 0; i < z->length(); ++i)
    zero = zero && z->data()[i] == 0;
  CHECK(zero);
  z->kill();
}

static void test_packet_sharing() {
  WritablePacket *p = make_udp_packet(1000, 53);
  SET_PAINT_ANNO(p, 7);
  Packet *c = p->clone();
  CHECK(c != 0);
  CHECK(p->shared() && c->shared());
  CHECK(c->data() == p->data());
  CHECK(PAINT_ANNO(c) == 7);
  CHECK(c->network_header_offset() == 14);

  // uniqueify the clone: a private copy, annotations and headers kept
  WritablePacket *cw = c->uniqueify();
  CHECK(cw != 0);
  CHECK(cw->data() != p->data());
  CHECK(cw->network_header_offset() == 14 && cw->ip_header_length() == 20);
  CHECK(cw->ip_header()->ip_ttl == 64);
  cw->ip_header()->ip_ttl = 1;
  CHECK(p->ip_header()->ip_ttl == 64);
  CHECK(!p->shared());
  CHECK(PAINT_ANNO(cw) == 7);

  // uniqueify the original while a clone holds its data: a new packet
  Packet *c2 = p->clone();
  const unsigned char *old = c2->data();
  WritablePacket *pw = p->uniqueify();
  CHECK(pw != 0 && pw->data() != old);
  CHECK(c2->data() == old && c2->ip_header()->ip_ttl == 64);
  CHECK(!pw->shared());
  CHECK(c2->shared()); // as in Click: a clone stays shared() until uniqueified
  pw->ip_header()->ip_ttl = 9;
  CHECK(c2->ip_header()->ip_ttl == 64);

  // push on a shared packet unshares it
  Packet *c3 = c2->clone();
  WritablePacket *pushed = c3->push(4);
  CHECK(pushed != 0 && pushed->length() == c2->length() + 4);
  CHECK(pushed->data() + 4 != c2->data());
  CHECK(pushed->mac_header_offset() == 4);

  pushed->kill();
  c2->kill();
  pw->kill();
  cw->kill();
}

static void test_headers_and_annotations() {
  WritablePacket *p = make_udp_packet(1234, 80);
  CHECK(p->has_mac_header() && p->has_network_header());
  CHECK(p->mac_header() == p->data());
  CHECK(p->ether_header()->ether_type == htons(ETHERTYPE_IP));
  CHECK(p->network_header_offset() == 14);
  CHECK(p->network_header_length() == 20);
  CHECK(p->network_length() == 32);
  CHECK(p->transport_header_offset() == 34);
  CHECK(p->transport_length() == 12);
  CHECK(p->udp_header()->uh_dport == htons(80));
  CHECK(reinterpret_cast<const unsigned char *>(p->tcp_header()) ==
        p->transport_header());
  CHECK(p->ip_header()->ip_v == 4 && p->ip_header()->ip_hl == 5);
  CHECK(IP_FIRSTFRAG(p->ip_header()) && !IP_ISFRAG(p->ip_header()));

  p->pull(14);
  CHECK(p->network_header_offset() == 0 && p->mac_header_offset() == -14);
  p = p->push(14);
  CHECK(p->network_header_offset() == 14);

  p->set_dst_ip_anno(IPAddress(p->ip_header()->ip_dst));
  CHECK(p->dst_ip_anno() == IPAddress(htonl(0x0a000002)));
  p->set_anno_u8(PAINT_ANNO_OFFSET, 3);
  p->set_anno_u16(VLAN_TCI_ANNO_OFFSET, 0xBEEF);
  SET_AGGREGATE_ANNO(p, 0xDEADBEEF);
  p->set_anno_u64(40, 0x0102030405060708ULL);
  SET_EXTRA_LENGTH_ANNO(p, 99);
  SET_FIX_IP_SRC_ANNO(p, 1);
  CHECK(p->anno_u8(PAINT_ANNO_OFFSET) == 3 && PAINT_ANNO(p) == 3);
  CHECK(VLAN_TCI_ANNO(p) == 0xBEEF);
  CHECK(AGGREGATE_ANNO(p) == 0xDEADBEEF);
  CHECK(p->anno_u64(40) == 0x0102030405060708ULL);
  CHECK(EXTRA_LENGTH_ANNO(p) == 99 && FIX_IP_SRC_ANNO(p) == 1);
  CHECK(p->anno_u8()[PAINT_ANNO_OFFSET] == 3);
  CHECK(p->anno_u32()[0] == p->dst_ip_anno().addr());
  Timestamp t = Timestamp::make_usec(5, 250);
  p->set_timestamp_anno(t);
  CHECK(p->timestamp_anno() == t);
  p->timestamp_anno() += Timestamp::make_msec(1);
  CHECK(p->timestamp_anno().usec() == 1250);
  p->set_packet_type_anno(Packet::BROADCAST);
  CHECK(p->packet_type_anno() == Packet::BROADCAST);
  CHECK(p->device_anno() == 0);
  CHECK(p->next() == 0 && p->prev() == 0);

  Packet *c = p->clone();
  CHECK(AGGREGATE_ANNO(c) == 0xDEADBEEF &&
        c->timestamp_anno() == p->timestamp_anno());
  c->kill();

  p->clear_annotations(false);
  CHECK(PAINT_ANNO(p) == 0 && !p->timestamp_anno());
  CHECK(p->has_network_header());
  p->kill();
}

static void test_checksums() {
  CHECK(click_in_cksum(known_ip_header, 20) == 0); // correct sum verifies
  unsigned char h[20];
  memcpy(h, known_ip_header, 20);
  h[10] = h[11] = 0;
  uint16_t sum = click_in_cksum(h, 20);
  const unsigned char *sb = reinterpret_cast<const unsigned char *>(&sum);
  CHECK(sb[0] == 0xb8 && sb[1] == 0x61);
  CHECK(ntohs(sum) == 0xb861);
  // odd length: the last byte is padded with zero
  unsigned char odd[3] = {0x01, 0x02, 0x03};
  CHECK(ntohs(click_in_cksum(odd, 3)) == (uint16_t)~(0x0102 + 0x0300));

  // UDP checksum with the pseudo-header verifies to zero
  WritablePacket *p = make_udp_packet(4000, 4001);
  const click_ip *iph = p->ip_header();
  const unsigned char *udp = p->transport_header();
  uint16_t seg = click_in_cksum(udp, 12);
  CHECK(click_in_cksum_pseudohdr(seg, iph, 12) == 0);
  CHECK(p->udp_header()->uh_sum != 0);

  // incremental update after a TTL change equals a full recomputation
  click_ip *wiph = p->ip_header();
  uint16_t old_hw = reinterpret_cast<uint16_t *>(wiph)[4];
  wiph->ip_ttl--;
  uint16_t new_hw = reinterpret_cast<uint16_t *>(wiph)[4];
  click_update_in_cksum(&wiph->ip_sum, old_hw, new_hw);
  CHECK(click_in_cksum(reinterpret_cast<unsigned char *>(wiph), 20) == 0);
  p->kill();
}

static void test_hashtable() {
  // 4 buckets of 2 slots
  typedef HashTable<int, int, 4, 2> Table;
  Table t(-1);
  CHECK(t.bucket_count() == 4 && t.bucket_depth() == 2 && t.capacity() == 8);
  CHECK(t.empty() && t.get(1) == -1 && t.find(1) == t.end());

  // three keys landing in the same bucket: the third does not fit
  int same[3], n = 0;
  for (int k = 0; n < 3 && k < 1000; ++k)
    if (t.bucket(k) == t.bucket(0))
      same[n++] = k;
  CHECK(n == 3);
  CHECK(t.set(same[0], 10));
  CHECK(t.insert(same[1], 11));
  CHECK(!t.insert(same[1], 12)); // existing key: replaced, not new
  CHECK(t.get(same[1]) == 12);
  CHECK(t.size() == 2);
  CHECK(!t.set(same[2], 13));               // bucket full
  CHECK(!t.insert(same[2], 13));            // bucket full
  CHECK(t.find_insert(same[2]) == t.end()); // bucket full
  CHECK(t.find(same[2]) == t.end() && t.size() == 2);
  t[same[2]] = 99; // goes to the scratch value
  CHECK(t.get(same[2]) == -1 && t.size() == 2);

  // erase marks the slot invalid; the bucket then has room again
  CHECK(t.erase(same[0]) == 1);
  CHECK(t.find(same[0]) == t.end() && t.get_pointer(same[0]) == 0);
  CHECK(t.size() == 1);
  CHECK(t.erase(same[0]) == 0);
  Table::iterator it = t.find_insert(same[2]);
  CHECK(it != t.end() && it->first == same[2] && it->second == -1);
  it->second = 13;
  CHECK(t.get(same[2]) == 13 && t.size() == 2);
  CHECK(*t.get_pointer(same[1]) == 12);

  // iteration sees exactly the live entries
  int count = 0, sum = 0;
  for (Table::const_iterator ci = t.begin(); ci != t.end(); ++ci) {
    ++count;
    sum += ci.value();
  }
  CHECK(count == 2 && sum == 25);
  it = t.find(same[1]);
  it = t.erase(it);
  CHECK(t.size() == 1 && t.count(same[1]) == 0);
  t.clear();
  CHECK(t.empty() && t.begin() == t.end());

  // operator[] inserts with the default value
  HashTable<IPFlowID, int> flows;
  IPFlowID f(IPAddress(htonl(0x0a000001)), htons(1),
             IPAddress(htonl(0x0a000002)), htons(2));
  flows[f] += 5;
  flows[f] += 1;
  CHECK(flows.get(f) == 6 && flows.size() == 1);
  CHECK(flows.get(f.reverse()) == 0);
  CHECK(sizeof(flows) >= 256 * 4 * sizeof(Pair<IPFlowID, int>));

  // the single-argument form is a set
  HashTable<uint16_t, void, 8, 1> set;
  CHECK(set.insert(80) && !set.insert(80) && set.size() == 1);
  CHECK(set.find(80) != set.end() && *set.find(80) == 80);
  CHECK(set.erase(80) == 1 && set.empty());
}

static void test_hashmap() {
  typedef HashMap<IPAddress, int, 2, 1> Map;
  Map m(-7);
  CHECK(m.capacity() == 2);
  IPAddress a(htonl(0x01020304)), b;
  for (uint32_t x = 1; x < 1000; ++x)
    if (Map::rep_type::bucket(IPAddress(htonl(x))) ==
            Map::rep_type::bucket(a) &&
        htonl(x) != a.addr()) {
      b = IPAddress(htonl(x));
      break;
    }
  CHECK(b.addr() != 0);
  CHECK(m.insert(a, 1));
  CHECK(!m.insert(a, 2) && m.find(a) == 2);
  CHECK(!m.insert(b, 3)); // same bucket, depth 1: full
  CHECK(m.findp(b) == 0 && m.find(b) == -7 && m[b] == -7);
  CHECK(m.find_force(b) == -7 && m.findp(b) == 0); // scratch, not stored
  CHECK(m.size() == 1);
  CHECK(m.remove(a) && !m.erase(a) && m.empty());
  CHECK(m.insert(b, 3) && *m.findp(b) == 3);
  int live = 0;
  for (Map::iterator it = m.begin(); it.live(); ++it) {
    ++live;
    it.value() += 1;
    CHECK(it.key() == b);
  }
  CHECK(live == 1 && m.find(b) == 4);
}

static void test_vector() {
  Vector<int, 4> v;
  CHECK(v.capacity() == 4 && v.empty());
  CHECK(v.push_back(1) && v.push_back(2) && v.push_back(3) && v.push_back(4));
  CHECK(!v.push_back(5) && v.size() == 4 && v.full());
  CHECK(v[0] == 1 && v.at(3) == 4 && v.front() == 1 && v.back() == 4);
  CHECK(!v.resize(10) && v.size() == 4);
  v.pop_back();
  CHECK(v.size() == 3 && v.back() == 3);
  Vector<int, 4>::iterator it = v.insert(v.begin() + 1, 9);
  CHECK(*it == 9 && v.size() == 4 && v[1] == 9 && v[2] == 2);
  CHECK(v.insert(v.begin(), 0) == v.end()); // full
  v.erase(v.begin());
  CHECK(v.size() == 3 && v[0] == 9);
  int sum = 0;
  for (Vector<int, 4>::const_iterator ci = v.begin(); ci != v.end(); ++ci)
    sum += *ci;
  CHECK(sum == 14);
  CHECK(v.resize(2) && v.size() == 2);
  v.clear();
  CHECK(v.empty());
  CHECK(sizeof(Vector<int, 4>) == 4 * sizeof(int) + sizeof(int));

  Vector<String, 3> s;
  s.push_back("a");
  s.push_back(String("bb"));
  Vector<String, 3> s2(s);
  s2[0] += "x";
  CHECK(s[0] == "a" && s2[0] == "ax" && s2.size() == 2);
  CHECK(s.push_front("z") && s[0] == "z" && s.size() == 3);
  Vector<int> d;
  CHECK(d.capacity() == CLICK_VECTOR_DEFAULT_CAPACITY);
}

static void test_flowid_and_addresses() {
  WritablePacket *p = make_udp_packet(1234, 53);
  IPFlowID f(p);
  CHECK(f.saddr() == IPAddress(htonl(0x0a000001)));
  CHECK(f.daddr() == IPAddress(htonl(0x0a000002)));
  CHECK(f.sport() == htons(1234) && f.dport() == htons(53));
  IPFlowID r = f.reverse();
  CHECK(r.saddr() == f.daddr() && r.sport() == f.dport());
  CHECK(r.reverse() == f && r != f);
  CHECK(IPFlowID(p, true) == r);
  CHECK(IPFlowID(p->ip_header()) == f);
  IPFlowID g(f.saddr(), f.sport(), f.daddr(), f.dport());
  CHECK(g == f && g.hashcode() == f.hashcode());
  CHECK(f.unparse() == "(10.0.0.1, 1234, 10.0.0.2, 53)");
  p->kill();

  IPAddress a("192.168.1.77");
  CHECK(a.unparse() == "192.168.1.77");
  CHECK(a.data()[0] == 192 && a.addr() == htonl(0xc0a8014d));
  IPAddress m = IPAddress::make_prefix(24);
  CHECK(m.mask_to_prefix_len() == 24 && m.unparse() == "255.255.255.0");
  CHECK(IPAddress(htonl(0xff00ff00)).mask_to_prefix_len() == -1);
  CHECK(a.matches_prefix(IPAddress("192.168.1.0"), m));
  CHECK(!a.matches_prefix(IPAddress("192.168.2.0"), m));
  CHECK((a & m) == IPAddress("192.168.1.0"));
  CHECK(a && !IPAddress() && IPAddress().empty());
  struct in_addr ina = a.in_addr();
  CHECK(IPAddress(ina) == a && (uint32_t)a == ina.s_addr);

  unsigned char mac[6] = {0x00, 0x1a, 0x2b, 0x3c, 0x4d, 0x5e};
  EtherAddress e(mac);
  CHECK(e.unparse() == "00-1A-2B-3C-4D-5E");
  CHECK(e.unparse_colon() == "00:1a:2b:3c:4d:5e");
  CHECK(!e.is_group() && EtherAddress::make_broadcast().is_broadcast());
  CHECK(memcmp(e.data(), mac, 6) == 0);
}

static void test_strings_and_time() {
  String s("hello");
  String t = s;
  t += ", world";
  CHECK(s == "hello" && t == "hello, world" && t.length() == 12);
  CHECK(t.find_left(',') == 5 && t.substring(7) == "world");
  CHECK(strcmp(t.substring(0, 5).c_str(), "hello") == 0);
  CHECK(String(42) == "42" && String(true) == "true" && !String());
  CHECK(t.upper() == "HELLO, WORLD" && String("  x ").trim_space() == "x");
  StringAccum sa;
  sa << "n=" << 5 << ' ' << IPAddress("1.2.3.4");
  CHECK(strcmp(sa.c_str(), "n=5 1.2.3.4") == 0);
  String taken = sa.take_string();
  CHECK(taken == "n=5 1.2.3.4" && sa.length() == 0);

  Timestamp a = Timestamp::make_msec(1500);
  CHECK(a.sec() == 1 && a.msec() == 500 && a.msecval() == 1500);
  Timestamp b = Timestamp::make_usec(0, 700000);
  Timestamp c = a - b;
  CHECK(c.sec() == 0 && c.usec() == 800000 && c.usecval() == 800000);
  CHECK(b < a && a > b && a >= a && !(a != a));
  CHECK((a + b).msecval() == 2200);
  CHECK(Timestamp::make_msec(-1).sec() == -1);
  CHECK(a.msec1() == 1500 && a.usec1() == 1500000);
  Timestamp now = Timestamp::now();
  CHECK(now.sec() > 1600000000);
  Timestamp fixed(1000, 5);
  clara_set_virtual_now(&fixed);
  CHECK(Timestamp::now() == fixed && click_jiffies() == 1000000);
  clara_set_virtual_now(0);

  clara_random_seed(7);
  uint32_t r1 = click_random(), r2 = click_random();
  clara_random_seed(7);
  CHECK(click_random() == r1 && click_random() == r2);
  bool in_range = true;
  for (int i = 0; i < 1000; ++i) {
    uint32_t x = click_random(10, 20);
    in_range = in_range && x >= 10 && x <= 20;
  }
  CHECK(in_range && click_random() <= CLICK_RAND_MAX);
}

// ELEMENTS

class SmokeCounter : public Element {
public:
  SmokeCounter() : _count(0), _limit(0), _active(true) {}
  const char *class_name() const override { return "SmokeCounter"; }
  const char *port_count() const override { return PORTS_1_1X2; }
  int configure(Vector<String> &conf, ErrorHandler *errh) override {
    return Args(conf, this, errh)
        .read_mp("LIMIT", _limit)
        .read("ACTIVE", _active)
        .read("ADDR", _addr)
        .read_or_set("BURST", _burst, 8)
        .complete();
  }
  void add_handlers() override {
    add_data_handlers("count", Handler::OP_READ | Handler::OP_WRITE, &_count);
  }
  Packet *simple_action(Packet *p) override {
    ++_count;
    if (_count > _limit) {
      checked_output_push(1, p); // second output, or killed
      return 0;
    }
    WritablePacket *q = p->uniqueify();
    if (q)
      SET_PAINT_ANNO(q, 1);
    return q;
  }
  int _count, _limit, _burst;
  bool _active;
  IPAddress _addr;
};

// A pull source: hands out a fixed number of packets.
class SmokeSource : public Element {
public:
  SmokeSource() : _left(3) {}
  const char *class_name() const override { return "SmokeSource"; }
  const char *port_count() const override { return PORTS_0_1; }
  const char *processing() const override { return PULL; }
  Packet *pull(int) override { return _left-- > 0 ? make_udp_packet(1, 2) : 0; }
  int _left;
};

static void test_elements() {
  SilentErrorHandler silent;
  SmokeCounter counter;
  ClaraCounterSink sink, overflow;
  CHECK(clara_element_setup(&counter, "2, ACTIVE false, ADDR 10.1.2.3", -1, -1,
                            &silent) == 0);
  CHECK(counter._limit == 2 && !counter._active && counter._burst == 8);
  CHECK(counter._addr == IPAddress("10.1.2.3"));
  CHECK(counter.ninputs() == 1 && counter.noutputs() == 1);
  CHECK(clara_connect(&counter, 0, &sink, 0) == 0);
  for (int i = 0; i < 4; ++i)
    counter.push(0, make_udp_packet(1, 2));
  // two passed to output 0; two went to the missing output 1 (killed)
  CHECK(sink.counts().packets == 2 && sink.counts().bytes == 2 * 46);
  CHECK(clara_connect(&counter, 1, &overflow, 0) == 0 &&
        counter.noutputs() == 2);
  counter.push(0, make_udp_packet(1, 2));
  CHECK(overflow.counts().packets == 1);
  CHECK(clara_call_read_handler(&counter, "count") == "5");
  CHECK(clara_call_write_handler(&counter, "count", "0") == 0 &&
        counter._count == 0);

  // an unconnected output leads to the sink (the packet is killed)
  SmokeCounter lone;
  CHECK(clara_element_setup(&lone, "LIMIT 10", -1, -1, &silent) == 0);
  lone.push(0, make_udp_packet(1, 2));
  CHECK(lone._count == 1 && !lone.output(0).active());
  lone.checked_output_push(5, make_udp_packet(1, 2)); // out of range: killed

  // configuration errors
  SmokeCounter bad;
  CHECK(clara_element_setup(&bad, "LIMIT x", -1, -1, &silent) < 0);
  CHECK(clara_element_setup(&bad, "", -1, -1, &silent) < 0); // LIMIT missing
  CHECK(clara_element_setup(&bad, "1, BOGUS 3", -1, -1, &silent) < 0);
  CHECK(silent.nerrors() >= 3);

  // pull path: counter pulls from the source and runs simple_action
  SmokeSource src;
  SmokeCounter puller;
  CHECK(clara_element_setup(&src, "", -1, -1, &silent) == 0);
  CHECK(clara_element_setup(&puller, "100", -1, -1, &silent) == 0);
  CHECK(clara_connect(&src, 0, &puller, 0) == 0);
  int pulled = 0;
  while (Packet *p = puller.pull(0)) {
    CHECK(PAINT_ANNO(p) == 1);
    ++pulled;
    p->kill();
  }
  CHECK(pulled == 3 && puller._count == 3);
  CHECK(puller.input(0).element() == &src && src.output(0).port() == 0);

  // keeping sink
  ClaraCounterSink keeper;
  keeper.set_keep(2);
  keeper.push(0, make_udp_packet(1, 2));
  keeper.push(0, make_udp_packet(3, 4));
  keeper.push(0, make_udp_packet(5, 6));
  Packet *k = keeper.take_kept();
  CHECK(k && k->next() && !k->next()->next());
  while (k) {
    Packet *n = k->next();
    k->kill();
    k = n;
  }
  CHECK(counter.cast("SmokeCounter") == &counter && !counter.cast("X"));
  clara_set_element_name(&counter, "c1");
  CHECK(counter.name() == "c1" &&
        counter.declaration() == "c1 :: SmokeCounter");
}

// A periodic timer (every 100 ms) and a task that runs three times.
class SmokeTicker : public Element {
public:
  SmokeTicker() : _timer(this), _task(this), _ticks(0), _runs(0) {}
  const char *class_name() const override { return "SmokeTicker"; }
  int initialize(ErrorHandler *errh) override {
    _timer.initialize(this);
    _timer.schedule_after_msec(100);
    ScheduleInfo::initialize_task(this, &_task, errh);
    return 0;
  }
  void run_timer(Timer *t) override {
    ++_ticks;
    t->reschedule_after_msec(100);
  }
  bool run_task(Task *) override {
    if (++_runs < 3)
      _task.fast_reschedule();
    return true;
  }
  Timer _timer;
  Task _task;
  int _ticks, _runs;
};

static void test_timers_and_tasks() {
  Timestamp start(5000, 0U);
  clara_set_virtual_now(&start);
  {
    SmokeTicker ticker;
    CHECK(clara_element_setup(&ticker, "", -1, -1) == 0);
    CHECK(ticker._timer.scheduled() &&
          ticker._timer.expiry() == Timestamp::make_msec(5000100));
    Timestamp next;
    CHECK(clara_next_timer_expiry(&next) && next == ticker._timer.expiry());
    CHECK(clara_run_timers(Timestamp::make_msec(5000050)) == 0);
    CHECK(clara_run_timers(Timestamp::make_msec(5000350)) == 3);
    CHECK(ticker._ticks == 3 &&
          ticker._timer.expiry() == Timestamp::make_msec(5000400));
    CHECK(ticker._task.scheduled());
    CHECK(clara_run_tasks(10) == 3 && ticker._runs == 3);
    CHECK(!ticker._task.scheduled());
  }
  // the destroyed element's timer was unscheduled
  CHECK(!clara_next_timer_expiry(0));
  clara_set_virtual_now(0);
}

static void test_confparse() {
  Vector<String> conf;
  cp_argvec("a, \"b, c\" , d(1, 2) // comment", conf);
  CHECK(conf.size() == 3 && conf[1] == "\"b, c\"" && conf[2] == "d(1, 2)");
  int i;
  unsigned u;
  CHECK(cp_integer("0x10", &i) && i == 16 && !cp_integer("12a", &i));
  CHECK(cp_integer("42", &u) && u == 42 && !cp_integer("-1", &u));
  bool b;
  CHECK(cp_bool("yes", &b) && b && cp_bool("false", &b) && !b);
  IPAddress a, m;
  CHECK(cp_ip_prefix("10.0.0.0/8", &a, &m) && m.mask_to_prefix_len() == 8);
  Timestamp t;
  CHECK(cp_time("250ms", &t) && t.msecval() == 250);
  String words = "one two  three";
  CHECK(cp_shift_spacevec(words) == "one" && words == "two  three");
}

int main() {
  setenv("CLARA_QUIET", "1", 1); // the clamping tests chatter on purpose
  int elements_before = Element::nelements_allocated;
  test_packet_data();
  test_packet_sharing();
  test_headers_and_annotations();
  test_checksums();
  test_hashtable();
  test_hashmap();
  test_vector();
  test_flowid_and_addresses();
  test_strings_and_time();
  test_elements();
  test_confparse();
  test_timers_and_tasks();
  // every test element was destroyed (the port sink may have been created)
  CHECK(Element::nelements_allocated <= elements_before + 1);
  printf("%d passed, %d failed\n", npassed, nfailed);
  return nfailed ? 1 : 0;
}
