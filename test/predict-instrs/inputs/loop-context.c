/* test/predict-instrs/context-words.test: a loop with an if inside it. */
unsigned char perm[64];

void fill(unsigned key) {
  unsigned j = 0;
  for (unsigned i = 0; i < 64; i++) {
    j = j + perm[i] + (key >> (i & 7));
    if (j > 200)
      j = 0;
    perm[i] = (unsigned char)j;
  }
}
