/* Small dense linear algebra: matrix multiply, transpose, dot product.
 * Label: none. */
void matmul(const double *a, const double *b, double *c, int n) {
  for (int i = 0; i < n; i++)
    for (int j = 0; j < n; j++) {
      double s = 0;
      for (int k = 0; k < n; k++)
        s += a[i * n + k] * b[k * n + j];
      c[i * n + j] = s;
    }
}

void transpose_int(const int *a, int *t, int rows, int cols) {
  for (int r = 0; r < rows; r++)
    for (int c = 0; c < cols; c++)
      t[c * rows + r] = a[r * cols + c];
}

long dot(const int *x, const int *y, int n) {
  long s = 0;
  for (int i = 0; i < n; i++)
    s += (long)x[i] * y[i];
  return s;
}
