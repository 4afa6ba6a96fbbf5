/* The aligner's inner loops in C: the search's and the posteriors' row loops (dp.py), the
 * coverage tables' instance loop (sparse.py), the link costs' cells (scoring.py), IBM
 * model 1's iterations and the numbering of its groups' words and word pairs (lexicon.py).
 *
 * Optional: when this extension is not built, the same loops run in NumPy. Both compute
 * every value with the same floating-point operations in the same order, so they give the
 * same tables, costs, back-pointers and posteriors, bit for bit (tests/align/test_native.py
 * checks it). Arrays come in through the buffer protocol: no NumPy headers.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#if defined(__unix__) || defined(__APPLE__)
#include <pthread.h>
#define HAVE_PTHREAD 1
#endif

/* Every buffer of a call, released together. */
static void
release(Py_buffer *buffers, int count)
{
    for (int k = 0; k < count; k++)
        PyBuffer_Release(&buffers[k]);
}

/* The end of a call: its buffers released; None, or NULL when an error was set. */
static PyObject *
finish(Py_buffer *buffers, int count)
{
    release(buffers, count);
    if (PyErr_Occurred())
        return NULL;
    Py_RETURN_NONE;
}

/* Rows 0 .. rows - 1 of a loop whose rows are independent (each writes its own cells), given
 * as ``fn(arg, first, stop)``: in two halves at once, the second in a thread of its own,
 * when there are at least SPLIT_CELLS cells (rows x cells_per_row) and a thread can be
 * started; else in this one. The values are the same either way. Called without the
 * interpreter's lock. */
typedef void (*RowsFn)(const void *arg, int64_t first, int64_t stop);

typedef struct {
    RowsFn fn;
    const void *arg;
    int64_t first, stop;
} RowsJob;

#ifdef HAVE_PTHREAD
static void *
rows_job(void *job)
{
    RowsJob *j = (RowsJob *)job;
    j->fn(j->arg, j->first, j->stop);
    return NULL;
}
#endif

#define SPLIT_CELLS 200000

static void
rows_in_halves(RowsFn fn, const void *arg, int64_t rows, int64_t cells_per_row)
{
#ifdef HAVE_PTHREAD
    if (rows >= 2 && rows * cells_per_row >= SPLIT_CELLS) {
        RowsJob second = {fn, arg, rows / 2, rows};
        pthread_t thread;
        if (pthread_create(&thread, NULL, rows_job, &second) == 0) {
            fn(arg, 0, rows / 2);
            pthread_join(thread, NULL);
            return;
        }
    }
#endif
    fn(arg, 0, rows);
}

/* How many rows a block of costs (float32, moves x rows x width) holds. */
static Py_ssize_t
rows_of(const Py_buffer *block, Py_ssize_t n_moves, Py_ssize_t width)
{
    return width > 0 && n_moves > 0 ? block->len / (Py_ssize_t)sizeof(float) / n_moves / width
                                     : 0;
}

/* search_rows(flat, back, starts, widths, lo, skip_cum, ks, block, first, r0, r1,
 *             block_width, pad, stride, width, skip_code)
 *
 * For rows r0 <= i < r1: cost[i, pad + d] and back[i, d] for d < widths[i], where
 *   cand[x] = flat[starts[i, x] + d] + block[x, i - first, d]   (moves with ks[x] <= i)
 *   best, best_move = min, first argmin over x
 *   run = running minimum over d of best - skip_cum[lo[i] + d]
 *   flat[i * stride + pad + d] = run + skip_cum[lo[i] + d]
 *   back[i * width + d] = skip_code where run < best - base, else best_move
 * flat: float64 (n + 1) x stride; back: int8 (n + 1) x width; starts: int64 (n + 1) x X;
 * widths, lo: int64 n + 1; skip_cum: float64; ks: int64 X; block: float32 X x rows x
 * block_width (C order), row 0 of the block is row ``first``.
 */
static PyObject *
search_rows(PyObject *self, PyObject *args)
{
    Py_buffer b[8];
    Py_ssize_t first, r0, r1, block_width, pad, stride, width, skip_code;
    if (!PyArg_ParseTuple(args, "w*w*y*y*y*y*y*y*nnnnnnnn", &b[0], &b[1], &b[2],
                          &b[3], &b[4], &b[5], &b[6], &b[7], &first, &r0, &r1,
                          &block_width, &pad, &stride, &width, &skip_code))
        return NULL;
    double *flat = (double *)b[0].buf;
    int8_t *back = (int8_t *)b[1].buf;
    const int64_t *starts = (const int64_t *)b[2].buf;
    const int64_t *widths = (const int64_t *)b[3].buf;
    const int64_t *lo = (const int64_t *)b[4].buf;
    const double *skip_cum = (const double *)b[5].buf;
    const int64_t *ks = (const int64_t *)b[6].buf;
    const float *block = (const float *)b[7].buf;
    Py_ssize_t n_moves = b[6].len / (Py_ssize_t)sizeof(int64_t);
    Py_ssize_t block_rows = rows_of(&b[7], n_moves, block_width);

    Py_BEGIN_ALLOW_THREADS
    for (Py_ssize_t i = r0; i < r1; i++) {
        Py_ssize_t w = (Py_ssize_t)widths[i];
        if (w <= 0)
            continue;
        const int64_t *start = starts + i * n_moves;
        const float *row = block + (i - first) * block_width;
        double *out = flat + i * stride + pad;
        int8_t *bk = back + i * width;
        const double *base = skip_cum + lo[i];
        double run = INFINITY;
        for (Py_ssize_t d = 0; d < w; d++) {
            /* the first minimum over all moves, a move not yet possible counting as inf
               (as numpy's argmin over the row's candidates) */
            double best = INFINITY;
            Py_ssize_t best_move = 0;
            for (Py_ssize_t x = 0; x < n_moves; x++) {
                double v = ks[x] > i ? INFINITY
                    : flat[start[x] + d] + (double)row[x * block_rows * block_width + d];
                if (x == 0 || v < best) {
                    best = v;
                    best_move = x;
                }
            }
            double val = best - base[d];
            if (d == 0 || val < run)
                run = val;
            out[d] = run + base[d];
            bk[d] = (int8_t)(run < val ? skip_code : best_move);
        }
    }
    Py_END_ALLOW_THREADS

    release(b, 8);
    Py_RETURN_NONE;
}

/* numpy's logaddexp, case for case */
static double
logaddexp(double x, double y)
{
    if (x == y)
        return x + M_LN2;
    double tmp = x - y;
    if (tmp > 0)
        return x + log1p(exp(-tmp));
    if (tmp <= 0)
        return y + log1p(exp(tmp));
    return tmp; /* nan */
}

#define HUGE_SHIFT 1e300
#define MAX_MOVES 64

/* −T·log Σ_x exp(−cand[x]/T) as dp.py's _softmin_raw computes it (the shift by the
 * minimum, the terms summed in move order). */
static double
softmin(const double *cand, Py_ssize_t n_moves, double temperature)
{
    double low = cand[0];
    for (Py_ssize_t x = 1; x < n_moves; x++)
        if (cand[x] < low)
            low = cand[x];
    if (low > HUGE_SHIFT)
        low = HUGE_SHIFT;
    double total = 0.0;
    for (Py_ssize_t x = 0; x < n_moves; x++) {
        double v = low - cand[x];
        if (temperature != 1.0)
            v /= temperature;
        total = x == 0 ? exp(v) : total + exp(v);
    }
    total = log(total);
    if (temperature != 1.0)
        total *= temperature;
    return low - total;
}

/* out[d] = base[d] − T·logaddexp-accumulate((base − direct)/T), in the order of ``step``
 * (+1 forward, −1 from the row's end), as dp.py's _soft_scan_raw. */
static void
soft_scan(const double *direct, const double *base, double *out, Py_ssize_t w, int step,
          double temperature)
{
    double acc = 0.0;
    for (Py_ssize_t t = 0; t < w; t++) {
        Py_ssize_t d = step > 0 ? t : w - 1 - t;
        double v = base[d] - direct[d];
        if (temperature != 1.0)
            v /= temperature;
        acc = t == 0 ? v : logaddexp(acc, v);
        out[d] = base[d] - (temperature != 1.0 ? acc * temperature : acc);
    }
}

/* A row's buffer of ``count`` doubles for a loop over ``n_moves`` moves; NULL with the
 * Python error set when there are too many moves or no memory. */
static double *
row_buffer(Py_ssize_t count, Py_ssize_t n_moves)
{
    if (n_moves > MAX_MOVES) {
        PyErr_SetString(PyExc_ValueError, "more moves than MAX_MOVES");
        return NULL;
    }
    double *buffer = PyMem_Malloc(sizeof(double) * (size_t)count);
    if (buffer == NULL)
        PyErr_NoMemory();
    return buffer;
}

/* forward_rows(fwd, starts, widths, lo, skip_cum, ks, block, first, r0, r1, block_width,
 *              pad, stride, temperature): the forward sums of dp.py's posteriors for rows
 * r0 <= i < r1 (row 0 is dp.py's own), the arrays as in search_rows. */
static PyObject *
forward_rows(PyObject *self, PyObject *args)
{
    Py_buffer b[7];
    Py_ssize_t first, r0, r1, block_width, pad, stride;
    double temperature;
    if (!PyArg_ParseTuple(args, "w*y*y*y*y*y*y*nnnnnnd", &b[0], &b[1], &b[2], &b[3],
                          &b[4], &b[5], &b[6], &first, &r0, &r1, &block_width, &pad,
                          &stride, &temperature))
        return NULL;
    double *fwd = (double *)b[0].buf;
    const int64_t *starts = (const int64_t *)b[1].buf;
    const int64_t *widths = (const int64_t *)b[2].buf;
    const int64_t *lo = (const int64_t *)b[3].buf;
    const double *skip_cum = (const double *)b[4].buf;
    const int64_t *ks = (const int64_t *)b[5].buf;
    const float *block = (const float *)b[6].buf;
    Py_ssize_t n_moves = b[5].len / (Py_ssize_t)sizeof(int64_t);
    Py_ssize_t block_rows = rows_of(&b[6], n_moves, block_width);
    double *direct = row_buffer(block_width + 1, n_moves);
    if (direct == NULL)
        goto done;
    Py_BEGIN_ALLOW_THREADS
    double cand[MAX_MOVES];
    for (Py_ssize_t i = r0; i < r1; i++) {
        Py_ssize_t w = (Py_ssize_t)widths[i];
        if (w <= 0)
            continue;
        const int64_t *start = starts + i * n_moves;
        const float *row = block + (i - first) * block_width;
        for (Py_ssize_t d = 0; d < w; d++) {
            for (Py_ssize_t x = 0; x < n_moves; x++)
                cand[x] = ks[x] > i ? INFINITY
                    : fwd[start[x] + d] + (double)row[x * block_rows * block_width + d];
            direct[d] = softmin(cand, n_moves, temperature);
        }
        soft_scan(direct, skip_cum + lo[i], fwd + i * stride + pad, w, 1, temperature);
    }
    Py_END_ALLOW_THREADS
    PyMem_Free(direct);
done:
    return finish(b, 7);
}

/* backward_rows(bwd, ahead, reach, widths, lo, skip_cum, ks, block, first, r_hi, r_lo,
 *               block_width, pad, stride, width, ring, n, m, temperature): the backward
 * sums of dp.py's posteriors for rows r_hi − 1 down to r_lo, each row's link costs then
 * added into the ring buffer ``ahead`` (moves × ring × stride) for the rows above it. */
static PyObject *
backward_rows(PyObject *self, PyObject *args)
{
    Py_buffer b[8];
    Py_ssize_t first, r_hi, r_lo, block_width, pad, stride, width, ring, n, m;
    double temperature;
    if (!PyArg_ParseTuple(args, "w*w*y*y*y*y*y*y*nnnnnnnnnnd", &b[0], &b[1], &b[2],
                          &b[3], &b[4], &b[5], &b[6], &b[7], &first, &r_hi, &r_lo,
                          &block_width, &pad, &stride, &width, &ring, &n, &m, &temperature))
        return NULL;
    double *bwd = (double *)b[0].buf;
    double *ahead = (double *)b[1].buf;
    const int64_t *reach = (const int64_t *)b[2].buf;
    const int64_t *widths = (const int64_t *)b[3].buf;
    const int64_t *lo = (const int64_t *)b[4].buf;
    const double *skip_cum = (const double *)b[5].buf;
    const int64_t *ks = (const int64_t *)b[6].buf;
    const float *block = (const float *)b[7].buf;
    Py_ssize_t n_moves = b[6].len / (Py_ssize_t)sizeof(int64_t);
    Py_ssize_t block_rows = rows_of(&b[7], n_moves, block_width);
    double *direct = row_buffer((block_width + 1) * 2, n_moves);
    if (direct == NULL)
        goto done;
    double *base = direct + block_width + 1;
    Py_BEGIN_ALLOW_THREADS
    double cand[MAX_MOVES];
    for (Py_ssize_t i = r_hi - 1; i >= r_lo; i--) {
        Py_ssize_t w = (Py_ssize_t)widths[i];
        double *brow = bwd + i * stride + pad;
        if (w > 0) {
            for (Py_ssize_t d = 0; d < w; d++) {
                if (i == n) {
                    direct[d] = lo[i] + d == m ? 0.0 : INFINITY;
                } else {
                    for (Py_ssize_t x = 0; x < n_moves; x++)
                        cand[x] = i + ks[x] > n ? INFINITY : ahead[reach[i * n_moves + x] + d];
                    direct[d] = softmin(cand, n_moves, temperature);
                }
                base[d] = -skip_cum[lo[i] + d];
            }
            soft_scan(direct, base, brow, w, -1, temperature);
        }
        const float *row = block + (i - first) * block_width;
        for (Py_ssize_t x = 0; x < n_moves; x++) {
            double *slot = ahead + (x * ring + i % ring) * stride + pad;
            const float *cost = row + x * block_rows * block_width;
            for (Py_ssize_t d = 0; d < width; d++)
                slot[d] = (double)cost[d] + brow[d];
        }
    }
    Py_END_ALLOW_THREADS
    PyMem_Free(direct);
done:
    return finish(b, 8);
}

/* ibm1_numbered(t, number, slot, pair, slot_tail, pair_tail, pair_src, n_slots, n_src,
 * iterations): EM of IBM model 1 as workbench/align/lexicon.py's _ibm1 computes it, in place
 * on ``t`` (float64, one value per distinct pair). The pairs have ranks (pair_src: each
 * rank's source, int32) and numbers: ``number`` (int32) gives the first ranks' (the word
 * pairs': a permutation of them, the order the instances first name them in, see
 * first_numbers), the ranks after them are their own numbers (the null word's pairs). The
 * instances and ``t`` name the pairs by number, which puts a link's new pairs side by side
 * where by rank they are spread over the whole table. The instances are ``slot``/``pair``
 * followed by ``slot_tail``/``pair_tail`` (int32 each: half the memory the instance loops
 * read; two parts, so that the null word's instances need no copy of the others beside
 * them). The sums are taken in the same order as numpy's bincount over the parts joined
 * (instance order), and each source's total over its pairs by rank. Where SSE2 is there
 * (every x86-64), the divisions are done two at a time: each quotient is the one a division
 * alone gives (IEEE division is exact to the last bit whatever the width), and the sums take
 * them in the same order. */
static PyObject *
ibm1_numbered(PyObject *self, PyObject *args)
{
    Py_buffer b[7];
    Py_ssize_t n_slots, n_src, iterations;
    if (!PyArg_ParseTuple(args, "w*y*y*y*y*y*y*nnn", &b[0], &b[1], &b[2], &b[3], &b[4], &b[5],
                          &b[6], &n_slots, &n_src, &iterations))
        return NULL;
    double *t = (double *)b[0].buf;
    const int32_t *number = (const int32_t *)b[1].buf;
    const int32_t *slots[2] = {(const int32_t *)b[2].buf, (const int32_t *)b[4].buf};
    const int32_t *pairs[2] = {(const int32_t *)b[3].buf, (const int32_t *)b[5].buf};
    Py_ssize_t sizes[2] = {b[2].len / (Py_ssize_t)sizeof(int32_t),
                           b[4].len / (Py_ssize_t)sizeof(int32_t)};
    const int32_t *pair_src = (const int32_t *)b[6].buf;
    Py_ssize_t n_pairs = b[0].len / (Py_ssize_t)sizeof(double);
    Py_ssize_t numbered = b[1].len / (Py_ssize_t)sizeof(int32_t);
    if (b[3].len != b[2].len || b[5].len != b[4].len || numbered > n_pairs) {
        PyErr_SetString(PyExc_ValueError, "ibm1_numbered: a part's slots and pairs differ in "
                                          "length, or more numbers than pairs");
        goto done;
    }
    for (Py_ssize_t q = 0; q < numbered; q++)
        if (number[q] < 0 || number[q] >= numbered) {
            PyErr_SetString(PyExc_ValueError, "ibm1_numbered: a number out of range");
            goto done;
        }
    double *norm = PyMem_Calloc((size_t)(n_slots + n_pairs + n_src + 1), sizeof(double));
    if (norm == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    double *counts = norm + n_slots;
    double *totals = counts + n_pairs;
    Py_BEGIN_ALLOW_THREADS
    for (Py_ssize_t it = 0; it < iterations; it++) {
        memset(norm, 0, sizeof(double) * (size_t)(n_slots + n_pairs + n_src));
        for (int part = 0; part < 2; part++) {
            const int32_t *slot = slots[part], *pair = pairs[part];
            /* a run of one slot's instances (a word entry against its link's other words)
             * summed in a register: the same additions in the same order, without each
             * waiting for the last one's store */
            for (Py_ssize_t k = 0; k < sizes[part];) {
                int32_t at = slot[k];
                double sum = norm[at];
                do
                    sum += t[pair[k++]];
                while (k < sizes[part] && slot[k] == at);
                norm[at] = sum;
            }
        }
        for (int part = 0; part < 2; part++) {
            const int32_t *slot = slots[part], *pair = pairs[part];
            Py_ssize_t k = 0;
#ifdef __SSE2__
            /* two divisions at once (each exact, as alone), added in instance order */
            for (; k + 1 < sizes[part]; k += 2) {
                __m128d q = _mm_div_pd(_mm_set_pd(t[pair[k + 1]], t[pair[k]]),
                                       _mm_set_pd(norm[slot[k + 1]], norm[slot[k]]));
                counts[pair[k]] += _mm_cvtsd_f64(q);
                counts[pair[k + 1]] += _mm_cvtsd_f64(_mm_unpackhi_pd(q, q));
            }
#endif
            for (; k < sizes[part]; k++)
                counts[pair[k]] += t[pair[k]] / norm[slot[k]];
        }
        for (Py_ssize_t q = 0; q < n_pairs; q++)  /* each source's pairs by rank */
            totals[pair_src[q]] += counts[q < numbered ? number[q] : q];
        for (Py_ssize_t q = 0; q < n_pairs; q++) {
            Py_ssize_t at = q < numbered ? number[q] : q;
            double total = totals[pair_src[q]];
            t[at] = counts[at] / (total > 1e-12 ? total : 1e-12);
        }
    }
    Py_END_ALLOW_THREADS
    PyMem_Free(norm);
done:
    return finish(b, 7);
}

/* first_numbers(pair, number): the pairs (int32 ranks below len(number)) numbered in the
 * order ``pair`` first names them, in place; number[r] (int32) gets rank r's number (a rank
 * ``pair`` never names: the numbers after those it does, by rank). A rank out of range:
 * ValueError, ``pair`` renumbered up to it. */
static PyObject *
first_numbers(PyObject *self, PyObject *args)
{
    Py_buffer b[2];
    if (!PyArg_ParseTuple(args, "w*w*", &b[0], &b[1]))
        return NULL;
    int32_t *pair = (int32_t *)b[0].buf, *number = (int32_t *)b[1].buf;
    Py_ssize_t n = b[0].len / (Py_ssize_t)sizeof(int32_t);
    Py_ssize_t n_pairs = b[1].len / (Py_ssize_t)sizeof(int32_t);
    int bad = 0;
    Py_BEGIN_ALLOW_THREADS
    memset(number, 0xff, sizeof(int32_t) * (size_t)n_pairs);  /* -1: not named yet */
    int32_t next = 0;
    for (Py_ssize_t k = 0; k < n; k++) {
        int32_t r = pair[k];
        if (r < 0 || r >= n_pairs) {
            bad = 1;
            break;
        }
        if (number[r] < 0)
            number[r] = next++;
        pair[k] = number[r];
    }
    for (Py_ssize_t r = 0; !bad && r < n_pairs; r++)
        if (number[r] < 0)
            number[r] = next++;
    Py_END_ALLOW_THREADS
    if (bad)
        PyErr_SetString(PyExc_ValueError, "first_numbers: a rank out of range");
    return finish(b, 2);
}

static int
cmp_i64(const void *x, const void *y)
{
    int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
    return (a > b) - (a < b);
}

/* Sorts the short run v[0 .. count - 1] ascending (insertion; qsort when long). */
static void
sort_run(int64_t *v, Py_ssize_t count)
{
    if (count > 32) {
        qsort(v, (size_t)count, sizeof(int64_t), cmp_i64);
        return;
    }
    for (Py_ssize_t a = 1; a < count; a++) {
        int64_t x = v[a];
        Py_ssize_t b = a;
        for (; b > 0 && v[b - 1] > x; b--)
            v[b] = v[b - 1];
        v[b] = x;
    }
}

/* group_words(ids, start, group, word, seen) -> (entries, words): lexicon.py's _group_ids.
 * Groups of word numbers (group g's: ids[start[g] .. start[g + 1] - 1], numbers >= 0) as
 * (group, word) entries, each distinct word of a group once, by group then word, the words
 * numbered anew in the order they first occur; seen[w] = word w's number in ids. ``group``,
 * ``word``, ``seen``: int64, room for one per id. None when the numbers go far beyond the
 * ids' count (the table of them would be large). */
static PyObject *
group_words(PyObject *self, PyObject *args)
{
    Py_buffer b[5];
    if (!PyArg_ParseTuple(args, "y*y*w*w*w*", &b[0], &b[1], &b[2], &b[3], &b[4]))
        return NULL;
    const int64_t *ids = (const int64_t *)b[0].buf;
    const int64_t *start = (const int64_t *)b[1].buf;
    int64_t *group = (int64_t *)b[2].buf, *word = (int64_t *)b[3].buf;
    int64_t *seen = (int64_t *)b[4].buf;
    Py_ssize_t n = b[0].len / (Py_ssize_t)sizeof(int64_t);
    Py_ssize_t n_groups = b[1].len / (Py_ssize_t)sizeof(int64_t) - 1;
    int64_t top = -1;
    int bad = n_groups < 0 || b[2].len < b[0].len || b[3].len < b[0].len || b[4].len < b[0].len;
    for (Py_ssize_t k = 0; k < n && !bad; k++) {
        if (ids[k] < 0)
            bad = 1;
        else if (ids[k] > top)
            top = ids[k];
    }
    for (Py_ssize_t g = 0; g < n_groups && !bad; g++)
        if (start[g] < 0 || start[g] > start[g + 1] || start[g + 1] > n)
            bad = 1;
    if (bad) {
        release(b, 5);
        PyErr_SetString(PyExc_ValueError, "group_words: bad ids, groups or room");
        return NULL;
    }
    if (top >= 16 * (int64_t)n + 65536) {  /* numbers far beyond the ids: NumPy's way */
        release(b, 5);
        Py_RETURN_NONE;
    }
    /* renumber[id]: its new number (-1: not yet seen); last[w]: the last group holding w */
    int64_t *renumber = PyMem_Malloc(sizeof(int64_t) * (size_t)(2 * (top + 1) + 1));
    if (renumber == NULL) {
        release(b, 5);
        return PyErr_NoMemory();
    }
    int64_t *last = renumber + top + 1;
    Py_ssize_t count = 0, words = 0;
    Py_BEGIN_ALLOW_THREADS
    for (int64_t v = 0; v <= top; v++)
        renumber[v] = last[v] = -1;
    for (Py_ssize_t k = 0; k < n; k++)
        if (renumber[ids[k]] < 0) {
            seen[words] = ids[k];
            renumber[ids[k]] = words++;
        }
    for (Py_ssize_t g = 0; g < n_groups; g++) {
        Py_ssize_t first = count;
        for (int64_t k = start[g]; k < start[g + 1]; k++) {
            int64_t w = renumber[ids[k]];
            if (last[w] != g) {
                last[w] = g;
                word[count++] = w;
            }
        }
        sort_run(word + first, count - first);
        for (Py_ssize_t e = first; e < count; e++)
            group[e] = g;
    }
    Py_END_ALLOW_THREADS
    PyMem_Free(renumber);
    release(b, 5);
    return Py_BuildValue("nn", count, words);
}

/* running_sums(table, reach): each run of ``reach`` values of ``table`` (float32, C order)
 * summed in place from its first, value by value (sparse.py's _running_sum: the same float
 * additions in the same order, in one pass instead of one per run length). */
static PyObject *
running_sums(PyObject *self, PyObject *args)
{
    Py_buffer b[1];
    Py_ssize_t reach;
    if (!PyArg_ParseTuple(args, "w*n", &b[0], &reach))
        return NULL;
    float *v = (float *)b[0].buf;
    Py_ssize_t runs = reach > 0 ? b[0].len / (Py_ssize_t)sizeof(float) / reach : 0;
    Py_BEGIN_ALLOW_THREADS
    for (Py_ssize_t r = 0; r < runs; r++, v += reach)
        for (Py_ssize_t d = 1; d < reach; d++)
            v[d] += v[d - 1];
    Py_END_ALLOW_THREADS
    return finish(b, 1);
}

/* The start offsets t_lo..t_hi (from lo_s) of the runs of at most ``reach`` rows, within
 * the band's ``width``, whose first row holding a column is p (the row before that holds it
 * last at ``prev``): coverage_table's t_lo and t_hi. */
static inline void
run_starts(int64_t prev, int64_t p, int64_t lo_s, int64_t width, int64_t reach,
           int64_t *t_lo, int64_t *t_hi)
{
    int64_t from = prev + 1 > p - reach + 1 ? prev + 1 : p - reach + 1;
    *t_lo = (from > lo_s ? from : lo_s) - lo_s;
    *t_hi = (p < lo_s + width - 1 ? p : lo_s + width - 1) - lo_s;
}

/* coverage_chunks(out, counts, ends, start, src_row, src_data, d_row, prev, d_val, lo,
 *                 width, reach, chunk_pairs): the instance loop of workbench/align/sparse.py's
 * coverage_table, chunk by chunk as it cuts them, each chunk's sums taken in double in
 * instance order (as numpy's bincount) and then added to ``out`` (float32). A cell's
 * instances are those of its row's entries (which come together, by row): the sums are
 * taken a row at a time in a buffer of one row's cells, added to ``out`` where the row's
 * entries end or the chunk does (the same additions and roundings as a buffer of the
 * chunk's cells, without writing and reading it whole: 10k's first pass, a chunk of 3.3
 * million cells for 47,000 instances). */
static PyObject *
coverage_chunks(PyObject *self, PyObject *args)
{
    Py_buffer b[10];
    Py_ssize_t width, reach, chunk_pairs;
    if (!PyArg_ParseTuple(args, "w*y*y*y*y*y*y*y*y*y*nnn", &b[0], &b[1], &b[2], &b[3], &b[4],
                          &b[5], &b[6], &b[7], &b[8], &b[9], &width, &reach, &chunk_pairs))
        return NULL;
    float *out = (float *)b[0].buf;
    const int64_t *counts = (const int64_t *)b[1].buf;
    const int64_t *ends = (const int64_t *)b[2].buf;
    const int64_t *start = (const int64_t *)b[3].buf;
    const int64_t *src_row = (const int64_t *)b[4].buf;
    const double *src_data = (const double *)b[5].buf;
    const int64_t *d_row = (const int64_t *)b[6].buf;
    const int64_t *prev = (const int64_t *)b[7].buf;
    const double *d_val = (const double *)b[8].buf;
    const int64_t *lo = (const int64_t *)b[9].buf;
    Py_ssize_t n_entries = b[1].len / (Py_ssize_t)sizeof(int64_t);
    Py_ssize_t per_chunk = chunk_pairs / reach;
    int64_t step = reach - 1, row_cells = (int64_t)width * reach;
    double *buf = calloc((size_t)(row_cells > 0 ? row_cells : 1), sizeof(double));
    if (buf == NULL) {
        release(b, 10);
        return PyErr_NoMemory();
    }
    Py_BEGIN_ALLOW_THREADS
    Py_ssize_t first = 0;
    while (first < n_entries) {
        /* last = min(max(searchsorted(ends, done + per_chunk), first + 1), n_entries) */
        int64_t target = (first ? ends[first - 1] : 0) + per_chunk;
        Py_ssize_t lo_i = 0, hi_i = n_entries;
        while (lo_i < hi_i) {
            Py_ssize_t mid = (lo_i + hi_i) / 2;
            if (ends[mid] < target)
                lo_i = mid + 1;
            else
                hi_i = mid;
        }
        Py_ssize_t last = lo_i > first + 1 ? lo_i : first + 1;
        if (last > n_entries)
            last = n_entries;
        /* the chunk's rows that have instances, one at a time (a cell no instance reaches
         * gets 0 added: unchanged) */
        Py_ssize_t e = first;
        while (e < last) {
            while (e < last && counts[e] <= 0)
                e++;
            if (e == last)
                break;
            int64_t s = src_row[e], lo_s = lo[s];
            for (; e < last && src_row[e] == s; e++) {
                for (int64_t q = 0; q < counts[e]; q++) {
                    int64_t pos = start[e] + q, p = d_row[pos], t_lo, t_hi;
                    run_starts(prev[pos], p, lo_s, width, reach, &t_lo, &t_hi);
                    double val = src_data[e] * d_val[pos];
                    int64_t base = p - lo_s;
                    for (int64_t t = t_lo; t <= t_hi; t++)
                        buf[base + step * t] += val;
                }
            }
            float *cells = out + s * row_cells;
            for (int64_t c = 0; c < row_cells; c++) {
                cells[c] = (float)((double)cells[c] + buf[c]);
                buf[c] = 0.0;
            }
        }
        first = last;
    }
    Py_END_ALLOW_THREADS
    free(buf);
    release(b, 10);
    Py_RETURN_NONE;
}

/* column_runs(order, col_ptr, start, stop, d_col, d_row, src_col, s_lo, s_hi)
 *
 * coverage_table's index of the destination entries by column, and each source entry's
 * range in it: ``order`` (int64, one per destination entry) lists the entries column by
 * column, each column's in their given order (a stable counting sort: with the rows
 * ascending, np.lexsort((d_row, d_col))); ``col_ptr`` (int64, columns + 1) where each
 * column's entries begin in it. For source entry e of column c, start[e] and stop[e] are
 * where the rows of c from s_lo[e] and from s_hi[e] begin: searchsorted(d_key, c·(m + 1) +
 * s_lo[e]) over d_key = col·(m + 1) + row, found within the column (see below). Every
 * column of the source entries is below the number of columns (col_ptr's length − 1). */
static PyObject *
column_runs(PyObject *self, PyObject *args)
{
    Py_buffer b[9];
    if (!PyArg_ParseTuple(args, "w*w*w*w*y*y*y*y*y*", &b[0], &b[1], &b[2], &b[3], &b[4],
                          &b[5], &b[6], &b[7], &b[8]))
        return NULL;
    int64_t *order = (int64_t *)b[0].buf, *col_ptr = (int64_t *)b[1].buf;
    int64_t *start = (int64_t *)b[2].buf, *stop = (int64_t *)b[3].buf;
    const int64_t *d_col = (const int64_t *)b[4].buf, *d_row = (const int64_t *)b[5].buf;
    const int64_t *src_col = (const int64_t *)b[6].buf, *s_lo = (const int64_t *)b[7].buf;
    const int64_t *s_hi = (const int64_t *)b[8].buf;
    Py_ssize_t n_d = b[4].len / (Py_ssize_t)sizeof(int64_t);
    Py_ssize_t n_s = b[6].len / (Py_ssize_t)sizeof(int64_t);
    Py_ssize_t n_cols = b[1].len / (Py_ssize_t)sizeof(int64_t) - 1;
    /* next: the counting sort's cursors, then each column's two search positions; rows:
     * the destination rows in column order (the searches read them in place) */
    int64_t *next = malloc(sizeof(int64_t) * (size_t)(2 * n_cols + 1));
    int64_t *rows = malloc(sizeof(int64_t) * (size_t)(n_d + 1));
    if (next == NULL || rows == NULL) {
        free(next);
        free(rows);
        release(b, 9);
        return PyErr_NoMemory();
    }
    Py_BEGIN_ALLOW_THREADS
    memset(col_ptr, 0, sizeof(int64_t) * (size_t)(n_cols + 1));
    for (Py_ssize_t k = 0; k < n_d; k++)
        col_ptr[d_col[k] + 1]++;
    for (Py_ssize_t c = 0; c < n_cols; c++)
        col_ptr[c + 1] += col_ptr[c];
    memcpy(next, col_ptr, sizeof(int64_t) * (size_t)(n_cols + 1));
    for (Py_ssize_t k = 0; k < n_d; k++)
        order[next[d_col[k]]++] = k;
    for (Py_ssize_t k = 0; k < n_d; k++)
        rows[k] = d_row[order[k]];
    /* The source entries come by row, so a column's bounds mostly stay or move on by a
     * few entries from where its last source entry left them: a short walk forward from
     * there, a bisection when they moved back or far. The same first row >= want. */
    for (Py_ssize_t c = 0; c < n_cols; c++)
        next[2 * c] = next[2 * c + 1] = col_ptr[c];
    for (Py_ssize_t e = 0; e < n_s; e++) {
        int64_t c = src_col[e];
        for (int side = 0; side < 2; side++) {
            int64_t want = side ? s_hi[e] : s_lo[e], first = col_ptr[c], end = col_ptr[c + 1];
            int64_t p = next[2 * c + side], lo_i = first, hi_i = end;
            if (p > first && rows[p - 1] >= want) {
                hi_i = p - 1;  /* moved back: the answer is at or before p - 1 */
            } else {
                int steps = 0;
                while (p < end && rows[p] < want && steps < 8) {
                    p++;
                    steps++;
                }
                lo_i = hi_i = p;
                if (p < end && rows[p] < want)
                    lo_i = p + 1, hi_i = end;  /* far: bisect the rest */
            }
            while (lo_i < hi_i) {  /* the first of the column's rows >= want */
                int64_t mid = lo_i + (hi_i - lo_i) / 2;
                if (rows[mid] < want)
                    lo_i = mid + 1;
                else
                    hi_i = mid;
            }
            next[2 * c + side] = lo_i;
            (side ? stop : start)[e] = lo_i;
        }
    }
    Py_END_ALLOW_THREADS
    free(next);
    free(rows);
    return finish(b, 9);
}

/* Clipped to 0 .. last (numpy's np.clip of an index). */
static inline int64_t
clip64(int64_t v, int64_t last)
{
    return v < 0 ? 0 : (v > last ? last : v);
}

/* The scorer's arrays that link_lex and link_finish read, and its band. */
typedef struct {
    const float *gap_a, *gap_e;
    const int64_t *base_a, *base_e, *lo, *hi, *moves;
    const double *ar_cum, *en_cum;
    int64_t n, m, width, reach, last_a, last_e, n_moves, rows;
} Cells;

/* Whether move (k, l) may end at cell (i, j) of the band, inside the texts: its sentences
 * exist. */
static inline int
move_ok(int64_t i, int64_t j, int64_t k, int64_t l)
{
    return i >= k && j >= l;
}

static int
cells_parse(Cells *c, Py_buffer *b, Py_ssize_t n, Py_ssize_t m, Py_ssize_t width,
            Py_ssize_t reach)
{
    c->gap_a = (const float *)b[0].buf;
    c->gap_e = (const float *)b[1].buf;
    c->base_a = (const int64_t *)b[2].buf;
    c->base_e = (const int64_t *)b[3].buf;
    c->lo = (const int64_t *)b[4].buf;
    c->hi = (const int64_t *)b[5].buf;
    c->ar_cum = (const double *)b[6].buf;
    c->en_cum = (const double *)b[7].buf;
    c->moves = (const int64_t *)b[8].buf;
    c->n = n, c->m = m, c->width = width, c->reach = reach;
    c->last_a = b[0].len / (Py_ssize_t)sizeof(float) - 1;
    c->last_e = b[1].len / (Py_ssize_t)sizeof(float) - 1;
    c->n_moves = b[8].len / (Py_ssize_t)sizeof(int64_t) / 2;
    c->rows = b[4].len / (Py_ssize_t)sizeof(int64_t);
    if (n < 1 || m < 1 || c->last_a < 0 || c->last_e < 0 || reach > 64) {
        PyErr_SetString(PyExc_ValueError,
                        "link costs need sentences on both sides and moves of at most 64");
        return -1;
    }
    return 0;
}

/* What link_lex's rows read and write. */
typedef struct {
    const Cells *cells;
    float *out;
    double *z;
    double ratio, s2, nu;
    float wl;
} LexJob;

/* link_lex's rows first .. stop - 1. */
static void
lex_rows(const void *arg, int64_t first, int64_t stop)
{
    const LexJob *job = (const LexJob *)arg;
    const Cells *c = job->cells;
    float *out = job->out;
    double *z = job->z;
    double ratio = job->ratio, s2 = job->s2, nu = job->nu;
    float wl = job->wl;
    int64_t width = c->width, plane = c->rows * width;
    /* Per cell: a_at[t] = where the gaps of Arabic sentence i − t start (scoring.py's
     * arabic_gap before its run length), e_at[u] the same for English sentence j − u; and
     * the sums of the 1–l and k–1 families' runs, each extended as far as a move needs. */
    int64_t a_at[65], e_at[65];
    float e_run[65], a_run[65];
    int64_t r = c->reach;
    for (int64_t i = first; i < stop; i++) {
        for (int64_t t = 1; t <= r; t++)
            a_at[t] = c->base_a[clip64(i - t, c->n - 1)];
        for (int64_t d = 0; d < width; d++) {
            int64_t j = c->lo[i] + d, cell = i * width + d;
            int usable = j <= c->hi[i] && j <= c->m;
            if (usable)
                for (int64_t u = 1; u <= r; u++)
                    e_at[u] = c->base_e[clip64(j - u, c->m - 1)] + i * r;
            int64_t e_done = 0, a_done = 0;
            e_run[0] = 0.0f;
#define GAP_A(t, l) c->gap_a[clip64(a_at[t] + ((l) - 1) - (l) * r + j * r, c->last_a)]
#define GAP_E(u, k) c->gap_e[clip64(e_at[u] + ((k) - 1) - (k) * r, c->last_e)]
            for (int64_t x = 0; x < c->n_moves; x++) {
                int64_t k = c->moves[2 * x], l = c->moves[2 * x + 1];
                if (l < 1) {  /* a skip: priced by the caller; its z stays harmless */
                    z[x * plane + cell] = 0.0;
                    continue;
                }
                if (!usable || !move_ok(i, j, k, l)) {
                    out[x * plane + cell] = INFINITY;
                    z[x * plane + cell] = 0.0;
                    continue;
                }
                float lex;
                if (k == 1) {  /* english_run: Σ_u gap(e = j − u | a = i − 1), from 0 */
                    for (; e_done < l; e_done++)
                        e_run[e_done + 1] = e_run[e_done] + GAP_E(e_done + 1, 1);
                    lex = GAP_A(1, l) + e_run[l];
                } else if (l == 1) {  /* arabic_run: gap(a = i − 1) first, then + each */
                    if (a_done == 0)
                        a_run[++a_done] = GAP_A(1, 1);
                    for (; a_done < k; a_done++)
                        a_run[a_done + 1] = a_run[a_done] + GAP_A(a_done + 1, 1);
                    lex = a_run[k] + GAP_E(1, k);
                } else {
                    lex = 0.0f;
                    for (int64_t t = 1; t <= k; t++)
                        lex += GAP_A(t, l);
                    for (int64_t u = 1; u <= l; u++)
                        lex += GAP_E(u, k);
                }
                out[x * plane + cell] = wl * lex;
                double la = c->ar_cum[i] - c->ar_cum[i - k > 0 ? i - k : 0];
                double le = c->en_cum[j] - c->en_cum[j - l > 0 ? j - l : 0];
                double delta = (le - ratio * la) / sqrt(s2 * (ratio * la + le) / 2 + 1.0);
                z[x * plane + cell] = delta * delta / nu;
            }
#undef GAP_A
#undef GAP_E
        }
    }
}

/* link_lex(out, z, gap_a, gap_e, base_a, base_e, lo, hi, ar_cum, en_cum, moves, n, m,
 *          width, reach, ratio, s2, nu, w_lex)
 *
 * The first half of scoring.py's Scorer.link_costs for every move (k, l) with l >= 1:
 * out[x, i, d] (float32) = w_lex · lex, the lexical term summed in float32 in link_costs'
 * order, where the move may end at (i, lo[i] + d), else inf; z[x, i, d] (float64) = δ²/ν of
 * its length difference there (0 elsewhere, and for moves (k, 0), whose out is left alone).
 * The caller takes log1p of z (with NumPy, as link_costs does) before link_finish. */
static PyObject *
link_lex(PyObject *self, PyObject *args)
{
    Py_buffer b[11];
    Py_ssize_t n, m, width, reach;
    double ratio, s2, nu, w_lex;
    if (!PyArg_ParseTuple(args, "w*w*y*y*y*y*y*y*y*y*y*nnnndddd", &b[9], &b[10], &b[0],
                          &b[1], &b[2], &b[3], &b[4], &b[5], &b[6], &b[7], &b[8], &n, &m,
                          &width, &reach, &ratio, &s2, &nu, &w_lex))
        return NULL;
    Cells c;
    if (cells_parse(&c, b, n, m, width, reach) < 0) {
        release(b, 11);
        return NULL;
    }
    LexJob job = {&c, (float *)b[9].buf, (double *)b[10].buf, ratio, s2, nu, (float)w_lex};
    Py_BEGIN_ALLOW_THREADS
    rows_in_halves(lex_rows, &job, c.rows, width * c.n_moves);
    Py_END_ALLOW_THREADS
    return finish(b, 11);
}

/* What link_finish's rows read and write. */
typedef struct {
    float *out;
    const double *z, *prior;
    const int64_t *lo, *moves, *side, *items_a, *items_e;
    const float *waive;
    int64_t n, m, width, rows, n_moves;
    double half_nu, len_cap, w_len;
} FinishJob;

/* link_finish's rows first .. stop - 1 of every move. */
static void
finish_rows(const void *arg, int64_t first, int64_t stop)
{
    const FinishJob *f = (const FinishJob *)arg;
    int64_t width = f->width, plane = f->rows * width;
    for (int64_t x = 0; x < f->n_moves; x++) {
        int64_t k = f->moves[2 * x], l = f->moves[2 * x + 1], size = k > l ? k : l;
        if (l < 1)
            continue;
        float *target = f->out + x * plane;
        const double *z = f->z + x * plane;
        for (int64_t i = first; i < stop; i++) {
            for (int64_t d = 0; d < width; d++) {
                float lex = target[i * width + d];
                if (isinf(lex))
                    continue;
                double length = f->half_nu * z[i * width + d];
                double cost = (length < f->len_cap ? length : f->len_cap) * f->w_len;
                cost += (double)lex;
                cost += f->prior[x];
                if (f->side[x]) {
                    int64_t items = f->side[x] == 1
                                        ? f->items_a[clip64(i - 1, f->n - 1)]
                                        : f->items_e[clip64(f->lo[i] + d - 1, f->m - 1)];
                    if (items > 1 && items <= size)
                        cost -= (double)f->waive[x * 10 + items];
                }
                target[i * width + d] = (float)cost;
            }
        }
    }
}

/* link_finish(out, z, lo, moves, prior, waive_side, waive, items_a, items_e, n, m, width,
 *             half_nu, len_cap, w_len)
 *
 * The second half: each possible cell of out (finite after link_lex) becomes
 * min(ν/2 · z[x, i, d], len_cap) · w_len + w_lex · lex + prior[x] − waived, summed in
 * float64 in link_costs' order, z being log1p(δ²/ν) now. waive_side[x]: 1 when the Arabic
 * sentence's list items waive part of the shape penalty (items_a[i − 1]), 2 for the English
 * (items_e[j − 1]), 0 for neither; waive: float32, moves x 10, the penalty waived for c
 * items (when 1 < c <= the move's size). */
static PyObject *
link_finish(PyObject *self, PyObject *args)
{
    Py_buffer b[9];
    Py_ssize_t n, m, width;
    double half_nu, len_cap, w_len;
    if (!PyArg_ParseTuple(args, "w*y*y*y*y*y*y*y*y*nnnddd", &b[0], &b[1], &b[2], &b[3],
                          &b[4], &b[5], &b[6], &b[7], &b[8], &n, &m, &width, &half_nu,
                          &len_cap, &w_len))
        return NULL;
    FinishJob job = {
        (float *)b[0].buf, (const double *)b[1].buf, (const double *)b[4].buf,
        (const int64_t *)b[2].buf, (const int64_t *)b[3].buf, (const int64_t *)b[5].buf,
        (const int64_t *)b[7].buf, (const int64_t *)b[8].buf, (const float *)b[6].buf,
        n, m, width, b[2].len / (Py_ssize_t)sizeof(int64_t),
        b[3].len / (Py_ssize_t)sizeof(int64_t) / 2, half_nu, len_cap, w_len,
    };
    Py_BEGIN_ALLOW_THREADS
    rows_in_halves(finish_rows, &job, job.rows, width * job.n_moves);
    Py_END_ALLOW_THREADS
    return finish(b, 9);
}

/* Set bits of a 64-bit word, and the index of its lowest set bit (x != 0). */
static inline int
bits_set(uint64_t x)
{
#if defined(__POPCNT__) && (defined(__GNUC__) || defined(__clang__))
    return __builtin_popcountll(x);
#else  /* (the builtin is a call into libgcc without the instruction: this, inline) */
    x = x - ((x >> 1) & 0x5555555555555555ULL);
    x = (x & 0x3333333333333333ULL) + ((x >> 2) & 0x3333333333333333ULL);
    x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0FULL;
    return (int)((x * 0x0101010101010101ULL) >> 56);
#endif
}

static inline int
lowest_bit(uint64_t x)
{
#if defined(__GNUC__) || defined(__clang__)
    return __builtin_ctzll(x);
#else
    int c = 0;
    for (; !(x & 1); x >>= 1)
        c++;
    return c;
#endif
}

/* pair_ranks(a_w, e_w, a_pos, e_pos, n_words, width, inverse, uniq) -> count
 *
 * numeric.unique_inverse of the word pairs' keys a_w[a_pos[k]] * width + e_w[e_pos[k]]
 * (a_w, e_w: int64 word numbers, below n_words and width; a_pos, e_pos: int32 entries), the
 * keys never stored: the keys present marked in a bitmap over 0 .. n_words * width (64 a word),
 * each word's count of the keys before it summed once; uniq (int64, room for every distinct
 * key) gets the distinct keys ascending, inverse (int32, one a pair) each key's index among
 * them: the keys present before its word plus the set bits below it there. Returns how many
 * distinct keys there are. */
static PyObject *
pair_ranks(PyObject *self, PyObject *args)
{
    Py_buffer b[6];
    Py_ssize_t n_words, width;
    if (!PyArg_ParseTuple(args, "y*y*y*y*nnw*w*", &b[0], &b[1], &b[2], &b[3], &n_words, &width,
                          &b[4], &b[5]))
        return NULL;
    const int64_t *a_w = (const int64_t *)b[0].buf, *e_w = (const int64_t *)b[1].buf;
    const int32_t *a_pos = (const int32_t *)b[2].buf, *e_pos = (const int32_t *)b[3].buf;
    int32_t *inverse = (int32_t *)b[4].buf;
    int64_t *uniq = (int64_t *)b[5].buf;
    Py_ssize_t len_a = b[0].len / (Py_ssize_t)sizeof(int64_t);
    Py_ssize_t len_e = b[1].len / (Py_ssize_t)sizeof(int64_t);
    Py_ssize_t n = b[2].len / (Py_ssize_t)sizeof(int32_t);
    Py_ssize_t room = b[5].len / (Py_ssize_t)sizeof(int64_t);
    if (b[3].len / (Py_ssize_t)sizeof(int32_t) != n
            || b[4].len / (Py_ssize_t)sizeof(int32_t) != n || width < 1 || n_words < 1) {
        release(b, 6);
        PyErr_SetString(PyExc_ValueError, "pair_ranks: one entry of each side and one "
                                          "inverse a pair, n_words and width >= 1");
        return NULL;
    }
    Py_ssize_t words = (n_words * width) / 64 + 1;
    uint64_t *bits = calloc((size_t)words, sizeof(uint64_t));
    int64_t *before = malloc(sizeof(int64_t) * (size_t)words);
    if (bits == NULL || before == NULL) {
        free(bits);
        free(before);
        release(b, 6);
        return PyErr_NoMemory();
    }
    int bad = 0;
    Py_ssize_t count = 0;
    Py_BEGIN_ALLOW_THREADS
    for (Py_ssize_t k = 0; k < n; k++) {
        int32_t i = a_pos[k], j = e_pos[k];
        if (i < 0 || i >= len_a || j < 0 || j >= len_e) {
            bad = 1;
            break;
        }
        int64_t a = a_w[i], e = e_w[j];
        if (a < 0 || a >= n_words || e < 0 || e >= width) {
            bad = 1;
            break;
        }
        int64_t v = a * width + e;
        bits[v >> 6] |= (uint64_t)1 << (v & 63);
    }
    for (Py_ssize_t w = 0; !bad && w < words; w++) {
        before[w] = count;
        for (uint64_t x = bits[w]; x; x &= x - 1) {
            if (count < room)
                uniq[count] = (int64_t)w * 64 + lowest_bit(x);
            count++;
        }
    }
    if (!bad && count > room)
        bad = 2;
    for (Py_ssize_t k = 0; !bad && k < n; k++) {
        int64_t v = a_w[a_pos[k]] * width + e_w[e_pos[k]];
        uint64_t below = bits[v >> 6] & (((uint64_t)1 << (v & 63)) - 1);
        inverse[k] = (int32_t)(before[v >> 6] + bits_set(below));
    }
    Py_END_ALLOW_THREADS
    free(bits);
    free(before);
    release(b, 6);
    if (bad) {
        PyErr_SetString(PyExc_ValueError, bad == 1 ? "pair_ranks: an entry or word out of range"
                                                   : "pair_ranks: uniq has too little room");
        return NULL;
    }
    return PyLong_FromSsize_t(count);
}

static PyMethodDef methods[] = {
    {"search_rows", search_rows, METH_VARARGS, "The search's row loop over a block of rows."},
    {"forward_rows", forward_rows, METH_VARARGS, "The posteriors' forward sums over rows."},
    {"backward_rows", backward_rows, METH_VARARGS, "The posteriors' backward sums over rows."},
    {"ibm1_numbered", ibm1_numbered, METH_VARARGS,
     "EM iterations of IBM model 1 (int32 indices, instances in two parts), in place."},
    {"first_numbers", first_numbers, METH_VARARGS,
     "The pairs numbered in the order the instances first name them."},
    {"coverage_chunks", coverage_chunks, METH_VARARGS, "The coverage table's instance loop."},
    {"column_runs", column_runs, METH_VARARGS, "The coverage table's index by column."},
    {"running_sums", running_sums, METH_VARARGS, "The coverage table's sums over run lengths."},
    {"link_lex", link_lex, METH_VARARGS, "Link costs: lexical terms and length deviations."},
    {"link_finish", link_finish, METH_VARARGS, "Link costs: the sums of their terms."},
    {"pair_ranks", pair_ranks, METH_VARARGS, "The word pairs' distinct keys and ranks."},
    {"group_words", group_words, METH_VARARGS, "Each group's distinct words, numbered anew."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_dpcore", "The alignment search's row loop in C.", -1, methods,
};

PyMODINIT_FUNC
PyInit__dpcore(void)
{
    return PyModule_Create(&module);
}
