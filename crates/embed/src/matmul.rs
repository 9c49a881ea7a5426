//! Matrix products with a constant right-hand side (the model's weights): `c += a · w`.
//!
//! With AVX-512 the weights are stored once, at load, in panels of 64 columns, and a register-
//! blocked kernel (up to 6 rows × 64 columns of accumulators) reads the rows of `a` in place, so
//! nothing is repacked per call. Without AVX-512 the plain row-major weights go to `matrixmultiply`.

/// 16-lane registers per row of the kernel's tile.
const NV: usize = 4;
/// Columns per panel.
const PANEL: usize = NV * 16;
/// Depth of one pass over a panel, so the panel slice (32 KiB) stays in the L1 cache.
const KC: usize = 8192 / PANEL;
/// Rows of accumulators in the kernel.
const MR: usize = 6;

/// A weight matrix of `k` rows and `n` columns, laid out for the fastest kernel on this CPU.
pub(crate) struct Weight {
    k: usize,
    n: usize,
    /// Row-major, or panel-major (panel p: all `k` rows of columns `p*64..p*64+64`) when `packed`.
    data: Vec<f32>,
    packed: bool,
}

fn avx512() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        std::is_x86_feature_detected!("avx512f")
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        false
    }
}

impl Weight {
    /// Takes a row-major `k × n` matrix.
    pub fn new(k: usize, n: usize, row_major: Vec<f32>) -> Weight {
        assert_eq!(row_major.len(), k * n);
        if !n.is_multiple_of(PANEL) || !avx512() {
            return Weight { k, n, data: row_major, packed: false };
        }
        let mut data = Vec::with_capacity(k * n);
        for panel in 0..n / PANEL {
            for row in 0..k {
                data.extend_from_slice(&row_major[row * n + panel * PANEL..row * n + (panel + 1) * PANEL]);
            }
        }
        Weight { k, n, data, packed: true }
    }

    /// `c += a · self` for `m` rows: `a` row-major with row stride `lda`, `c` with row stride `ldc`.
    pub fn mul_add(&self, m: usize, a: &[f32], lda: usize, c: &mut [f32], ldc: usize) {
        if m == 0 {
            return;
        }
        let (k, n) = (self.k, self.n);
        assert!(lda >= k && ldc >= n && a.len() >= (m - 1) * lda + k && c.len() >= (m - 1) * ldc + n);
        if self.packed {
            #[cfg(target_arch = "x86_64")]
            // SAFETY: `packed` is only set when AVX-512F is present, and the assertion above keeps
            // every row and column the kernel touches inside the slices.
            unsafe {
                avx512::mul_add(m, k, n, a.as_ptr(), lda, &self.data, c.as_mut_ptr(), ldc);
            }
            return;
        }
        // SAFETY: the assertion above keeps every element the kernel touches inside the slices.
        unsafe {
            matrixmultiply::sgemm(
                m,
                k,
                n,
                1.0,
                a.as_ptr(),
                lda as isize,
                1,
                self.data.as_ptr(),
                n as isize,
                1,
                1.0,
                c.as_mut_ptr(),
                ldc as isize,
                1,
            );
        }
    }
}

#[cfg(target_arch = "x86_64")]
mod avx512 {
    use super::{KC, MR, NV, PANEL};
    use std::arch::x86_64::*;

    /// `c += a · w` with `w` in panels.
    ///
    /// # Safety
    /// AVX-512F must be available; `a` must hold `m` rows of `k` values at stride `lda`, `c` `m`
    /// rows of `n` values at stride `ldc`, and `panels` the `k × n` weights in panels.
    #[allow(clippy::too_many_arguments)]
    #[target_feature(enable = "avx512f")]
    pub(super) unsafe fn mul_add(
        m: usize,
        k: usize,
        n: usize,
        a: *const f32,
        lda: usize,
        panels: &[f32],
        c: *mut f32,
        ldc: usize,
    ) {
        for panel in 0..n / PANEL {
            let w = panels.as_ptr().add(panel * k * PANEL);
            let mut k0 = 0;
            while k0 < k {
                let kc = KC.min(k - k0);
                let mut row = 0;
                while row < m {
                    let rows = MR.min(m - row);
                    let a_block = a.add(row * lda + k0);
                    let w_block = w.add(k0 * PANEL);
                    let c_block = c.add(row * ldc + panel * PANEL);
                    match rows {
                        6 => tile::<6>(kc, a_block, lda, w_block, c_block, ldc),
                        5 => tile::<5>(kc, a_block, lda, w_block, c_block, ldc),
                        4 => tile::<4>(kc, a_block, lda, w_block, c_block, ldc),
                        3 => tile::<3>(kc, a_block, lda, w_block, c_block, ldc),
                        2 => tile::<2>(kc, a_block, lda, w_block, c_block, ldc),
                        _ => tile::<1>(kc, a_block, lda, w_block, c_block, ldc),
                    }
                    row += MR;
                }
                k0 += kc;
            }
        }
    }

    /// `R` rows × `PANEL` columns of `c` += `R × kc` of `a` · `kc × PANEL` of the panel.
    #[inline]
    #[target_feature(enable = "avx512f")]
    unsafe fn tile<const R: usize>(
        kc: usize,
        a: *const f32,
        lda: usize,
        w: *const f32,
        c: *mut f32,
        ldc: usize,
    ) {
        let mut acc = [[_mm512_setzero_ps(); NV]; R];
        for (i, row) in acc.iter_mut().enumerate() {
            for (v, reg) in row.iter_mut().enumerate() {
                *reg = _mm512_loadu_ps(c.add(i * ldc + v * 16));
            }
        }
        for kk in 0..kc {
            let mut wv = [_mm512_setzero_ps(); NV];
            for (v, reg) in wv.iter_mut().enumerate() {
                *reg = _mm512_loadu_ps(w.add(kk * PANEL + v * 16));
            }
            for (i, row) in acc.iter_mut().enumerate() {
                let av = _mm512_set1_ps(*a.add(i * lda + kk));
                for (reg, &wr) in row.iter_mut().zip(&wv) {
                    *reg = _mm512_fmadd_ps(av, wr, *reg);
                }
            }
        }
        for (i, row) in acc.iter().enumerate() {
            for (v, reg) in row.iter().enumerate() {
                _mm512_storeu_ps(c.add(i * ldc + v * 16), *reg);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn naive(m: usize, k: usize, n: usize, a: &[f32], w: &[f32], c: &mut [f32]) {
        for i in 0..m {
            for j in 0..n {
                let mut s = 0f64;
                for l in 0..k {
                    s += f64::from(a[i * k + l]) * f64::from(w[l * n + j]);
                }
                c[i * n + j] += s as f32;
            }
        }
    }

    #[test]
    fn matches_the_naive_product_for_odd_sizes() {
        for &(m, k, n) in
            &[(1, 3, 32), (13, 300, 64), (25, 512, 96), (7, 5, 40), (9, 700, 128), (20, 130, 320)]
        {
            let a: Vec<f32> = (0..m * k).map(|i| ((i * 7 % 13) as f32 - 6.0) / 7.0).collect();
            let w: Vec<f32> = (0..k * n).map(|i| ((i * 5 % 11) as f32 - 5.0) / 9.0).collect();
            let mut want = vec![0.5f32; m * n];
            naive(m, k, n, &a, &w, &mut want);
            let mut got = vec![0.5f32; m * n];
            Weight::new(k, n, w.clone()).mul_add(m, &a, k, &mut got, n);
            for (g, w) in got.iter().zip(&want) {
                assert!((g - w).abs() < 1e-3, "{m}x{k}x{n}: {g} vs {w}");
            }
        }
    }
}

#[cfg(test)]
mod speed {
    use super::*;

    #[test]
    #[ignore = "a timing probe, run by hand with --release"]
    fn kernel_speed() {
        let (m, k, n) = (512, 1280, 256);
        let a: Vec<f32> = (0..m * k).map(|i| (i % 7) as f32).collect();
        let w = Weight::new(k, n, (0..k * n).map(|i| (i % 5) as f32).collect());
        let mut c = vec![0f32; m * n];
        // The best of many short runs: the machine is shared, the fastest run is the kernel's own speed.
        let best = (0..40)
            .map(|_| {
                let t = std::time::Instant::now();
                w.mul_add(m, &a, k, &mut c, n);
                t.elapsed().as_secs_f64()
            })
            .fold(f64::INFINITY, f64::min);
        eprintln!("packed={} {:.1} GMAC/s", w.packed, (m * k * n) as f64 / best / 1e9);
    }
}
