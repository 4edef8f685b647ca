/* CORDIC in fixed point for a motor/PHY control loop: rotation mode gives
 * sin and cos (Q2.30) of a binary angle (full turn = 2^32), vectoring mode
 * gives atan2 as a binary angle and the vector magnitude. The arctangent
 * table holds round(atan(2^-i) / 2pi * 2^32); the gain constant is
 * round(prod 1/sqrt(1 + 2^-2i) * 2^30). Label: none. */
#include <stdint.h>

#define ITERS 30
#define CORDIC_K_Q30 652032874 /* 0.60725293500888 */

static const int32_t atan_brad[ITERS] = {
    536870912, 316933406, 167458907, 85004756, 42667331, 21354465,
    10679838,  5340245,   2670163,   1335087,  667544,   333772,
    166886,    83443,     41722,     20861,    10430,    5215,
    2608,      1304,      652,       326,      163,      81,
    41,        20,        10,        5,        3,        1};

/* Rotation mode. */
void rot_sincos(uint32_t angle, int32_t *sin_q30, int32_t *cos_q30) {
  /* fold into [-1/4, 1/4] turn by using the top two bits */
  uint32_t quadrant = angle >> 30;
  int32_t z;
  int flip = 0;
  if (quadrant == 1 || quadrant == 2) {
    /* angle - 1/2 turn: sin and cos change sign */
    z = (int32_t)(angle - 0x80000000u);
    flip = 1;
  } else {
    z = (int32_t)angle;
  }
  int32_t x = CORDIC_K_Q30, y = 0;
  for (int i = 0; i < ITERS; i++) {
    int32_t dx = y >> i, dy = x >> i;
    if (z >= 0) {
      x -= dx;
      y += dy;
      z -= atan_brad[i];
    } else {
      x += dx;
      y -= dy;
      z += atan_brad[i];
    }
  }
  if (flip) {
    x = -x;
    y = -y;
  }
  *sin_q30 = y;
  *cos_q30 = x;
}

/* Vectoring mode: drives y to zero; returns the angle of (x, y) as a binary
 * angle and stores |(x, y)| (same scale as the inputs) in *mag. Inputs must
 * satisfy |x|, |y| < 2^29. */
uint32_t vec_atan2(int32_t y, int32_t x, int32_t *mag) {
  uint32_t base = 0;
  if (x < 0) {
    /* rotate by half a turn into the right half plane */
    x = -x;
    y = -y;
    base = 0x80000000u;
  }
  int32_t z = 0;
  int i = 0;
  do {
    int32_t nx, ny;
    if (y > 0) {
      nx = x + (y >> i);
      ny = y - (x >> i);
      z += atan_brad[i];
    } else {
      nx = x - (y >> i);
      ny = y + (x >> i);
      z -= atan_brad[i];
    }
    x = nx;
    y = ny;
  } while (++i < ITERS);
  if (mag)
    *mag = (int32_t)(((int64_t)x * CORDIC_K_Q30) >> 30);
  return base + (uint32_t)z;
}

/* Polar to Cartesian for a table of (radius, angle) pairs in place:
 * r (Q16) and angle (binary) become x and y (Q16). */
void polar_to_xy(int32_t *pairs, int n) {
  for (int k = 0; k < n; k++) {
    int32_t s, c;
    int32_t r = pairs[2 * k];
    rot_sincos((uint32_t)pairs[2 * k + 1], &s, &c);
    pairs[2 * k] = (int32_t)(((int64_t)r * c) >> 30);
    pairs[2 * k + 1] = (int32_t)(((int64_t)r * s) >> 30);
  }
}
