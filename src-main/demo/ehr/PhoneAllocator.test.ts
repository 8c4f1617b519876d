// DEMO ENVIRONMENT (simulation): fictional phone numbers for the synthetic population.
import { isValidPhoneNumber } from 'libphonenumber-js';
import { describe, expect, it } from 'vitest';
import { PhoneAllocator } from './PhoneAllocator';

describe('PhoneAllocator', () => {
  it('hands out every one of 8,000 fictional lines of an area code exactly once, never 555-1212 or 555-4334', () => {
    const phones = new PhoneAllocator(17);
    const numbers = Array.from({ length: 8000 }, () => phones.allocate([617]));
    expect(new Set(numbers).size).toBe(8000);
    for (const n of numbers) {
      expect(n).toMatch(/^\+1617555\d{4}$/);
      expect(['1212', '4334']).not.toContain(n.slice(-4));
    }
    expect(numbers.every((n) => isValidPhoneNumber(n))).toBe(true);
  });

  it('moves on to the fallback area codes when the preferred ones are used up, then refuses', () => {
    const phones = new PhoneAllocator(0);
    for (let i = 0; i < 8000; i++) phones.allocate([415]);
    expect(phones.allocate([415], [628])).toMatch(/^\+1628555/);
    for (let i = 0; i < 7999; i++) phones.allocate([628]);
    expect(() => phones.allocate([415], [628])).toThrow(/No fictional 555 numbers left/);
  });

  it('does not look sequential, and depends on the offset', () => {
    const a = new PhoneAllocator(1);
    const b = new PhoneAllocator(2);
    const first = [a.allocate([212]), a.allocate([212])];
    expect(Math.abs(Number(first[0]?.slice(-4)) - Number(first[1]?.slice(-4)))).toBeGreaterThan(1);
    expect(b.allocate([212])).not.toBe(first[0]);
  });
});
