// CRC-32/MEF: the Castagnoli-family generator 0x741B8CD7 (Koopman's "32K"
// polynomial, as used by the Metro Ethernet Forum), bits reflected, register
// preset to all ones and *not* inverted at the end.
//
// Style: a small C++ digest class. The remainder table is written out as a
// literal (entry n = n(x) * x^32 mod G(x) in the reflected domain, generator
// reversed 0xEB31D82E). The update xors two message bytes at a time into
// the low half of the register and then retires them with two lookups.
#include <stddef.h>
#include <stdint.h>

namespace mef {

static const uint32_t kRemainder[256] = {
    0x00000000u, 0x9695C4CAu, 0xFB4839C9u, 0x6DDDFD03u, 0x20F3C3CFu, 0xB6660705u,
    0xDBBBFA06u, 0x4D2E3ECCu, 0x41E7879Eu, 0xD7724354u, 0xBAAFBE57u, 0x2C3A7A9Du,
    0x61144451u, 0xF781809Bu, 0x9A5C7D98u, 0x0CC9B952u, 0x83CF0F3Cu, 0x155ACBF6u,
    0x788736F5u, 0xEE12F23Fu, 0xA33CCCF3u, 0x35A90839u, 0x5874F53Au, 0xCEE131F0u,
    0xC22888A2u, 0x54BD4C68u, 0x3960B16Bu, 0xAFF575A1u, 0xE2DB4B6Du, 0x744E8FA7u,
    0x199372A4u, 0x8F06B66Eu, 0xD1FDAE25u, 0x47686AEFu, 0x2AB597ECu, 0xBC205326u,
    0xF10E6DEAu, 0x679BA920u, 0x0A465423u, 0x9CD390E9u, 0x901A29BBu, 0x068FED71u,
    0x6B521072u, 0xFDC7D4B8u, 0xB0E9EA74u, 0x267C2EBEu, 0x4BA1D3BDu, 0xDD341777u,
    0x5232A119u, 0xC4A765D3u, 0xA97A98D0u, 0x3FEF5C1Au, 0x72C162D6u, 0xE454A61Cu,
    0x89895B1Fu, 0x1F1C9FD5u, 0x13D52687u, 0x8540E24Du, 0xE89D1F4Eu, 0x7E08DB84u,
    0x3326E548u, 0xA5B32182u, 0xC86EDC81u, 0x5EFB184Bu, 0x7598EC17u, 0xE30D28DDu,
    0x8ED0D5DEu, 0x18451114u, 0x556B2FD8u, 0xC3FEEB12u, 0xAE231611u, 0x38B6D2DBu,
    0x347F6B89u, 0xA2EAAF43u, 0xCF375240u, 0x59A2968Au, 0x148CA846u, 0x82196C8Cu,
    0xEFC4918Fu, 0x79515545u, 0xF657E32Bu, 0x60C227E1u, 0x0D1FDAE2u, 0x9B8A1E28u,
    0xD6A420E4u, 0x4031E42Eu, 0x2DEC192Du, 0xBB79DDE7u, 0xB7B064B5u, 0x2125A07Fu,
    0x4CF85D7Cu, 0xDA6D99B6u, 0x9743A77Au, 0x01D663B0u, 0x6C0B9EB3u, 0xFA9E5A79u,
    0xA4654232u, 0x32F086F8u, 0x5F2D7BFBu, 0xC9B8BF31u, 0x849681FDu, 0x12034537u,
    0x7FDEB834u, 0xE94B7CFEu, 0xE582C5ACu, 0x73170166u, 0x1ECAFC65u, 0x885F38AFu,
    0xC5710663u, 0x53E4C2A9u, 0x3E393FAAu, 0xA8ACFB60u, 0x27AA4D0Eu, 0xB13F89C4u,
    0xDCE274C7u, 0x4A77B00Du, 0x07598EC1u, 0x91CC4A0Bu, 0xFC11B708u, 0x6A8473C2u,
    0x664DCA90u, 0xF0D80E5Au, 0x9D05F359u, 0x0B903793u, 0x46BE095Fu, 0xD02BCD95u,
    0xBDF63096u, 0x2B63F45Cu, 0xEB31D82Eu, 0x7DA41CE4u, 0x1079E1E7u, 0x86EC252Du,
    0xCBC21BE1u, 0x5D57DF2Bu, 0x308A2228u, 0xA61FE6E2u, 0xAAD65FB0u, 0x3C439B7Au,
    0x519E6679u, 0xC70BA2B3u, 0x8A259C7Fu, 0x1CB058B5u, 0x716DA5B6u, 0xE7F8617Cu,
    0x68FED712u, 0xFE6B13D8u, 0x93B6EEDBu, 0x05232A11u, 0x480D14DDu, 0xDE98D017u,
    0xB3452D14u, 0x25D0E9DEu, 0x2919508Cu, 0xBF8C9446u, 0xD2516945u, 0x44C4AD8Fu,
    0x09EA9343u, 0x9F7F5789u, 0xF2A2AA8Au, 0x64376E40u, 0x3ACC760Bu, 0xAC59B2C1u,
    0xC1844FC2u, 0x57118B08u, 0x1A3FB5C4u, 0x8CAA710Eu, 0xE1778C0Du, 0x77E248C7u,
    0x7B2BF195u, 0xEDBE355Fu, 0x8063C85Cu, 0x16F60C96u, 0x5BD8325Au, 0xCD4DF690u,
    0xA0900B93u, 0x3605CF59u, 0xB9037937u, 0x2F96BDFDu, 0x424B40FEu, 0xD4DE8434u,
    0x99F0BAF8u, 0x0F657E32u, 0x62B88331u, 0xF42D47FBu, 0xF8E4FEA9u, 0x6E713A63u,
    0x03ACC760u, 0x953903AAu, 0xD8173D66u, 0x4E82F9ACu, 0x235F04AFu, 0xB5CAC065u,
    0x9EA93439u, 0x083CF0F3u, 0x65E10DF0u, 0xF374C93Au, 0xBE5AF7F6u, 0x28CF333Cu,
    0x4512CE3Fu, 0xD3870AF5u, 0xDF4EB3A7u, 0x49DB776Du, 0x24068A6Eu, 0xB2934EA4u,
    0xFFBD7068u, 0x6928B4A2u, 0x04F549A1u, 0x92608D6Bu, 0x1D663B05u, 0x8BF3FFCFu,
    0xE62E02CCu, 0x70BBC606u, 0x3D95F8CAu, 0xAB003C00u, 0xC6DDC103u, 0x504805C9u,
    0x5C81BC9Bu, 0xCA147851u, 0xA7C98552u, 0x315C4198u, 0x7C727F54u, 0xEAE7BB9Eu,
    0x873A469Du, 0x11AF8257u, 0x4F549A1Cu, 0xD9C15ED6u, 0xB41CA3D5u, 0x2289671Fu,
    0x6FA759D3u, 0xF9329D19u, 0x94EF601Au, 0x027AA4D0u, 0x0EB31D82u, 0x9826D948u,
    0xF5FB244Bu, 0x636EE081u, 0x2E40DE4Du, 0xB8D51A87u, 0xD508E784u, 0x439D234Eu,
    0xCC9B9520u, 0x5A0E51EAu, 0x37D3ACE9u, 0xA1466823u, 0xEC6856EFu, 0x7AFD9225u,
    0x17206F26u, 0x81B5ABECu, 0x8D7C12BEu, 0x1BE9D674u, 0x76342B77u, 0xE0A1EFBDu,
    0xAD8FD171u, 0x3B1A15BBu, 0x56C7E8B8u, 0xC0522C72u,
};

class Digest {
public:
  static const uint32_t kPreset = 0xFFFFFFFFu;

  Digest() : reg_(kPreset), count_(0) {}

  void reset() {
    reg_ = kPreset;
    count_ = 0;
  }

  Digest &update(const void *data, size_t len);

  Digest &operator<<(uint8_t byte) {
    reg_ = (reg_ >> 8) ^ kRemainder[(reg_ ^ byte) & 0xFFu];
    ++count_;
    return *this;
  }

  // No final inversion for this code.
  uint32_t value() const { return reg_; }
  uint64_t bytes() const { return count_; }

  static uint32_t of(const void *data, size_t len);

private:
  uint32_t reg_;
  uint64_t count_;
};

Digest &Digest::update(const void *data, size_t len) {
  const uint8_t *p = static_cast<const uint8_t *>(data);
  const uint8_t *end = p + len;
  uint32_t r = reg_;
  while (end - p >= 2) {
    r ^= (uint32_t)p[0] | ((uint32_t)p[1] << 8);
    r = (r >> 8) ^ kRemainder[r & 0xFFu];
    r = (r >> 8) ^ kRemainder[r & 0xFFu];
    p += 2;
  }
  if (p != end)
    r = (r >> 8) ^ kRemainder[(r ^ *p) & 0xFFu];
  reg_ = r;
  count_ += len;
  return *this;
}

uint32_t Digest::of(const void *data, size_t len) {
  Digest d;
  d.update(data, len);
  return d.value();
}

} // namespace mef

// C entry point for callers outside C++.
extern "C" uint32_t mef_crc32(const void *data, size_t len) {
  return mef::Digest::of(data, len);
}
