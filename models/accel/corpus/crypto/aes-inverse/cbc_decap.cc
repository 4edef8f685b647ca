// CbcDecap: a Click-style element that decrypts the UDP payload of IPv4
// packets with AES-128 in CBC mode (first 16 payload bytes are the IV). The
// inverse cipher is byte-oriented: InvShiftRows, InvSubBytes through an
// inverse S-box, AddRoundKey and InvMixColumns multiplying in GF(2^8) with
// log/antilog tables; the tables and both S-boxes are generated at start-up
// from the generator 3 and the affine map. Label: crypto.
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>
#include <clicknet/udp.h>

class CbcDecap : public Element {
public:
  CbcDecap();
  const char *class_name() const override { return "CbcDecap"; }
  const char *port_count() const override { return PORTS_1_1; }
  Packet *simple_action(Packet *p) override;

  void build_tables();
  void set_key(const uint8_t key[16]);
  void decrypt_block(uint8_t st[16]) const;

private:
  uint8_t _alog[256];
  uint8_t _log[256];
  uint8_t _sbox[256];
  uint8_t _isbox[256];
  uint8_t _rk[176];
  uint64_t _decrypted;
  uint64_t _bad_length;
};

CbcDecap::CbcDecap() : _decrypted(0), _bad_length(0) {}

static inline uint8_t rotl8(uint8_t v, int n) {
  return (uint8_t)((v << n) | (v >> (8 - n)));
}

void CbcDecap::build_tables() {
  uint8_t x = 1;
  for (int i = 0; i < 255; i++) {
    _alog[i] = x;
    _log[x] = (uint8_t)i;
    uint8_t dbl = (uint8_t)((x << 1) ^ ((x & 0x80) ? 0x1B : 0));
    x ^= dbl; // multiply by the generator 3
  }
  _alog[255] = _alog[0];
  _log[0] = 0;
  for (int a = 0; a < 256; a++) {
    uint8_t inv = a ? _alog[255 - _log[a]] : 0;
    uint8_t s = inv ^ rotl8(inv, 1) ^ rotl8(inv, 2) ^ rotl8(inv, 3) ^
                rotl8(inv, 4) ^ 0x63;
    _sbox[a] = s;
    _isbox[s] = (uint8_t)a;
  }
}

void CbcDecap::set_key(const uint8_t key[16]) {
  for (int i = 0; i < 16; i++)
    _rk[i] = key[i];
  uint8_t rcon = 1;
  for (int w = 4; w < 44; w++) {
    uint8_t t[4];
    for (int j = 0; j < 4; j++)
      t[j] = _rk[4 * (w - 1) + j];
    if ((w & 3) == 0) {
      uint8_t first = t[0];
      t[0] = (uint8_t)(_sbox[t[1]] ^ rcon);
      t[1] = _sbox[t[2]];
      t[2] = _sbox[t[3]];
      t[3] = _sbox[first];
      rcon = (uint8_t)((rcon << 1) ^ ((rcon & 0x80) ? 0x1B : 0));
    }
    for (int j = 0; j < 4; j++)
      _rk[4 * w + j] = _rk[4 * (w - 4) + j] ^ t[j];
  }
}

// Product with a nonzero constant whose logarithm is LC.
#define GMUL(v, lc) ((v) ? _alog[(_log[(v)] + (lc)) % 255] : 0)

void CbcDecap::decrypt_block(uint8_t st[16]) const {
  const int l9 = _log[9], l11 = _log[11], l13 = _log[13], l14 = _log[14];
  for (int i = 0; i < 16; i++)
    st[i] ^= _rk[160 + i];
  for (int round = 9; round >= 0; round--) {
    uint8_t t[16];
    // InvShiftRows (row r moves right by r columns) and InvSubBytes.
    for (int c = 0; c < 4; c++)
      for (int r = 0; r < 4; r++)
        t[r + 4 * ((c + r) & 3)] = _isbox[st[r + 4 * c]];
    for (int i = 0; i < 16; i++)
      st[i] = t[i] ^ _rk[16 * round + i];
    if (round == 0)
      break;
    for (int c = 0; c < 16; c += 4) {
      uint8_t a0 = st[c], a1 = st[c + 1], a2 = st[c + 2], a3 = st[c + 3];
      st[c] = GMUL(a0, l14) ^ GMUL(a1, l11) ^ GMUL(a2, l13) ^ GMUL(a3, l9);
      st[c + 1] = GMUL(a0, l9) ^ GMUL(a1, l14) ^ GMUL(a2, l11) ^ GMUL(a3, l13);
      st[c + 2] = GMUL(a0, l13) ^ GMUL(a1, l9) ^ GMUL(a2, l14) ^ GMUL(a3, l11);
      st[c + 3] = GMUL(a0, l11) ^ GMUL(a1, l13) ^ GMUL(a2, l9) ^ GMUL(a3, l14);
    }
  }
}

Packet *CbcDecap::simple_action(Packet *p) {
  WritablePacket *q = p->uniqueify();
  if (!q)
    return 0;
  click_ip *iph = q->ip_header();
  uint8_t *body =
      reinterpret_cast<uint8_t *>(iph) + (iph->ip_hl << 2) + sizeof(click_udp);
  int n = (int)(q->end_data() - body);
  if (n < 32 || (n & 15) != 0) {
    _bad_length++;
    return q;
  }
  uint8_t chain[16], saved[16];
  for (int i = 0; i < 16; i++)
    chain[i] = body[i];
  for (uint8_t *b = body + 16; b < body + n; b += 16) {
    for (int i = 0; i < 16; i++)
      saved[i] = b[i];
    decrypt_block(b);
    for (int i = 0; i < 16; i++) {
      b[i] ^= chain[i];
      chain[i] = saved[i];
    }
  }
  _decrypted++;
  return q;
}
