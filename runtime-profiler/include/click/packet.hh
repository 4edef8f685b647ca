// click/packet.hh - Packet and WritablePacket
//
// Part of Clara. Mirrors the API of the Click modular router's
// <click/packet.hh> for a userlevel build: make/kill/clone/uniqueify,
// data/length/headroom/tailroom, push/pull/put/take, header pointers
// (mac/network/transport, ip/tcp/udp/icmp/ether), and annotations (48-byte
// area, timestamp, destination IP, packet type, device, next/prev), but is
// Clara's own code: no Click source was copied.
//
// As in Click, a clone shares its data with the original; shared() packets
// must be uniqueify()d before being written, and push()/put()/uniqueify()
// may return a different packet than the one they were called on. The
// accessors are inline, as in Click; allocation and the slow paths
// (make, recycle, clone, expensive_uniqueify/push/put) live in
// runtime-profiler/lib/packet.cc.
//
// As in Click, this header only declares the header structs (click_ip, ...);
// include <clicknet/ip.h> etc. to use their fields.
#ifndef CLICK_PACKET_HH
#define CLICK_PACKET_HH
#include <click/glue.hh>
#include <click/ipaddress.hh>
#include <click/timestamp.hh>

CLICK_DECLS

struct click_ether;
struct click_ip;
struct click_ip6;
struct click_icmp;
struct click_tcp;
struct click_udp;
struct net_device;
class WritablePacket;

typedef uint16_t click_aliasable_uint16_t __attribute__((__may_alias__));
typedef int16_t click_aliasable_int16_t __attribute__((__may_alias__));
typedef uint32_t click_aliasable_uint32_t __attribute__((__may_alias__));
typedef int32_t click_aliasable_int32_t __attribute__((__may_alias__));
typedef uint64_t click_aliasable_uint64_t __attribute__((__may_alias__));
typedef void *click_aliasable_void_pointer_t __attribute__((__may_alias__));

class Packet {
public:
  enum {
    /// Headroom of packets made without one: 48 bytes plus 2, so that the
    /// IP header after a 14-byte Ethernet header is 4-byte aligned.
    default_headroom = 50,
    min_buffer_length = 64 ///< smallest buffer allocated
  };
  enum { anno_size = 48 }; ///< bytes of the annotation area
  enum { dst_ip_anno_offset = 0, dst_ip_anno_size = 4, dst_ip6_anno_size = 16 };
  enum PacketType {
    HOST = 0,
    BROADCAST = 1,
    MULTICAST = 2,
    OTHERHOST = 3,
    OUTGOING = 4,
    LOOPBACK = 5,
    FASTROUTE = 6
  };
  typedef void (*buffer_destructor_type)(unsigned char *buf, size_t sz,
                                         void *argument);

  // CREATION AND DESTRUCTION

  /// A new packet of length bytes with the given headroom and tailroom,
  /// copied from data (zero-filled when data is null). Null when out of
  /// memory.
  static WritablePacket *make(uint32_t headroom, const void *data,
                              uint32_t length, uint32_t tailroom);
  static inline WritablePacket *make(const void *data, uint32_t length);
  static inline WritablePacket *make(const char *data, uint32_t length);
  static inline WritablePacket *make(const unsigned char *data,
                                     uint32_t length);
  static inline WritablePacket *make(uint32_t length);
  /// A packet wrapping an existing buffer without copying: data points at
  /// the packet data, with headroom bytes before it and tailroom after it;
  /// destructor(buffer, size, argument) is called when the last reference
  /// dies (free() when null).
  static WritablePacket *make(unsigned char *data, uint32_t length,
                              buffer_destructor_type destructor,
                              void *argument = (void *)0, int headroom = 0,
                              int tailroom = 0);

  /// Drop this reference; the data is freed with the last reference.
  inline void kill();

  /// True if the data is shared with a clone.
  inline bool shared() const { return _data_packet || _use_count > 1; }
  /// A new packet sharing this packet's data (annotations copied).
  Packet *clone(bool fast = false);
  /// This packet, or an unshared copy of it; writable either way. This
  /// packet must not be used afterwards unless the result equals it.
  inline WritablePacket *uniqueify();

  // DATA

  inline const unsigned char *data() const { return _data; }
  inline const unsigned char *end_data() const { return _tail; }
  inline uint32_t length() const { return (uint32_t)(_tail - _data); }
  inline uint32_t headroom() const { return (uint32_t)(_data - _head); }
  inline uint32_t tailroom() const { return (uint32_t)(_end - _tail); }
  inline const unsigned char *buffer() const { return _head; }
  inline const unsigned char *end_buffer() const { return _end; }
  inline uint32_t buffer_length() const { return (uint32_t)(_end - _head); }
  inline buffer_destructor_type buffer_destructor() const {
    return _destructor;
  }

  /// Prepend len bytes (unshares the data); null on failure (packet freed).
  inline WritablePacket *push(uint32_t len);
  /// Prepend len bytes without unsharing.
  inline Packet *nonunique_push(uint32_t len);
  /// Remove len bytes from the front.
  inline void pull(uint32_t len);
  /// Append len bytes (unshares the data); null on failure (packet freed).
  inline WritablePacket *put(uint32_t len);
  /// Append len bytes without unsharing.
  inline Packet *nonunique_put(uint32_t len);
  /// Remove len bytes from the end.
  inline void take(uint32_t len);
  /// Prepend room for a link header of len bytes and set the MAC header.
  inline WritablePacket *push_mac_header(uint32_t len);
  /// Move the data by offset bytes within the buffer (unshares).
  Packet *shift_data(int offset, bool free_on_failure = true);

  // HEADER POINTERS

  inline bool has_mac_header() const { return _aa.mac != 0; }
  inline const unsigned char *mac_header() const { return _aa.mac; }
  inline int mac_header_offset() const { return (int)(_aa.mac - _data); }
  inline uint32_t mac_header_length() const {
    return (uint32_t)(_aa.nh - _aa.mac);
  }
  inline int mac_length() const { return (int)(_tail - _aa.mac); }
  inline void set_mac_header(const unsigned char *p) {
    _aa.mac = const_cast<unsigned char *>(p);
  }
  inline void set_mac_header(const unsigned char *p, uint32_t len) {
    _aa.mac = const_cast<unsigned char *>(p);
    _aa.nh = _aa.mac + len;
  }
  inline void clear_mac_header() { _aa.mac = 0; }

  inline bool has_network_header() const { return _aa.nh != 0; }
  inline const unsigned char *network_header() const { return _aa.nh; }
  inline int network_header_offset() const { return (int)(_aa.nh - _data); }
  inline uint32_t network_header_length() const {
    return (uint32_t)(_aa.h - _aa.nh);
  }
  inline int network_length() const { return (int)(_tail - _aa.nh); }
  inline void set_network_header(const unsigned char *p, uint32_t len) {
    _aa.nh = const_cast<unsigned char *>(p);
    _aa.h = _aa.nh + len;
  }
  inline void set_network_header_length(uint32_t len) { _aa.h = _aa.nh + len; }
  inline void clear_network_header() { _aa.nh = _aa.h = 0; }

  inline bool has_transport_header() const { return _aa.h != 0; }
  inline const unsigned char *transport_header() const { return _aa.h; }
  inline int transport_header_offset() const { return (int)(_aa.h - _data); }
  inline int transport_length() const { return (int)(_tail - _aa.h); }
  inline void clear_transport_header() { _aa.h = 0; }

  inline const click_ether *ether_header() const {
    return reinterpret_cast<const click_ether *>(_aa.mac);
  }
  inline void set_ether_header(const click_ether *eh) {
    set_mac_header(reinterpret_cast<const unsigned char *>(eh), 14);
  }
  inline const click_ip *ip_header() const {
    return reinterpret_cast<const click_ip *>(_aa.nh);
  }
  inline int ip_header_offset() const { return network_header_offset(); }
  inline uint32_t ip_header_length() const { return network_header_length(); }
  inline void set_ip_header(const click_ip *iph, uint32_t len) {
    set_network_header(reinterpret_cast<const unsigned char *>(iph), len);
  }
  inline const click_ip6 *ip6_header() const {
    return reinterpret_cast<const click_ip6 *>(_aa.nh);
  }
  inline void set_ip6_header(const click_ip6 *ip6h) {
    set_network_header(reinterpret_cast<const unsigned char *>(ip6h), 40);
  }
  inline void set_ip6_header(const click_ip6 *ip6h, uint32_t len) {
    set_network_header(reinterpret_cast<const unsigned char *>(ip6h), len);
  }
  inline const click_icmp *icmp_header() const {
    return reinterpret_cast<const click_icmp *>(_aa.h);
  }
  inline const click_tcp *tcp_header() const {
    return reinterpret_cast<const click_tcp *>(_aa.h);
  }
  inline const click_udp *udp_header() const {
    return reinterpret_cast<const click_udp *>(_aa.h);
  }

  // ANNOTATIONS

  inline const Timestamp &timestamp_anno() const { return _aa.timestamp; }
  inline Timestamp &timestamp_anno() { return _aa.timestamp; }
  inline void set_timestamp_anno(const Timestamp &t) { _aa.timestamp = t; }

  inline net_device *device_anno() const { return _aa.device; }
  inline void set_device_anno(net_device *dev) { _aa.device = dev; }

  inline PacketType packet_type_anno() const { return _aa.pkt_type; }
  inline void set_packet_type_anno(PacketType t) { _aa.pkt_type = t; }

  inline Packet *next() const { return _aa.next; }
  inline Packet *&next() { return _aa.next; }
  inline void set_next(Packet *p) { _aa.next = p; }
  inline Packet *prev() const { return _aa.prev; }
  inline Packet *&prev() { return _aa.prev; }
  inline void set_prev(Packet *p) { _aa.prev = p; }

  inline IPAddress dst_ip_anno() const {
    return IPAddress(anno_u32(dst_ip_anno_offset));
  }
  inline void set_dst_ip_anno(IPAddress addr) {
    set_anno_u32(dst_ip_anno_offset, addr.addr());
  }

  inline const void *anno() const { return _aa.cb.c; }
  inline void *anno() { return _aa.cb.c; }
  inline const uint8_t *anno_u8() const { return _aa.cb.u8; }
  inline uint8_t *anno_u8() { return _aa.cb.u8; }
  inline const uint32_t *anno_u32() const { return _aa.cb.u32; }
  inline uint32_t *anno_u32() { return _aa.cb.u32; }

  inline uint8_t anno_u8(int offset) const { return _aa.cb.u8[offset]; }
  inline void set_anno_u8(int offset, uint8_t x) { _aa.cb.u8[offset] = x; }
  inline uint16_t anno_u16(int offset) const {
    return *reinterpret_cast<const click_aliasable_uint16_t *>(_aa.cb.c +
                                                               offset);
  }
  inline void set_anno_u16(int offset, uint16_t x) {
    *reinterpret_cast<click_aliasable_uint16_t *>(_aa.cb.c + offset) = x;
  }
  inline int16_t anno_s16(int offset) const {
    return *reinterpret_cast<const click_aliasable_int16_t *>(_aa.cb.c +
                                                              offset);
  }
  inline void set_anno_s16(int offset, int16_t x) {
    *reinterpret_cast<click_aliasable_int16_t *>(_aa.cb.c + offset) = x;
  }
  inline uint32_t anno_u32(int offset) const {
    return *reinterpret_cast<const click_aliasable_uint32_t *>(_aa.cb.c +
                                                               offset);
  }
  inline void set_anno_u32(int offset, uint32_t x) {
    *reinterpret_cast<click_aliasable_uint32_t *>(_aa.cb.c + offset) = x;
  }
  inline int32_t anno_s32(int offset) const {
    return *reinterpret_cast<const click_aliasable_int32_t *>(_aa.cb.c +
                                                              offset);
  }
  inline void set_anno_s32(int offset, int32_t x) {
    *reinterpret_cast<click_aliasable_int32_t *>(_aa.cb.c + offset) = x;
  }
  inline uint64_t anno_u64(int offset) const {
    return *reinterpret_cast<const click_aliasable_uint64_t *>(_aa.cb.c +
                                                               offset);
  }
  inline void set_anno_u64(int offset, uint64_t x) {
    *reinterpret_cast<click_aliasable_uint64_t *>(_aa.cb.c + offset) = x;
  }
  inline void *anno_ptr(int offset) const {
    return *reinterpret_cast<const click_aliasable_void_pointer_t *>(_aa.cb.c +
                                                                     offset);
  }
  inline void set_anno_ptr(int offset, const void *x) {
    *reinterpret_cast<click_aliasable_void_pointer_t *>(_aa.cb.c + offset) =
        const_cast<void *>(x);
  }

  /// Zero the annotation area, timestamp, packet type and device; with all,
  /// also the header pointers and next/prev.
  inline void clear_annotations(bool all = true) {
    memset(_aa.cb.c, 0, anno_size);
    _aa.timestamp = Timestamp();
    _aa.pkt_type = HOST;
    _aa.device = 0;
    if (all) {
      _aa.mac = _aa.nh = _aa.h = 0;
      _aa.next = _aa.prev = 0;
    }
  }
  /// Copy p's annotation area, timestamp, packet type and device.
  inline void copy_annotations(const Packet *p) {
    memcpy(_aa.cb.c, p->_aa.cb.c, anno_size);
    _aa.timestamp = p->_aa.timestamp;
    _aa.pkt_type = p->_aa.pkt_type;
    _aa.device = p->_aa.device;
  }

protected:
  union Anno {
    char c[anno_size];
    uint8_t u8[anno_size];
    uint16_t u16[anno_size / 2];
    uint32_t u32[anno_size / 4];
    uint64_t u64[anno_size / 8];
  };
  struct AllAnno {
    Anno cb;
    unsigned char *mac;
    unsigned char *nh;
    unsigned char *h;
    PacketType pkt_type;
    net_device *device;
    Timestamp timestamp;
    Packet *next;
    Packet *prev;
  };

  uint32_t _use_count;  ///< references to this packet's data (self+clones)
  Packet *_data_packet; ///< the packet owning the data, if this is a clone
  unsigned char *_head; ///< start of buffer
  unsigned char *_data; ///< start of data
  unsigned char *_tail; ///< end of data
  unsigned char *_end;  ///< end of buffer
  buffer_destructor_type _destructor;
  void *_destructor_argument;
  AllAnno _aa;

  Packet();
  Packet(const Packet &) = delete;
  Packet &operator=(const Packet &) = delete;
  ~Packet();

  WritablePacket *expensive_uniqueify(int32_t extra_headroom,
                                      int32_t extra_tailroom,
                                      bool free_on_failure);
  WritablePacket *expensive_push(uint32_t len);
  WritablePacket *expensive_put(uint32_t len);

  friend class WritablePacket;
};

class WritablePacket : public Packet {
public:
  inline unsigned char *data() const {
    return const_cast<unsigned char *>(Packet::data());
  }
  inline unsigned char *end_data() const {
    return const_cast<unsigned char *>(Packet::end_data());
  }
  inline unsigned char *buffer() const {
    return const_cast<unsigned char *>(Packet::buffer());
  }
  inline unsigned char *end_buffer() const {
    return const_cast<unsigned char *>(Packet::end_buffer());
  }
  inline unsigned char *mac_header() const {
    return const_cast<unsigned char *>(Packet::mac_header());
  }
  inline unsigned char *network_header() const {
    return const_cast<unsigned char *>(Packet::network_header());
  }
  inline unsigned char *transport_header() const {
    return const_cast<unsigned char *>(Packet::transport_header());
  }
  inline click_ether *ether_header() const {
    return const_cast<click_ether *>(Packet::ether_header());
  }
  inline click_ip *ip_header() const {
    return const_cast<click_ip *>(Packet::ip_header());
  }
  inline click_ip6 *ip6_header() const {
    return const_cast<click_ip6 *>(Packet::ip6_header());
  }
  inline click_icmp *icmp_header() const {
    return const_cast<click_icmp *>(Packet::icmp_header());
  }
  inline click_tcp *tcp_header() const {
    return const_cast<click_tcp *>(Packet::tcp_header());
  }
  inline click_udp *udp_header() const {
    return const_cast<click_udp *>(Packet::udp_header());
  }

  /// Free p's packet object, and its buffer with the last reference.
  static void recycle(WritablePacket *p);

private:
  WritablePacket() {}
  ~WritablePacket() {}
  friend class Packet;
};

inline WritablePacket *Packet::make(const void *data, uint32_t length) {
  return make(default_headroom, data, length, 0);
}
inline WritablePacket *Packet::make(const char *data, uint32_t length) {
  return make(default_headroom, data, length, 0);
}
inline WritablePacket *Packet::make(const unsigned char *data,
                                    uint32_t length) {
  return make(default_headroom, data, length, 0);
}
inline WritablePacket *Packet::make(uint32_t length) {
  return make(default_headroom, (const void *)0, length, 0);
}

inline void Packet::kill() {
  if (--_use_count == 0)
    WritablePacket::recycle(static_cast<WritablePacket *>(this));
}

inline WritablePacket *Packet::uniqueify() {
  if (!shared())
    return static_cast<WritablePacket *>(this);
  return expensive_uniqueify(0, 0, true);
}

inline WritablePacket *Packet::push(uint32_t len) {
  if (headroom() >= len && likely(!shared())) {
    WritablePacket *q = static_cast<WritablePacket *>(this);
    q->_data -= len;
    return q;
  }
  return expensive_push(len);
}

inline Packet *Packet::nonunique_push(uint32_t len) {
  if (headroom() >= len) {
    _data -= len;
    return this;
  }
  return expensive_push(len);
}

inline void Packet::pull(uint32_t len) {
  if (len > length()) {
    click_chatter("Packet::pull %u > length %u", len, length());
    len = length();
  }
  _data += len;
}

inline WritablePacket *Packet::put(uint32_t len) {
  if (tailroom() >= len && likely(!shared())) {
    WritablePacket *q = static_cast<WritablePacket *>(this);
    q->_tail += len;
    return q;
  }
  return expensive_put(len);
}

inline Packet *Packet::nonunique_put(uint32_t len) {
  if (tailroom() >= len) {
    _tail += len;
    return this;
  }
  return expensive_put(len);
}

inline void Packet::take(uint32_t len) {
  if (len > length()) {
    click_chatter("Packet::take %u > length %u", len, length());
    len = length();
  }
  _tail -= len;
}

inline WritablePacket *Packet::push_mac_header(uint32_t len) {
  WritablePacket *q = push(len);
  if (q)
    q->set_mac_header(q->data(), len);
  return q;
}

CLICK_ENDDECLS

#endif // CLICK_PACKET_HH
