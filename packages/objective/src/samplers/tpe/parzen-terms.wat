;; The multivariate Parzen estimator's hot loops (see parzen-terms.ts), two kernels per SIMD
;; instruction. Assembled by scripts/build-wasm.mjs into parzen-terms-wasm.ts.
(module
  (memory (export "memory") 1)
  ;; Log terms of m kernels at one sample: acc[i] = off[i] - norm, then acc[i] += ts[d] * cols[d][i]
  ;; for each dimension d in order -- per kernel the same IEEE operations in the same order as the
  ;; JavaScript loops of parzen-continuous.ts, so the same bits. Returns the largest acc[i] (NaN ignored,
  ;; -Infinity when m = 0). Pointers are byte offsets; cols[d] starts at cols + d * stride.
  (func (export "terms") (param $cols i32) (param $stride i32) (param $off i32) (param $m i32) (param $nDims i32) (param $ts i32) (param $norm f64) (param $acc i32) (result f64)
    (local $p i32) (local $end2 i32) (local $end i32) (local $d i32) (local $col i32) (local $t v128) (local $mx v128) (local $tf f64) (local $max f64) (local $v f64)
    (local.set $end (i32.shl (local.get $m) (i32.const 3)))
    (local.set $end2 (i32.and (local.get $end) (i32.const -16)))
    (local.set $t (f64x2.splat (local.get $norm)))
    (local.set $p (i32.const 0))
    (block $b0 (loop $l0
      (br_if $b0 (i32.ge_u (local.get $p) (local.get $end2)))
      (v128.store (i32.add (local.get $acc) (local.get $p)) (f64x2.sub (v128.load (i32.add (local.get $off) (local.get $p))) (local.get $t)))
      (local.set $p (i32.add (local.get $p) (i32.const 16)))
      (br $l0)))
    (if (i32.lt_u (local.get $end2) (local.get $end))
      (then (f64.store (i32.add (local.get $acc) (local.get $end2)) (f64.sub (f64.load (i32.add (local.get $off) (local.get $end2))) (local.get $norm)))))
    (local.set $d (i32.const 0))
    (block $bd (loop $ld
      (br_if $bd (i32.ge_u (local.get $d) (local.get $nDims)))
      (local.set $col (i32.add (local.get $cols) (i32.mul (local.get $d) (local.get $stride))))
      (local.set $tf (f64.load (i32.add (local.get $ts) (i32.shl (local.get $d) (i32.const 3)))))
      (local.set $t (f64x2.splat (local.get $tf)))
      (local.set $p (i32.const 0))
      (block $b1 (loop $l1
        (br_if $b1 (i32.ge_u (local.get $p) (local.get $end2)))
        (v128.store (i32.add (local.get $acc) (local.get $p))
          (f64x2.add (v128.load (i32.add (local.get $acc) (local.get $p))) (f64x2.mul (local.get $t) (v128.load (i32.add (local.get $col) (local.get $p))))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $l1)))
      (if (i32.lt_u (local.get $end2) (local.get $end))
        (then (f64.store (i32.add (local.get $acc) (local.get $end2))
          (f64.add (f64.load (i32.add (local.get $acc) (local.get $end2))) (f64.mul (local.get $tf) (f64.load (i32.add (local.get $col) (local.get $end2))))))))
      (local.set $d (i32.add (local.get $d) (i32.const 1)))
      (br $ld)))
    (local.set $mx (f64x2.splat (f64.const -inf)))
    (local.set $p (i32.const 0))
    (block $b2 (loop $l2
      (br_if $b2 (i32.ge_u (local.get $p) (local.get $end2)))
      (local.set $mx (f64x2.pmax (local.get $mx) (v128.load (i32.add (local.get $acc) (local.get $p)))))
      (local.set $p (i32.add (local.get $p) (i32.const 16)))
      (br $l2)))
    (local.set $max (f64x2.extract_lane 0 (local.get $mx)))
    (local.set $v (f64x2.extract_lane 1 (local.get $mx)))
    (if (f64.gt (local.get $v) (local.get $max)) (then (local.set $max (local.get $v))))
    (if (i32.lt_u (local.get $end2) (local.get $end))
      (then
        (local.set $v (f64.load (i32.add (local.get $acc) (local.get $end2))))
        (if (f64.gt (local.get $v) (local.get $max)) (then (local.set $max (local.get $v))))))
    (local.get $max))
  ;; Sum of exp(acc[i] - max) over the acc[i] > max - cutoff (the rest left out), i < m, in index order,
  ;; for a finite max and cutoff <= 745. exp(y) for y <= 0 is expNonPositive of normal-math.ts operation
  ;; for operation (the same bits): y = -(k/64) ln2 + r, a degree-5 polynomial of exp(r) times
  ;; 2^(-(k mod 64)/64) (the table at $pow2) times 2^(-floor(k/64)) (built from its exponent bits).
  (func (export "looseSum") (param $acc i32) (param $m i32) (param $max f64) (param $cutoff f64) (param $pow2 i32) (result f64)
    (local $p i32) (local $end i32) (local $end2 i32) (local $floor f64) (local $sum f64) (local $y f64) (local $k f64) (local $r f64) (local $ki i32)
    (local $v v128) (local $mask v128) (local $yv v128) (local $kv v128) (local $rv v128) (local $kiv v128) (local $f v128) (local $e v128)
    (local.set $end (i32.add (local.get $acc) (i32.shl (local.get $m) (i32.const 3))))
    (local.set $end2 (i32.add (local.get $acc) (i32.and (i32.shl (local.get $m) (i32.const 3)) (i32.const -16))))
    (local.set $floor (f64.sub (local.get $max) (local.get $cutoff)))
    ;; Two terms at a time: each lane computes exactly what the scalar loop below does; left-out
    ;; lanes are zeroed, and the lanes are added to the sum one after the other (x + 0 = x), so
    ;; the sum is the scalar loop's.
    (local.set $p (local.get $acc))
    (block $bv (loop $lv
      (br_if $bv (i32.ge_u (local.get $p) (local.get $end2)))
      (local.set $v (v128.load (local.get $p)))
      (local.set $mask (f64x2.gt (local.get $v) (f64x2.splat (local.get $floor))))
      (if (v128.any_true (local.get $mask))
        (then
          (local.set $yv (f64x2.sub (local.get $v) (f64x2.splat (local.get $max))))
          (local.set $rv (f64x2.mul (f64x2.neg (local.get $yv)) (f64x2.splat (f64.const 92.33248261689366))))
          (local.set $kv (f64x2.ceil (local.get $rv)))
          (local.set $kv (f64x2.sub (local.get $kv)
            (v128.and (f64x2.gt (f64x2.sub (local.get $kv) (f64x2.splat (f64.const 0.5))) (local.get $rv)) (f64x2.splat (f64.const 1)))))
          (local.set $rv (f64x2.add (f64x2.add (local.get $yv) (f64x2.mul (local.get $kv) (f64x2.splat (f64.const 0.01083042469326756))))
            (f64x2.mul (local.get $kv) (f64x2.splat (f64.const 2.9815858269852933e-12)))))
          (local.set $kiv (i32x4.trunc_sat_f64x2_s_zero (local.get $kv)))
          (local.set $f (f64x2.splat (f64.load (i32.add (local.get $pow2) (i32.shl (i32.and (i32x4.extract_lane 0 (local.get $kiv)) (i32.const 63)) (i32.const 3))))))
          (local.set $f (f64x2.replace_lane 1 (local.get $f) (f64.load (i32.add (local.get $pow2) (i32.shl (i32.and (i32x4.extract_lane 1 (local.get $kiv)) (i32.const 63)) (i32.const 3))))))
          ;; The polynomial 1 + r(1 + r(1/2 + r(1/6 + r(1/24 + r/120)))), innermost first.
          (local.set $e (f64x2.mul (local.get $rv) (f64x2.splat (f64.const 0.008333333333333333))))
          (local.set $e (f64x2.mul (local.get $rv) (f64x2.add (f64x2.splat (f64.const 0.041666666666666664)) (local.get $e))))
          (local.set $e (f64x2.mul (local.get $rv) (f64x2.add (f64x2.splat (f64.const 0.16666666666666666)) (local.get $e))))
          (local.set $e (f64x2.mul (local.get $rv) (f64x2.add (f64x2.splat (f64.const 0.5)) (local.get $e))))
          (local.set $e (f64x2.mul (local.get $rv) (f64x2.add (f64x2.splat (f64.const 1)) (local.get $e))))
          (local.set $e (f64x2.add (f64x2.splat (f64.const 1)) (local.get $e)))
          ;; times 2^(-(k mod 64)/64), times 2^(-floor(k/64)); left-out lanes zeroed.
          (local.set $e (f64x2.mul (f64x2.mul (local.get $e) (local.get $f))
            (i64x2.shl (i64x2.sub (i64x2.splat (i64.const 1023)) (i64x2.shr_s (i64x2.extend_low_i32x4_s (local.get $kiv)) (i32.const 6))) (i32.const 52))))
          (local.set $e (v128.and (local.get $mask) (local.get $e)))
          (local.set $sum (f64.add (f64.add (local.get $sum) (f64x2.extract_lane 0 (local.get $e))) (f64x2.extract_lane 1 (local.get $e))))))
      (local.set $p (i32.add (local.get $p) (i32.const 16)))
      (br $lv)))
    ;; The last term when m is odd.
    (block $b (loop $l
      (br_if $b (i32.ge_u (local.get $p) (local.get $end)))
      (local.set $y (f64.load (local.get $p)))
      (if (f64.gt (local.get $y) (local.get $floor))
        (then
          (local.set $y (f64.sub (local.get $y) (local.get $max)))
          ;; k = Math.round(-y * 64/ln2) as V8 computes it: the ceiling, less 1 when that is more than 1/2 above.
          (local.set $r (f64.mul (f64.neg (local.get $y)) (f64.const 92.33248261689366)))
          (local.set $k (f64.ceil (local.get $r)))
          (if (f64.gt (f64.sub (local.get $k) (f64.const 0.5)) (local.get $r))
            (then (local.set $k (f64.sub (local.get $k) (f64.const 1)))))
          (local.set $r (f64.add (f64.add (local.get $y) (f64.mul (local.get $k) (f64.const 0.01083042469326756))) (f64.mul (local.get $k) (f64.const 2.9815858269852933e-12))))
          (local.set $ki (i32.trunc_f64_s (local.get $k)))
          (local.set $sum (f64.add (local.get $sum)
            (f64.mul
              (f64.mul
                (f64.add (f64.const 1) (f64.mul (local.get $r) (f64.add (f64.const 1) (f64.mul (local.get $r) (f64.add (f64.const 0.5) (f64.mul (local.get $r) (f64.add (f64.const 0.16666666666666666) (f64.mul (local.get $r) (f64.add (f64.const 0.041666666666666664) (f64.mul (local.get $r) (f64.const 0.008333333333333333)))))))))))
                (f64.load (i32.add (local.get $pow2) (i32.shl (i32.and (local.get $ki) (i32.const 63)) (i32.const 3)))))
              (f64.reinterpret_i64 (i64.shl (i64.extend_i32_s (i32.sub (i32.const 1023) (i32.shr_s (local.get $ki) (i32.const 6)))) (i64.const 52))))))))
      (local.set $p (i32.add (local.get $p) (i32.const 8)))
      (br $l)))
    (local.get $sum))
)
