/* Q16.16 fixed-point arithmetic: multiply, divide, and a reciprocal by
 * Newton iteration. Label: none. */
#include <stdint.h>

typedef int32_t q16;

q16 q_mul(q16 a, q16 b) { return (q16)(((int64_t)a * b) >> 16); }

q16 q_div(q16 a, q16 b) { return (q16)(((int64_t)a << 16) / b); }

q16 q_recip(q16 d) {
  q16 x = (q16)(0x10000 * 2 - d); /* rough start for d near 1 */
  for (int i = 0; i < 5; i++)
    x = q_mul(x, (q16)(0x20000 - q_mul(d, x)));
  return x;
}

int32_t q_lerp(int32_t a, int32_t b, q16 t) {
  return a + (int32_t)(((int64_t)(b - a) * t) >> 16);
}
