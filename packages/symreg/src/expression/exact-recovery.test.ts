import { describe, expect, it } from 'vitest';
import { isExactRecovery } from './exact-recovery.js';

describe('isExactRecovery', () => {
  const gaussRanges = { theta: [1, 3] as const };
  it('accepts the truth in another form with constants to 3 digits', () => {
    const truth = 'exp(-theta^2/2)/sqrt(2*pi)';
    expect(isExactRecovery('exp(theta*theta*(-0.5))*0.3989423', truth, { ranges: gaussRanges })).toBe(true);
    expect(isExactRecovery('exp(-0.5*square(theta))/2.5066283', truth, { ranges: gaussRanges })).toBe(true);
    expect(isExactRecovery('0.39894 * exp(-0.50001 * theta^2)', truth, { ranges: gaussRanges })).toBe(true);
    expect(isExactRecovery('m_0 / sqrt(1 - (v/c)*(v/c))', 'm_0/sqrt(1-v^2/c^2)', { ranges: { m_0: [1, 5], v: [1, 2], c: [3, 10] } })).toBe(true);
    expect(isExactRecovery('k_spring*x*x*0.5', '1/2*k_spring*x^2', { ranges: { k_spring: [1, 5], x: [1, 5] } })).toBe(true);
  });

  it('rejects approximations and wrong constants', () => {
    const truth = 'exp(-theta^2/2)/sqrt(2*pi)';
    expect(isExactRecovery('0.41 * exp(-0.5 * theta^2)', truth, { ranges: gaussRanges })).toBe(false);
    expect(isExactRecovery('0.3989 * exp(-0.52 * theta^2)', truth, { ranges: gaussRanges })).toBe(false);
    // Taylor approximation of the relativistic mass: close in range, not exact.
    expect(
      isExactRecovery('m_0 * (1 + 0.5*v^2/c^2 + 0.375*v^4/c^4)', 'm_0/sqrt(1-v^2/c^2)', { ranges: { m_0: [1, 5], v: [1, 2], c: [3, 10] } }),
    ).toBe(false);
    expect(isExactRecovery('mu + Nn', 'mu*Nn', { ranges: { mu: [1, 5], Nn: [1, 5] } })).toBe(false);
    expect(isExactRecovery('mu * q', 'mu*Nn', { ranges: { mu: [1, 5], Nn: [1, 5] } })).toBe(false);
    expect(isExactRecovery('not a formula (', 'mu*Nn', { ranges: { mu: [1, 5], Nn: [1, 5] } })).toBe(false);
  });

  it('uses the number of significant digits asked for', () => {
    const options = { ranges: { x: [1, 5] as const } };
    expect(isExactRecovery('3.1416 * x', 'pi*x', options)).toBe(true);
    expect(isExactRecovery('3.1416 * x', 'pi*x', { ...options, significantDigits: 6 })).toBe(false);
  });
});
