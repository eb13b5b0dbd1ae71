import { describe, expect, it } from 'vitest';
import { educateHtml, educateText } from '../../src/render/smartquotes.js';

describe('smart quotes (Sphinx smartquotes_action qDe)', () => {
  it('curls double and single quotes and apostrophes', () => {
    expect(educateText('"FP32, BF16"')).toBe('\u201cFP32, BF16\u201d');
    expect(educateText("it's 'quoted'")).toBe('it\u2019s \u2018quoted\u2019');
  });

  it('turns -- into an en dash, --- into an em dash and ... into an ellipsis', () => {
    expect(educateText('a -- b --- c...')).toBe('a \u2013 b \u2014 c\u2026');
  });

  it('leaves code and kbd untouched while keeping context across tags', () => {
    expect(educateHtml('<p>"x" <code>"y"</code> <em>"z"</em></p>')).toBe('<p>\u201cx\u201d <code>"y"</code> <em>\u201cz\u201d</em></p>');
  });

  it('does not touch attribute values', () => {
    expect(educateHtml('<a href="a--b">it\'s</a>')).toBe('<a href="a--b">it\u2019s</a>');
  });

  it('reads text before HTML escaping, so a quote before < opens (docutils: & is not punctuation)', () => {
    expect(educateHtml("<p>('&lt;x</p>")).toBe('<p>(\u2018&lt;x</p>');
    expect(educateHtml('<p>a &amp; "b"</p>')).toBe('<p>a &amp; \u201cb\u201d</p>');
  });
});
