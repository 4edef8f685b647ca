/* Integer constants in the ported words: zero (the zero register), const
 * (a 12-bit signed immediate), bigconst (32 bits, built by extra
 * instructions on AArch64 and RISC-V), hugeconst (wider). */
unsigned small(unsigned x) { return x + 5; }
unsigned big(unsigned x) { return x + 0x12345; }
unsigned long long huge(unsigned long long x) {
  return x ^ 0x123456789abcdefULL;
}
int is_zero(int x) { return x == 0; }
