import { describe, expect, it } from '@jest/globals';
import { CursorPages, parseJsonObject } from './admin-view.js';

describe('audit trail pages (keyset cursors walked both ways)', () => {
  it('should go back to the cursor of the previous page when the user turns back', () => {
    const pages = new CursorPages();
    expect([pages.current, pages.number, pages.hasPrevious]).toEqual([null, 1, false]);
    pages.next('120');
    pages.next('95');
    expect([pages.current, pages.number, pages.hasPrevious]).toEqual(['95', 3, true]);
    pages.previous();
    expect([pages.current, pages.number]).toEqual(['120', 2]);
    pages.previous();
    pages.previous();
    expect([pages.current, pages.number, pages.hasPrevious]).toEqual([null, 1, false]);
  });
});

describe('template sample data (JSON text → object)', () => {
  it('should accept a JSON object and refuse invalid JSON, arrays and scalars with a reason', () => {
    expect(parseJsonObject('{ "invoice": { "number": "F-1" } }')).toEqual({ ok: true, value: { invoice: { number: 'F-1' } } });
    for (const text of ['{ "invoice": ', '[1, 2]', '"text"', 'null', '42']) {
      const parsed = parseJsonObject(text);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.message.length).toBeGreaterThan(0);
    }
  });
});
