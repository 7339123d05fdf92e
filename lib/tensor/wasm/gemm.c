// Single-precision matrix products for topolearn's wasm kernels, compiled to a WebAssembly
// SIMD module that imports TensorFlow.js's own wasm memory (so it reads and writes tensors in
// place). Rebuild with `deno task build:wasm` (see build_gemm.ts next to this file).
//
// No libc, no static data, no linear-memory stack: every pointer argument is a byte offset into
// the imported memory, scratch space comes from the caller.
#include <wasm_simd128.h>

// 4 × 8 register tiles: 8 accumulators, 2 B vectors and the broadcasts fit V8's 16 vector
// registers (6 × 8 spills and runs at half the speed).
#define MR 4
#define NR 8
#define KC 256

// B is read in place, not packed, when row-major and a KC-row block holds at most this many
// floats (16 KB: it stays in L1 across the block's row tiles).
#define DIRECT_B_FLOATS 4096
// A is read in place, not packed, when its rows are adjacent floats and its columns at most this
// many floats apart (a 4-row tile then reads one or two cache lines per step).
#define PACK_A_STRIDE 64

// Relaxed-SIMD multiply-add: one fused FMA on CPUs that have it (every x86-64 since 2013, every
// ARMv8), mul + add elsewhere. Results are deterministic on a given machine.
#define MADD(acc, x, y) __builtin_wasm_relaxed_madd_f32x4((x), (y), (acc))

#define EXPORT(name) __attribute__((export_name(#name)))

// Where part `part` of `parts` of n items starts (64-bit product: n · part overflows int32 for
// large tensors split into many parts; `long` is 32 bits on wasm32).
static inline int _share(int n, int part, int parts) {
  return (int)((long long)n * part / parts);
}

// c[0..ROWS)[0..8) (=|+=) Σ_p a[r·rs + p·cs] · b[p·ldb + 0..8) (ldb = 8: b packed k × 8).
#define MICRO_KERNEL(ROWS)                                                                 \
  __attribute__((noinline)) static void _kernel##ROWS(int k, const float* a, int rs, int cs, \
                            const float* b, int ldb, float* c, int ldc, int accumulate) {  \
    v128_t lo[ROWS], hi[ROWS];                                                             \
    _Pragma("clang loop unroll(full)") for (int r = 0; r < ROWS; r++) {                    \
      lo[r] = wasm_f32x4_splat(0.0f);                                                      \
      hi[r] = wasm_f32x4_splat(0.0f);                                                      \
    }                                                                                      \
    for (int p = 0; p < k; p++) {                                                          \
      v128_t b0 = wasm_v128_load(b);                                                       \
      v128_t b1 = wasm_v128_load(b + 4);                                                   \
      b += ldb;                                                                            \
      _Pragma("clang loop unroll(full)") for (int r = 0; r < ROWS; r++) {                  \
        v128_t x = wasm_v128_load32_splat(a + r * rs);                                     \
        lo[r] = MADD(lo[r], x, b0);                                                        \
        hi[r] = MADD(hi[r], x, b1);                                                        \
      }                                                                                    \
      a += cs;                                                                             \
    }                                                                                      \
    _Pragma("clang loop unroll(full)") for (int r = 0; r < ROWS; r++) {                    \
      float* row = c + r * ldc;                                                            \
      if (accumulate) {                                                                    \
        lo[r] = wasm_f32x4_add(wasm_v128_load(row), lo[r]);                                \
        hi[r] = wasm_f32x4_add(wasm_v128_load(row + 4), hi[r]);                            \
      }                                                                                    \
      wasm_v128_store(row, lo[r]);                                                         \
      wasm_v128_store(row + 4, hi[r]);                                                     \
    }                                                                                      \
  }

MICRO_KERNEL(1)
MICRO_KERNEL(2)
MICRO_KERNEL(3)
MICRO_KERNEL(4)

static void _kernel(int rows, int k, const float* a, int rs, int cs, const float* b, int ldb,
                    float* c, int ldc, int accumulate) {
  switch (rows) {
    case 4: _kernel4(k, a, rs, cs, b, ldb, c, ldc, accumulate); break;
    case 3: _kernel3(k, a, rs, cs, b, ldb, c, ldc, accumulate); break;
    case 2: _kernel2(k, a, rs, cs, b, ldb, c, ldc, accumulate); break;
    default: _kernel1(k, a, rs, cs, b, ldb, c, ldc, accumulate); break;
  }
}

// Packs b[p·rs + j·cs] for p < k, j < n (n a multiple of 8) into n/8 panels of k × 8.
static void _packB(int k, int n, const float* b, int rs, int cs, float* out) {
  for (int j = 0; j < n; j += NR) {
    const float* column = b + j * cs;
    if (cs == 1) {
      for (int p = 0; p < k; p++) {
        const float* from = column + p * rs;
        wasm_v128_store(out, wasm_v128_load(from));
        wasm_v128_store(out + 4, wasm_v128_load(from + 4));
        out += NR;
      }
    } else {
      for (int p = 0; p < k; p++) {
        const float* from = column + p * rs;
        for (int q = 0; q < NR; q++) out[q] = from[q * cs];
        out += NR;
      }
    }
  }
}

// Packs the rows × k block a[r·rs + p·cs] into k × MR (rows interleaved).
static void _packA(int rows, int k, const float* a, int rs, int cs, float* out) {
  for (int p = 0; p < k; p++) {
    for (int r = 0; r < rows; r++) out[p * MR + r] = a[r * rs + p * cs];
  }
}

// The products of batches [b0, b1), rows [i0, i1) (i0 a multiple of MR, i1 a multiple of MR
// or m) and columns [j0, j1) (multiples of NR) of gemm_part; `scratch` holds KC·n + KC·MR
// floats. Every element of C is computed by the same operations in the same order whatever the
// ranges, so any split of the output gives the single-range result bit for bit.
static void _gemm_range(int b0, int b1, int i0, int i1, int j0, int j1, int m, int k,
                        const float* A, int sA, int rsA, int csA, const float* B, int sB,
                        int rsB, int csB, float* C, int sC, int ldc, int accumulate,
                        float* scratch, int n) {
  int width = j1 - j0;
  float* packedB = scratch;
  float* packedA = scratch + KC * n;
  int sharedB = sB == 0 && k <= KC;
  // A row-major B whose KC-row block fits in L1 is read in place: packing it for every product
  // (and in every part) would cost more than the product's reads.
  int directB = !sharedB && csB == 1 && (k < KC ? k : KC) * rsB <= DIRECT_B_FLOATS;
  if (sharedB) _packB(k, width, B + j0 * csB, rsB, csB, packedB);
  for (int b = b0; b < b1; b++) {
    const float* a = A + b * sA;
    float* c = C + b * sC;
    int add = accumulate || (sC == 0 && b > 0);
    for (int pc = 0; pc < k; pc += KC) {
      int kb = k - pc < KC ? k - pc : KC;
      const float* panels = packedB;
      int ldb = NR, panelStride = NR * kb;
      if (directB) {
        panels = B + b * sB + pc * rsB + j0;
        ldb = rsB;
        panelStride = NR;
      } else if (!sharedB) {
        _packB(kb, width, B + b * sB + pc * rsB + j0 * csB, rsB, csB, packedB);
      }
      int addHere = add || pc > 0;
      for (int i = i0; i < i1; i += MR) {
        int rows = i1 - i < MR ? i1 - i : MR;
        const float* block = a + i * rsA + pc * csA;
        int rs = rsA, cs = csA;
        if (csA != 1 && !(rsA == 1 && csA <= PACK_A_STRIDE)) {
          _packA(rows, kb, block, rsA, csA, packedA);
          block = packedA;
          rs = 1;
          cs = MR;
        }
        for (int j = 0; j < width; j += NR) {
          _kernel(rows, kb, block, rs, cs, panels + (j / NR) * panelStride, ldb,
                  c + i * ldc + j0 + j, ldc, addHere);
        }
      }
    }
  }
}

/**
 * Part `part` of `parts` of: for each of `batch` products, C (=|+=) A·B, A m × k, B k × n,
 * C m × n; n a multiple of 8. Element (i, p) of A is A[b·sA + i·rsA + p·csA] (likewise B, C
 * with row stride ldc, unit column stride). sC = 0 sums all products into one C. `accumulate`
 * adds to C's contents. `scratch` holds a slice of KC·n + KC·MR floats per thread; `slot` is the
 * calling thread's (a thread runs its parts one after another).
 *
 * The parts split the output: whole products when there are at least two per part and C is not
 * shared; else row blocks when there are enough of them and A is the taller factor (m > n: each
 * part then reads all of B, the smaller operand) or there are too few column panels; else column
 * panels. With fewer blocks and panels than parts: row blocks where there are more blocks than
 * panels, else column panels where there are at least two, some parts empty; a single block and
 * panel splits the products where C is not shared, else runs in part 0. So the parts can run on
 * different threads at once and give the one-part result bit for bit.
 */
EXPORT(gemm_part)
void gemm_part(int batch, int m, int n, int k, const float* A, int sA, int rsA, int csA,
               const float* B, int sB, int rsB, int csB, float* C, int sC, int ldc,
               int accumulate, float* scratch, int part, int parts, int slot) {
  int b0 = 0, b1 = batch, i0 = 0, i1 = m, j0 = 0, j1 = n;
  int panels = n / NR, blocks = (m + MR - 1) / MR;
  if (parts > 1) {
    if (sC != 0 && batch >= 2 * parts) {
      b0 = _share(batch, part, parts);
      b1 = _share(batch, part + 1, parts);
    } else if (blocks >= parts ? m > n || panels < parts : panels < parts && blocks > panels) {
      i0 = MR * (_share(blocks, part, parts));
      i1 = MR * (_share(blocks, part + 1, parts));
      if (i1 > m) i1 = m;
    } else if (panels >= 2) {
      j0 = NR * (_share(panels, part, parts));
      j1 = NR * (_share(panels, part + 1, parts));
    } else if (sC != 0 && batch >= 2) {
      b0 = _share(batch, part, parts);
      b1 = _share(batch, part + 1, parts);
    } else if (part > 0) {
      return;
    }
    if (b0 == b1 || i0 >= i1 || j0 == j1) return;
  }
  _gemm_range(b0, b1, i0, i1, j0, j1, m, k, A, sA, rsA, csA, B, sB, rsB, csB, C, sC, ldc,
              accumulate, scratch + slot * (KC * n + KC * MR), n);
}

// out[(i0 + q)·ldc + r] = chain_p (x[p·ldx + i0 + q] · w[r·rsW + p·csW]) for r < ROWS, q < 8:
// one unfused multiply and add per step from +0, p ascending, acc + x·w (XNNPACK's order).
#define CHAIN_KERNEL(ROWS)                                                                 \
  __attribute__((noinline)) static void _chain##ROWS(int k, const float* w, int rsW, int csW, \
                                                     const float* x, int ldx, float* out,  \
                                                     int ldc) {                            \
    v128_t lo[ROWS], hi[ROWS];                                                             \
    _Pragma("clang loop unroll(full)") for (int r = 0; r < ROWS; r++) {                    \
      lo[r] = wasm_f32x4_splat(0.0f);                                                      \
      hi[r] = wasm_f32x4_splat(0.0f);                                                      \
    }                                                                                      \
    for (int p = 0; p < k; p++) {                                                          \
      v128_t x0 = wasm_v128_load(x);                                                       \
      v128_t x1 = wasm_v128_load(x + 4);                                                   \
      x += ldx;                                                                            \
      _Pragma("clang loop unroll(full)") for (int r = 0; r < ROWS; r++) {                  \
        v128_t weight = wasm_v128_load32_splat(w + r * rsW);                               \
        lo[r] = wasm_f32x4_add(lo[r], wasm_f32x4_mul(x0, weight));                         \
        hi[r] = wasm_f32x4_add(hi[r], wasm_f32x4_mul(x1, weight));                         \
      }                                                                                    \
      w += csW;                                                                            \
    }                                                                                      \
    _Pragma("clang loop unroll(full)") for (int r = 0; r < ROWS; r++) {                    \
      float* column = out + r;                                                             \
      column[0 * ldc] = wasm_f32x4_extract_lane(lo[r], 0);                                 \
      column[1 * ldc] = wasm_f32x4_extract_lane(lo[r], 1);                                 \
      column[2 * ldc] = wasm_f32x4_extract_lane(lo[r], 2);                                 \
      column[3 * ldc] = wasm_f32x4_extract_lane(lo[r], 3);                                 \
      column[4 * ldc] = wasm_f32x4_extract_lane(hi[r], 0);                                 \
      column[5 * ldc] = wasm_f32x4_extract_lane(hi[r], 1);                                 \
      column[6 * ldc] = wasm_f32x4_extract_lane(hi[r], 2);                                 \
      column[7 * ldc] = wasm_f32x4_extract_lane(hi[r], 3);                                 \
    }                                                                                      \
  }

CHAIN_KERNEL(1)
CHAIN_KERNEL(2)
CHAIN_KERNEL(3)
CHAIN_KERNEL(4)

/**
 * Part `part` of `parts` of C = X·W in XNNPACK's arithmetic (tfjs's kernel for a product of
 * fewer than 8 columns): C m × n (row stride ldc, n < 8 in practice), X m × k read as its
 * transpose, X[i, p] = x[p·ldx + i], and W[p, j] = w[j·rsW + p·csW]. Every element is one
 * unfused chain from +0, C[i, j] = (…((0 + X[i,0]·W[0,j]) + X[i,1]·W[1,j]) …), so every number
 * is XNNPACK's bit for bit (a NaN is NaN on both sides, its sign bit not always the same).
 * Vectors run along i, 8 at a time; the parts split i in blocks of 8.
 */
EXPORT(chain_part)
void chain_part(int m, int n, int k, const float* x, int ldx, const float* w, int rsW, int csW,
                float* C, int ldc, int part, int parts, int slot) {
  int blocks = m / 8;
  int b0 = _share(blocks, part, parts), b1 = _share(blocks, part + 1, parts);
  for (int block = b0; block < b1; block++) {
    int i = 8 * block;
    for (int j = 0; j < n; j += MR) {
      const float* wj = w + j * rsW;
      float* out = C + i * ldc + j;
      switch (n - j < MR ? n - j : MR) {
        case 4: _chain4(k, wj, rsW, csW, x + i, ldx, out, ldc); break;
        case 3: _chain3(k, wj, rsW, csW, x + i, ldx, out, ldc); break;
        case 2: _chain2(k, wj, rsW, csW, x + i, ldx, out, ldc); break;
        default: _chain1(k, wj, rsW, csW, x + i, ldx, out, ldc); break;
      }
    }
  }
  // The last m mod 8 rows, in the last part, one scalar chain per element.
  if (part == parts - 1) {
    for (int i = 8 * blocks; i < m; i++) {
      for (int j = 0; j < n; j++) {
        float acc = 0.0f;
        for (int p = 0; p < k; p++) acc = acc + x[p * ldx + i] * w[j * rsW + p * csW];
        C[i * ldc + j] = acc;
      }
    }
  }
}

/**
 * Part `part` of `parts` of: copies x [batch, width, channels] into out [batch, width + before +
 * after, channels] with zero rows around each sample, the parts splitting the samples.
 */
EXPORT(pad_rows_part)
void pad_rows_part(int batch, int width, int channels, int before, int after, const float* x,
                   float* out, int part, int parts) {
  int row = width * channels;
  int b0 = _share(batch, part, parts);
  int b1 = _share(batch, part + 1, parts);
  x += (long)b0 * row;
  out += (long)b0 * (row + (before + after) * channels);
  for (int b = b0; b < b1; b++) {
    for (int i = 0; i < before * channels; i++) *out++ = 0.0f;
    __builtin_memcpy(out, x, row * sizeof(float));
    out += row;
    x += row;
    for (int i = 0; i < after * channels; i++) *out++ = 0.0f;
  }
}

/**
 * One Adam update over n float32 values, computed in float64 exactly as the JavaScript loop of
 * adam_update.ts does (same operations in the same order, so the results are identical):
 * m' = β1·m + (1−β1)·g, v' = β2·v + (1−β2)·g·g, value' = value − lr·(m'·c1)/(√(v'·c2) + ε).
 * Part `part` of `parts` updates the part-th slice of the n values (elementwise: any split gives
 * the same values).
 */
EXPORT(adam_part)
void adam_part(int n, const float* value, const float* m, const float* v, const float* g,
               float* newValue, float* newM, float* newV, double beta1, double beta2,
               double keep1, double keep2, double learningRate, double correction1,
               double correction2, double epsilon, int part, int parts) {
  int end = _share(n, part + 1, parts);
  for (int i = _share(n, part, parts); i < end; i++) {
    double gi = g[i];
    double mi = beta1 * m[i] + keep1 * gi;
    double vi = beta2 * v[i] + keep2 * gi * gi;
    newM[i] = (float)mi;
    newV[i] = (float)vi;
    newValue[i] = (float)(value[i] - learningRate * (mi * correction1) /
                                         (__builtin_sqrt(vi * correction2) + epsilon));
  }
}

/**
 * Part `part` of `parts` of out[c] = Σ_r x[r·columns + c] for c < columns, summed over r in
 * order (each column alone, so any split of the columns, which the parts take in blocks of 16,
 * gives the same sums).
 */
EXPORT(column_sums_part)
void column_sums_part(int rows, int columns, const float* x, float* out, int part, int parts) {
  int blocks = (columns + 15) / 16;
  int end = 16 * (_share(blocks, part + 1, parts));
  if (end > columns) end = columns;
  int c = 16 * (_share(blocks, part, parts));
  for (; c + 16 <= end; c += 16) {
    v128_t s0 = wasm_f32x4_splat(0.0f), s1 = s0, s2 = s0, s3 = s0;
    const float* from = x + c;
    for (int r = 0; r < rows; r++, from += columns) {
      s0 = wasm_f32x4_add(s0, wasm_v128_load(from));
      s1 = wasm_f32x4_add(s1, wasm_v128_load(from + 4));
      s2 = wasm_f32x4_add(s2, wasm_v128_load(from + 8));
      s3 = wasm_f32x4_add(s3, wasm_v128_load(from + 12));
    }
    wasm_v128_store(out + c, s0);
    wasm_v128_store(out + c + 4, s1);
    wasm_v128_store(out + c + 8, s2);
    wasm_v128_store(out + c + 12, s3);
  }
  for (; c + 4 <= end; c += 4) {
    v128_t s = wasm_f32x4_splat(0.0f);
    for (int r = 0; r < rows; r++) s = wasm_f32x4_add(s, wasm_v128_load(x + r * columns + c));
    wasm_v128_store(out + c, s);
  }
  for (; c < end; c++) {
    float s = 0.0f;
    for (int r = 0; r < rows; r++) s += x[r * columns + c];
    out[c] = s;
  }
}

/**
 * Part `part` of `parts` of out[b][j][i] = x[b][i][j] for b < batch, i < rows, j < columns
 * (4-byte elements, copied bit for bit): 4 × 4 register transposes inside 32 × 32 blocks, the
 * parts splitting the batch when it has at least one matrix per part, else the rows in blocks
 * of 32.
 */
EXPORT(transpose_part)
void transpose_part(int batch, int rows, int columns, const int* x, int* out, int part,
                    int parts) {
  int b0 = 0, b1 = batch, r0 = 0, r1 = rows;
  if (batch >= parts) {
    b0 = _share(batch, part, parts);
    b1 = _share(batch, part + 1, parts);
  } else {
    int blocks = (rows + 31) / 32;
    r0 = 32 * (_share(blocks, part, parts));
    r1 = 32 * (_share(blocks, part + 1, parts));
    if (r1 > rows) r1 = rows;
  }
  for (int b = b0; b < b1; b++) {
    const int* from = x + (long)b * rows * columns;
    int* to = out + (long)b * rows * columns;
    for (int i0 = r0; i0 < r1; i0 += 32) {
      int i1 = i0 + 32 < r1 ? i0 + 32 : r1;
      for (int j0 = 0; j0 < columns; j0 += 32) {
        int j1 = j0 + 32 < columns ? j0 + 32 : columns;
        int i = i0;
        for (; i + 4 <= i1; i += 4) {
          int j = j0;
          for (; j + 4 <= j1; j += 4) {
            v128_t a = wasm_v128_load(from + i * columns + j);
            v128_t b = wasm_v128_load(from + (i + 1) * columns + j);
            v128_t c = wasm_v128_load(from + (i + 2) * columns + j);
            v128_t d = wasm_v128_load(from + (i + 3) * columns + j);
            v128_t ab0 = wasm_i32x4_shuffle(a, b, 0, 4, 1, 5);
            v128_t ab1 = wasm_i32x4_shuffle(a, b, 2, 6, 3, 7);
            v128_t cd0 = wasm_i32x4_shuffle(c, d, 0, 4, 1, 5);
            v128_t cd1 = wasm_i32x4_shuffle(c, d, 2, 6, 3, 7);
            wasm_v128_store(to + j * rows + i, wasm_i32x4_shuffle(ab0, cd0, 0, 1, 4, 5));
            wasm_v128_store(to + (j + 1) * rows + i, wasm_i32x4_shuffle(ab0, cd0, 2, 3, 6, 7));
            wasm_v128_store(to + (j + 2) * rows + i, wasm_i32x4_shuffle(ab1, cd1, 0, 1, 4, 5));
            wasm_v128_store(to + (j + 3) * rows + i, wasm_i32x4_shuffle(ab1, cd1, 2, 3, 6, 7));
          }
          for (; j < j1; j++) {
            for (int r = i; r < i + 4; r++) to[j * rows + r] = from[r * columns + j];
          }
        }
        for (; i < i1; i++) {
          for (int j = j0; j < j1; j++) to[j * rows + i] = from[i * columns + j];
        }
      }
    }
  }
}

/**
 * Part `part` of `parts` of out[r·columns + c] = x[r·columns + c] + bias[c] for r < rows
 * (bias[c] + x[…] where `biasFirst`; float32, one rounding per element: tfjs's broadcast Add,
 * bit for bit), the parts splitting the rows.
 */
EXPORT(add_bias_part)
void add_bias_part(int rows, int columns, const float* x, const float* bias, float* out,
                   int biasFirst, int part, int parts) {
  int end = _share(rows, part + 1, parts);
  for (int r = _share(rows, part, parts); r < end; r++) {
    const float* from = x + (long)r * columns;
    float* to = out + (long)r * columns;
    int c = 0;
    // The operands in tfjs's order: the sum is the same either way, a NaN's payload is not.
    if (biasFirst) {
      for (; c + 4 <= columns; c += 4) {
        wasm_v128_store(to + c, wasm_f32x4_add(wasm_v128_load(bias + c), wasm_v128_load(from + c)));
      }
      for (; c < columns; c++) to[c] = bias[c] + from[c];
    } else {
      for (; c + 4 <= columns; c += 4) {
        wasm_v128_store(to + c, wasm_f32x4_add(wasm_v128_load(from + c), wasm_v128_load(bias + c)));
      }
      for (; c < columns; c++) to[c] = from[c] + bias[c];
    }
  }
}

/**
 * Part `part` of `parts` of the ReLU gradient out[i] = dy[i] · step(x[i]), step(x) = 1 for
 * x > 0, NaN for NaN, else 0 (tfjs's Step, then one float32 multiplication, bit for bit), the
 * parts splitting the n values.
 */
EXPORT(relu_backprop_part)
void relu_backprop_part(int n, const float* dy, const float* x, float* out, int part,
                        int parts) {
  int begin = _share(n, part, parts);
  int end = _share(n, part + 1, parts);
  v128_t one = wasm_f32x4_splat(1.0f), zero = wasm_f32x4_splat(0.0f);
  int i = begin;
  for (; i + 4 <= end; i += 4) {
    v128_t xs = wasm_v128_load(x + i);
    v128_t step = wasm_v128_bitselect(one, zero, wasm_f32x4_gt(xs, zero));
    step = wasm_v128_bitselect(xs, step, wasm_f32x4_ne(xs, xs));
    wasm_v128_store(out + i, wasm_f32x4_mul(wasm_v128_load(dy + i), step));
  }
  for (; i < end; i++) {
    float xi = x[i];
    out[i] = dy[i] * (xi != xi ? xi : xi > 0.0f ? 1.0f : 0.0f);
  }
}

/**
 * Part `part` of `parts` of a 4-D slice of 4-byte elements: out[i0][i1][i2][i3] =
 * x[b0 + i0][b1 + i1][b2 + i2][b3 + i3] for i < s, x of dims (·, d1, d2, d3); the parts split
 * the s0·s1·s2 output rows.
 */
EXPORT(slice4_part)
void slice4_part(int d1, int d2, int d3, int b0, int b1, int b2, int b3, int s0, int s1, int s2,
                 int s3, const int* x, int* out, int part, int parts) {
  int rows = s0 * s1 * s2;
  int begin = _share(rows, part, parts), end = _share(rows, part + 1, parts);
  for (int r = begin; r < end; r++) {
    int i0 = r / (s1 * s2), i1 = (r / s2) % s1, i2 = r % s2;
    const int* from = x + (((b0 + i0) * d1 + b1 + i1) * d2 + b2 + i2) * d3 + b3;
    __builtin_memcpy(out + r * s3, from, (unsigned long)s3 * sizeof(int));
  }
}

/**
 * Part `part` of `parts` of a 4-D constant pad of 4-byte elements: x of dims (d0, d1, d2, d3)
 * placed at offsets (p0, p1, p2, p3) in out of dims (o0, o1, o2, o3), every other element
 * `value` (its bits); the parts split the o0·o1·o2 output rows.
 */
EXPORT(pad4_part)
void pad4_part(int d0, int d1, int d2, int d3, int p0, int p1, int p2, int p3, int o0, int o1,
               int o2, int o3, int value, const int* x, int* out, int part, int parts) {
  int rows = o0 * o1 * o2;
  int begin = _share(rows, part, parts), end = _share(rows, part + 1, parts);
  for (int r = begin; r < end; r++) {
    int i0 = r / (o1 * o2) - p0, i1 = (r / o2) % o1 - p1, i2 = r % o2 - p2;
    int* to = out + r * o3;
    if (i0 < 0 || i0 >= d0 || i1 < 0 || i1 >= d1 || i2 < 0 || i2 >= d2) {
      for (int q = 0; q < o3; q++) to[q] = value;
      continue;
    }
    for (int q = 0; q < p3; q++) to[q] = value;
    __builtin_memcpy(to + p3, x + ((i0 * d1 + i1) * d2 + i2) * d3, (unsigned long)d3 * sizeof(int));
    for (int q = p3 + d3; q < o3; q++) to[q] = value;
  }
}

/**
 * Part `part` of `parts` of the filter gradient of a strided NHWC convolution, accumulated into
 * dw [fh, fw, inC, outC] (zeroed by the caller) exactly as conv2d_backprop_filter_wasm.ts's
 * JavaScript loop does: dw += x · dy with the product and the sum in float64, rounded to float32
 * at each step, over (batch, output row, output column) in order. The parts split the fh·fw
 * filter taps, so every element sums the same terms in the same order.
 */
EXPORT(filter_gradient_loop_part)
void filter_gradient_loop_part(int batch, int inH, int inW, int inC, int outH, int outW,
                               int outC, int fh, int fw, int strideH, int strideW, int top,
                               int left, const float* x, const float* dy, float* dw, int part,
                               int parts) {
  int taps = fh * fw;
  int t0 = _share(taps, part, parts), t1 = _share(taps, part + 1, parts);
  for (int b = 0; b < batch; b++) {
    for (int ho = 0; ho < outH; ho++) {
      for (int t = t0; t < t1; t++) {
        int kh = t / fw, kw = t % fw;
        int h = ho * strideH - top + kh;
        if (h < 0 || h >= inH) continue;
        for (int wo = 0; wo < outW; wo++) {
          int w = wo * strideW - left + kw;
          if (w < 0 || w >= inW) continue;
          const float* dys = dy + (((long)b * outH + ho) * outW + wo) * outC;
          const float* xs = x + (((long)b * inH + h) * inW + w) * inC;
          float* row = dw + (long)t * inC * outC;
          for (int c = 0; c < inC; c++) {
            double value = xs[c];
            float* to = row + c * outC;
            for (int f = 0; f < outC; f++) to[f] = (float)((double)to[f] + value * (double)dys[f]);
          }
        }
      }
    }
  }
}

/**
 * Part `part` of `parts` of the channel-major zero-padded planes of a stride-1 NHWC
 * convolution's input: planes[c][(b·Hp + h + top)·Wp + w + left] = x[b][h][w][c], zeros
 * elsewhere (each plane `length` floats, at least batch·Hp·Wp plus the largest tap shift), for
 * the cells that fall inside the padded grid. The parts split the channels.
 */
EXPORT(padded_planes_part)
void padded_planes_part(int batch, int inH, int inW, int inC, int Hp, int Wp, int top, int left,
                        int length, const float* x, float* planes, int part, int parts) {
  int c0 = _share(inC, part, parts), c1 = _share(inC, part + 1, parts);
  for (int c = c0; c < c1; c++) {
    float* plane = planes + (long)c * length;
    __builtin_memset(plane, 0, (unsigned long)length * sizeof(float));
    for (int b = 0; b < batch; b++) {
      for (int h = 0; h < inH; h++) {
        int ph = h + top;
        if (ph < 0 || ph >= Hp) continue;
        for (int w = 0; w < inW; w++) {
          int pw = w + left;
          if (pw < 0 || pw >= Wp) continue;
          plane[((long)b * Hp + ph) * Wp + pw] = x[(((long)b * inH + h) * inW + w) * inC + c];
        }
      }
    }
  }
}

/**
 * Part `part` of `parts` of the im2col matrix of a stride-1 convolution's filter gradient from
 * padded_planes_part's planes: col[(kh·fw + kw)·inC + c][q] = planes[c][q + kh·Wp + kw] for
 * q < positions (a copy per tap). The parts split the taps.
 */
EXPORT(im2col_part)
void im2col_part(int inC, int Wp, int fh, int fw, int positions, int length, const float* planes,
                 float* col, int part, int parts) {
  int taps = fh * fw * inC;
  int t0 = _share(taps, part, parts), t1 = _share(taps, part + 1, parts);
  for (int t = t0; t < t1; t++) {
    int c = t % inC, kw = (t / inC) % fw, kh = t / (inC * fw);
    const float* from = planes + (long)c * length + (long)kh * Wp + kw;
    __builtin_memcpy(col + (long)t * positions, from, (unsigned long)positions * sizeof(float));
  }
}
