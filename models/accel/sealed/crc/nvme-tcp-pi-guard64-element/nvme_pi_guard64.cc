// NVMeTCPGuard64: end-to-end protection information of NVMe/TCP data PDUs
// with the 64b Guard PI format.
//
// With an extended-LBA format each logical block travels as BLOCK data
// bytes followed by META metadata bytes whose last 16 are the protection
// information: 64-bit guard (big-endian), 16-bit application tag and a
// 48-bit reference tag. The guard is CRC-64/NVME (Rocksoft model:
// generator 0xAD93D23594C93659, reflected, register preset and result
// inverted) over the block data and any metadata in front of the PI.
//
// The element finds an H2CData/C2HData PDU at the start of a TCP payload,
// walks the whole extended blocks of its data section and either verifies
// guard and reference tag (VERIFY mode; blocks whose application tag is
// 0xFFFF are not checked) or computes and writes them (INSERT mode; PDUs
// carrying a data digest are left alone). The CRC runs eight bytes per
// step over eight 256-entry tables filled at initialize time.
#include <click/config.h>
#include <click/args.hh>
#include <click/element.hh>
#include <click/error.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>

class NVMeTCPGuard64 : public Element {
public:
  NVMeTCPGuard64();

  const char *class_name() const override { return "NVMeTCPGuard64"; }
  const char *port_count() const override { return PORTS_1_1; }
  int configure(Vector<String> &conf, ErrorHandler *errh) override;
  int initialize(ErrorHandler *errh) override;
  Packet *simple_action(Packet *p) override;

  enum { PDU_H2C_DATA = 0x06, PDU_C2H_DATA = 0x07, FLAG_HDGST = 0x01,
         FLAG_DDGST = 0x02, PI_BYTES = 16 };

private:
  uint64_t _slice[8][256];
  unsigned _block;      // data bytes per logical block
  unsigned _meta;       // metadata bytes per block, PI in the last 16
  bool _insert;         // compute and write PI instead of checking it
  bool _drop;           // drop PDUs with a bad guard or reference tag
  uint64_t _ref_base;   // reference tag of the block at data offset 0
  uint16_t _app_tag;    // application tag written in INSERT mode
  uint64_t _pdus, _blocks_ok, _guard_errors, _ref_errors, _skipped,
      _inserted, _not_pdu;

  void build_slices();
  uint64_t guard_update(uint64_t crc, const uint8_t *p, size_t n) const;
  uint64_t block_guard(const uint8_t *blk) const;
  int verify_blocks(const uint8_t *data, uint32_t len, uint32_t offset);
  void insert_blocks(uint8_t *data, uint32_t len, uint32_t offset);
  bool find_data(Packet *p, uint32_t &off, uint32_t &len, uint32_t &datao,
                 uint8_t &flags) const;
};

NVMeTCPGuard64::NVMeTCPGuard64()
    : _block(512), _meta(16), _insert(false), _drop(true), _ref_base(0),
      _app_tag(0), _pdus(0), _blocks_ok(0), _guard_errors(0), _ref_errors(0),
      _skipped(0), _inserted(0), _not_pdu(0) {}

int NVMeTCPGuard64::configure(Vector<String> &conf, ErrorHandler *errh) {
  unsigned block = 512, meta = 16, app = 0;
  unsigned long long ref = 0;
  if (Args(conf, this, errh)
          .read("BLOCK", block)
          .read("META", meta)
          .read("INSERT", _insert)
          .read("DROP", _drop)
          .read("REFTAG", ref)
          .read("APPTAG", app)
          .complete() < 0)
    return -1;
  if (block < 8 || block > 65536 || meta < PI_BYTES || meta > 256)
    return errh->error("bad BLOCK or META size");
  _block = block;
  _meta = meta;
  _ref_base = ref & 0xFFFFFFFFFFFFull;
  _app_tag = (uint16_t)app;
  return 0;
}

int NVMeTCPGuard64::initialize(ErrorHandler *) {
  build_slices();
  return 0;
}

// _slice[0][v]: v pushed through eight reflected division steps;
// _slice[k][v]: the same byte followed by k zero bytes.
void NVMeTCPGuard64::build_slices() {
  const uint64_t rpoly = 0x9A6C9329AC4BC9B5ull; // 0xAD93D23594C93659 reversed
  for (unsigned v = 0; v < 256; v++) {
    uint64_t r = v;
    for (int b = 0; b < 8; b++)
      r = (r >> 1) ^ (rpoly & (0 - (r & 1)));
    _slice[0][v] = r;
  }
  for (int k = 1; k < 8; k++)
    for (unsigned v = 0; v < 256; v++) {
      uint64_t prev = _slice[k - 1][v];
      _slice[k][v] = (prev >> 8) ^ _slice[0][prev & 0xFF];
    }
}

uint64_t NVMeTCPGuard64::guard_update(uint64_t crc, const uint8_t *p,
                                      size_t n) const {
  while (n >= 8) {
    uint64_t w = (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 |
                 (uint64_t)p[3] << 24 | (uint64_t)p[4] << 32 |
                 (uint64_t)p[5] << 40 | (uint64_t)p[6] << 48 |
                 (uint64_t)p[7] << 56;
    w ^= crc;
    crc = _slice[7][w & 0xFF] ^ _slice[6][(w >> 8) & 0xFF] ^
          _slice[5][(w >> 16) & 0xFF] ^ _slice[4][(w >> 24) & 0xFF] ^
          _slice[3][(w >> 32) & 0xFF] ^ _slice[2][(w >> 40) & 0xFF] ^
          _slice[1][(w >> 48) & 0xFF] ^ _slice[0][w >> 56];
    p += 8;
    n -= 8;
  }
  while (n--)
    crc = (crc >> 8) ^ _slice[0][(crc ^ *p++) & 0xFF];
  return crc;
}

// Guard of one extended block: data plus the metadata ahead of the PI.
uint64_t NVMeTCPGuard64::block_guard(const uint8_t *blk) const {
  return ~guard_update(~(uint64_t)0, blk, _block + _meta - PI_BYTES);
}

// Returns the number of bad blocks among the whole extended blocks of a
// data section that starts datao bytes into the transfer.
int NVMeTCPGuard64::verify_blocks(const uint8_t *data, uint32_t len,
                                  uint32_t datao) {
  const uint32_t ext = _block + _meta;
  uint32_t skip = (ext - datao % ext) % ext; // first block boundary
  uint64_t lba = datao / ext + (skip ? 1 : 0);
  int bad = 0;
  for (uint32_t pos = skip; pos + ext <= len; pos += ext, lba++) {
    const uint8_t *blk = data + pos;
    const uint8_t *pi = blk + ext - PI_BYTES;
    if (pi[8] == 0xFF && pi[9] == 0xFF) {
      _skipped++;
      continue;
    }
    uint64_t want = 0, ref = 0;
    for (int i = 0; i < 8; i++)
      want = want << 8 | pi[i];
    for (int i = 10; i < 16; i++)
      ref = ref << 8 | pi[i];
    uint64_t got = ~guard_update(~(uint64_t)0, blk, ext - PI_BYTES);
    if (got != want) {
      _guard_errors++;
      bad++;
    } else if (ref != ((_ref_base + lba) & 0xFFFFFFFFFFFFull)) {
      _ref_errors++;
      bad++;
    } else {
      _blocks_ok++;
    }
  }
  return bad;
}

void NVMeTCPGuard64::insert_blocks(uint8_t *data, uint32_t len,
                                   uint32_t datao) {
  const uint32_t ext = _block + _meta;
  uint32_t skip = (ext - datao % ext) % ext;
  uint64_t lba = datao / ext + (skip ? 1 : 0);
  for (uint32_t pos = skip; pos + ext <= len; pos += ext, lba++) {
    uint8_t *pi = data + pos + ext - PI_BYTES;
    uint64_t g = block_guard(data + pos);
    uint64_t ref = (_ref_base + lba) & 0xFFFFFFFFFFFFull;
    for (int i = 7; i >= 0; i--, g >>= 8)
      pi[i] = (uint8_t)g;
    pi[8] = (uint8_t)(_app_tag >> 8);
    pi[9] = (uint8_t)_app_tag;
    for (int i = 15; i >= 10; i--, ref >>= 8)
      pi[i] = (uint8_t)ref;
    _inserted++;
  }
}

static inline uint32_t nvme_le32(const uint8_t *p) {
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
         (uint32_t)p[3] << 24;
}

// Locates the data section of a data PDU at the start of the TCP payload
// (IP header annotation required).
bool NVMeTCPGuard64::find_data(Packet *p, uint32_t &off, uint32_t &len,
                               uint32_t &datao, uint8_t &flags) const {
  const click_ip *iph = p->ip_header();
  if (!iph || iph->ip_p != IP_PROTO_TCP)
    return false;
  const unsigned char *ipstart = reinterpret_cast<const unsigned char *>(iph);
  uint32_t iplen = ntohs(iph->ip_len), hl = iph->ip_hl << 2;
  if ((uint32_t)(p->end_data() - ipstart) < iplen ||
      iplen < hl + sizeof(click_tcp))
    return false;
  const click_tcp *th = reinterpret_cast<const click_tcp *>(ipstart + hl);
  uint32_t thl = th->th_off << 2;
  if (thl < sizeof(click_tcp) || hl + thl + 24 > iplen)
    return false;
  const uint8_t *pdu = ipstart + hl + thl;
  uint32_t avail = iplen - hl - thl;
  uint8_t type = pdu[0], hlen = pdu[2], pdo = pdu[3];
  uint32_t plen = nvme_le32(pdu + 4);
  if ((type != PDU_H2C_DATA && type != PDU_C2H_DATA) || hlen != 24 ||
      plen > avail || pdo < hlen)
    return false;
  flags = pdu[1];
  datao = nvme_le32(pdu + 12);
  len = nvme_le32(pdu + 16);
  if ((uint64_t)pdo + len + ((flags & FLAG_DDGST) ? 4 : 0) > plen)
    return false;
  off = (uint32_t)(pdu + pdo - p->data());
  return true;
}

Packet *NVMeTCPGuard64::simple_action(Packet *p) {
  uint32_t off, len, datao;
  uint8_t flags;
  if (!find_data(p, off, len, datao, flags)) {
    _not_pdu++;
    return p;
  }
  _pdus++;
  if (!_insert) {
    if (verify_blocks(p->data() + off, len, datao) && _drop) {
      p->kill();
      return 0;
    }
    return p;
  }
  if (flags & FLAG_DDGST)
    return p; // rewriting would invalidate the data digest
  WritablePacket *q = p->uniqueify();
  if (q)
    insert_blocks(q->data() + off, len, datao);
  return q;
}
