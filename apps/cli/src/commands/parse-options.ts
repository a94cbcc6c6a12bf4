import { InvalidArgumentError } from 'commander';

/** A commander argument parser for positive integers that names the flag and echoes the value. */
export function parsePositiveInt(flag: string): (value: string) => number {
  return (value: string) => {
    if (!/^\d+$/.test(value) || Number(value) <= 0) throw new InvalidArgumentError(`expected a positive integer for \`${flag}\`, got ${JSON.stringify(value)}`);
    return Number(value);
  };
}

/** A commander argument parser for non-negative integers. */
export function parseNonNegativeInt(flag: string): (value: string) => number {
  return (value: string) => {
    if (!/^\d+$/.test(value)) throw new InvalidArgumentError(`expected a non-negative integer for \`${flag}\`, got ${JSON.stringify(value)}`);
    return Number(value);
  };
}

/** A commander argument parser for positive numbers. */
export function parsePositiveNumber(flag: string): (value: string) => number {
  return (value: string) => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`expected a positive number for \`${flag}\`, got ${JSON.stringify(value)}`);
    return n;
  };
}
