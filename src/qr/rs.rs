//! Reed–Solomon error correction of one QR block, over GF(256).
//!
//! QR codes compute their error correction codewords over GF(2⁸) with the
//! primitive polynomial x⁸ + x⁴ + x³ + x² + 1 (0x11D) and a generator
//! polynomial whose roots are α⁰ … α^(n−1) (ISO/IEC 18004, 7.5.2). A block is
//! corrected the textbook way: syndromes, Berlekamp–Massey for the error
//! locator, Chien search for its roots, Forney for the error values, and the
//! syndromes checked again afterwards. A block is refused, never guessed at,
//! when it holds more errors than its code may correct (the error locator's
//! degree is above the capacity, or its roots are not all inside the block).

/// Powers of α (twice over, so a sum of two logarithms needs no reduction) and
/// their logarithms.
const TABLES: ([u8; 512], [u8; 256]) = tables();

const fn tables() -> ([u8; 512], [u8; 256]) {
    let mut exp = [0u8; 512];
    let mut log = [0u8; 256];
    let mut x: u16 = 1;
    let mut i = 0;
    while i < 255 {
        exp[i] = x as u8;
        log[x as usize] = i as u8;
        x <<= 1;
        if x & 0x100 != 0 {
            x ^= 0x11d;
        }
        i += 1;
    }
    while i < 512 {
        exp[i] = exp[i - 255];
        i += 1;
    }
    (exp, log)
}

fn mul(a: u8, b: u8) -> u8 {
    if a == 0 || b == 0 {
        return 0;
    }
    let (exp, log) = &TABLES;
    exp[usize::from(log[usize::from(a)]) + usize::from(log[usize::from(b)])]
}

/// `a / b`; `b` is never zero where this is called.
fn div(a: u8, b: u8) -> u8 {
    if a == 0 || b == 0 {
        return 0;
    }
    let (exp, log) = &TABLES;
    exp[usize::from(log[usize::from(a)]) + 255 - usize::from(log[usize::from(b)])]
}

/// α^i.
fn alpha(i: usize) -> u8 {
    TABLES.0[i % 255]
}

/// Evaluates a polynomial given lowest coefficient first.
fn eval(poly: &[u8], x: u8) -> u8 {
    poly.iter().rev().fold(0, |acc, &c| mul(acc, x) ^ c)
}

/// Why a block could not be corrected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Uncorrectable;

/// Corrects `block` (data codewords then `ecc` error correction codewords, the
/// first codeword the highest power) in place, if it holds at most `capacity`
/// wrong codewords. Returns how many it corrected.
pub(super) fn correct(
    block: &mut [u8],
    ecc: usize,
    capacity: usize,
) -> Result<usize, Uncorrectable> {
    let n = block.len();
    if ecc == 0 || ecc >= n || n > 255 || 2 * capacity > ecc {
        return Err(Uncorrectable);
    }
    let syndromes = |block: &[u8]| -> Vec<u8> {
        (0..ecc)
            .map(|i| {
                let x = alpha(i);
                block.iter().fold(0, |acc, &c| mul(acc, x) ^ c)
            })
            .collect()
    };
    let s = syndromes(block);
    if s.iter().all(|&v| v == 0) {
        return Ok(0);
    }

    // Berlekamp–Massey: the shortest linear recurrence (the error locator Λ,
    // lowest coefficient first) that generates the syndromes.
    let mut lambda = vec![0u8; ecc + 1];
    let mut prev = vec![0u8; ecc + 1];
    lambda[0] = 1;
    prev[0] = 1;
    let (mut degree, mut shift, mut last) = (0usize, 1usize, 1u8);
    for k in 0..ecc {
        let mut d = s[k];
        for i in 1..=degree {
            d ^= mul(lambda[i], s[k - i]);
        }
        if d == 0 {
            shift += 1;
            continue;
        }
        let factor = div(d, last);
        let before = lambda.clone();
        for i in 0..=ecc - shift {
            lambda[i + shift] ^= mul(factor, prev[i]);
        }
        if 2 * degree <= k {
            degree = k + 1 - degree;
            prev = before;
            last = d;
            shift = 1;
        } else {
            shift += 1;
        }
    }
    if degree == 0 || degree > capacity {
        return Err(Uncorrectable);
    }
    lambda.truncate(degree + 1);

    // Chien search: codeword `n − 1 − p` is wrong where Λ(α^−p) = 0.
    let positions: Vec<usize> = (0..n)
        .filter(|&p| eval(&lambda, alpha(255 - p % 255)) == 0)
        .collect();
    if positions.len() != degree {
        return Err(Uncorrectable);
    }

    // Forney (first root α⁰): e = X · Ω(X⁻¹) / Λ'(X⁻¹), Ω = S·Λ mod x^ecc.
    let mut omega = vec![0u8; ecc];
    for (i, &si) in s.iter().enumerate() {
        for (j, &lj) in lambda.iter().enumerate() {
            if i + j < ecc {
                omega[i + j] ^= mul(si, lj);
            }
        }
    }
    let derivative: Vec<u8> = lambda
        .iter()
        .enumerate()
        .skip(1)
        .map(|(i, &c)| if i % 2 == 1 { c } else { 0 })
        .collect();
    for &p in &positions {
        let x = alpha(p);
        let x_inv = alpha(255 - p % 255);
        let denominator = eval(&derivative, x_inv);
        if denominator == 0 {
            return Err(Uncorrectable);
        }
        block[n - 1 - p] ^= mul(x, div(eval(&omega, x_inv), denominator));
    }
    if syndromes(block).iter().any(|&v| v != 0) {
        return Err(Uncorrectable);
    }
    Ok(degree)
}

/// The `ecc` error correction codewords of `data` (for building test blocks).
#[cfg(test)]
pub(super) fn encode(data: &[u8], ecc: usize) -> Vec<u8> {
    // Generator ∏ (x − αⁱ), highest coefficient first.
    let mut generator = vec![1u8];
    for i in 0..ecc {
        let mut next = vec![0u8; generator.len() + 1];
        for (j, &g) in generator.iter().enumerate() {
            next[j] ^= g;
            next[j + 1] ^= mul(g, alpha(i));
        }
        generator = next;
    }
    let mut remainder = vec![0u8; ecc];
    for &d in data {
        let factor = d ^ remainder[0];
        remainder.rotate_left(1);
        remainder[ecc - 1] = 0;
        for (r, &g) in remainder.iter_mut().zip(&generator[1..]) {
            *r ^= mul(g, factor);
        }
    }
    remainder
}

#[cfg(test)]
mod tests {
    use super::{Uncorrectable, correct, encode};

    fn block(data_len: usize, ecc: usize, seed: u32) -> Vec<u8> {
        let mut state = seed;
        let data: Vec<u8> = (0..data_len)
            .map(|_| {
                state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                (state >> 16) as u8
            })
            .collect();
        let mut block = data.clone();
        block.extend(encode(&data, ecc));
        block
    }

    /// Changes `count` codewords spread over the block (never one twice).
    fn damage(block: &mut [u8], count: usize, seed: usize) {
        let stride = block.len() / count;
        for k in 0..count {
            block[k * stride + seed % stride] ^= (0x5a ^ (k as u8).wrapping_mul(37)) | 1;
        }
    }

    #[test]
    fn a_clean_block_has_no_errors() {
        let mut b = block(19, 7, 1);
        assert_eq!(correct(&mut b, 7, 2), Ok(0));
    }

    #[test]
    fn encoded_blocks_match_a_published_example() {
        // ISO/IEC 18004 Annex I: "01234567" at version 1-M.
        let data = [
            0x10, 0x20, 0x0c, 0x56, 0x61, 0x80, 0xec, 0x11, 0xec, 0x11, 0xec, 0x11, 0xec, 0x11,
            0xec, 0x11,
        ];
        assert_eq!(
            encode(&data, 10),
            [0xa5, 0x24, 0xd4, 0xc1, 0xed, 0x36, 0xc7, 0x87, 0x2c, 0x55]
        );
    }

    #[test]
    fn errors_up_to_the_capacity_are_corrected_and_one_more_is_refused() {
        // (data, ecc, capacity): blocks of every size QR uses at its limits.
        for (data_len, ecc, capacity) in [
            (19, 7, 2),
            (16, 10, 4),
            (9, 17, 8),
            (13, 13, 6),
            (55, 15, 7),
            (116, 30, 15),
            (15, 28, 14),
            (36, 16, 8),
        ] {
            for seed in 0..20 {
                let clean = block(data_len, ecc, seed);
                for errors in 1..=capacity {
                    let mut b = clean.clone();
                    damage(&mut b, errors, seed as usize);
                    let wrong = b.iter().zip(&clean).filter(|(a, c)| a != c).count();
                    assert_eq!(
                        correct(&mut b, ecc, capacity),
                        Ok(wrong),
                        "({data_len}, {ecc}) with {errors} errors, seed {seed}"
                    );
                    assert_eq!(b, clean);
                }
                let mut b = clean.clone();
                damage(&mut b, capacity + 1, seed as usize);
                let wrong = b.iter().zip(&clean).filter(|(a, c)| a != c).count();
                assert_eq!(wrong, capacity + 1);
                assert_eq!(
                    correct(&mut b, ecc, capacity),
                    Err(Uncorrectable),
                    "({data_len}, {ecc}) with {} errors, seed {seed}",
                    capacity + 1
                );
            }
        }
    }

    #[test]
    fn errors_in_the_error_correction_codewords_are_corrected_too() {
        let clean = block(16, 10, 7);
        let mut b = clean.clone();
        b[25] ^= 0xff;
        b[16] ^= 0x01;
        b[0] ^= 0x80;
        assert_eq!(correct(&mut b, 10, 4), Ok(3));
        assert_eq!(b, clean);
    }

    #[test]
    fn nonsense_parameters_are_refused() {
        let mut b = vec![0u8; 10];
        assert_eq!(correct(&mut b, 0, 0), Err(Uncorrectable));
        assert_eq!(correct(&mut b, 10, 5), Err(Uncorrectable));
        assert_eq!(correct(&mut b, 4, 3), Err(Uncorrectable));
        let mut long = vec![1u8; 300];
        assert_eq!(correct(&mut long, 30, 15), Err(Uncorrectable));
    }
}
