/** The one HTML escape: markup characters in text become entities that stripHtml reads back. */
import { describe, expect, it } from 'vitest';
import { escapeHtml, stripHtml } from '../../../src/core/html.js';

describe('escapeHtml', () => {
  it('escapes &, <, > and the double quote that closes an attribute, ampersand first', () => {
    expect(escapeHtml('<a href="x">&amp;</a>')).toBe('&lt;a href=&quot;x&quot;&gt;&amp;amp;&lt;/a&gt;');
  });

  it('round-trips through stripHtml', () => {
    const text = 'if a < b && c > "d" then «ок»';
    expect(stripHtml(`<p>${escapeHtml(text)}</p>`)).toBe(text);
  });
});
