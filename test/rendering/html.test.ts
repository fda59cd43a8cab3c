import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  emailLayout,
  escapeHtml,
  html,
  oneLine,
  raw,
  SafeHtml,
  safeUrl,
} from '../../functions/rendering/html.ts';
import { page } from '../../functions/rendering/page-layout.ts';
import { IMG, SCRIPT, tags } from './helpers.ts';

describe('escapeHtml', () => {
  it('escapes the five significant characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });

  it('leaves no markup-significant character in any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(escapeHtml(s)).not.toMatch(/[<>"']|&(?!amp;|lt;|gt;|quot;|#39;)/);
      }),
    );
  });
});

describe('html tagged template', () => {
  it('escapes interpolated strings and numbers but keeps literal markup', () => {
    const out = html`<p title="${IMG}">${SCRIPT} ${3}</p>`.toString();
    expect(out).toBe(
      '<p title="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;">&lt;script&gt;alert(1)&lt;/script&gt; 3</p>',
    );
  });

  it('does not escape nested html or raw, and flattens arrays', () => {
    const items = ['a&b', '<i>'].map((s) => html`<li>${s}</li>`);
    const out = html`<ul>${items}</ul>${raw('<hr>')}`.toString();
    expect(out).toBe('<ul><li>a&amp;b</li><li>&lt;i&gt;</li></ul><hr>');
  });

  it('renders null, undefined and booleans as nothing', () => {
    expect(html`[${null}${undefined}${false}${true}]`.toString()).toBe('[]');
  });

  it('returns SafeHtml', () => {
    expect(html`x`).toBeInstanceOf(SafeHtml);
  });
});

describe('safeUrl', () => {
  it('accepts http(s) URLs and, when allowed, same-site paths', () => {
    expect(safeUrl('https://ladder.example/feedback/abc')).toBe('https://ladder.example/feedback/abc');
    expect(safeUrl('http://localhost:3000/feedback/abc')).toBe('http://localhost:3000/feedback/abc');
    expect(safeUrl('/feedback/abc', { allowRelative: true })).toBe('/feedback/abc');
  });

  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:x',
  ])('rejects %s', (url) => {
    expect(() => safeUrl(url, { allowRelative: true })).toThrow();
  });

  it('rejects relative and protocol-relative URLs unless allowed', () => {
    expect(() => safeUrl('/feedback/abc')).toThrow();
    expect(() => safeUrl('//evil.example/x', { allowRelative: true })).toThrow();
  });
});

describe('oneLine', () => {
  it('removes every kind of line break and control character', () => {
    expect(oneLine('a\r\nb\nc\rd\u2028e\u2029f\u0085g\th\u0000i  j ')).toBe('a b c d e f g h i j');
  });

  it('keeps no-break spaces (French punctuation)', () => {
    expect(oneLine('Rappel\u00a0: votre\n  avis')).toBe('Rappel\u00a0: votre avis');
  });

  it('never leaves a line break', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(oneLine(s)).not.toMatch(/[\r\n\u2028\u2029\u0085]/);
      }),
    );
  });
});

describe('page layout', () => {
  const doc = page({
    lang: 'en',
    title: `Title ${SCRIPT} – Ladder`,
    body: html`<h1>Hello</h1>`,
    footer: `Footer ${SCRIPT}`,
  });

  it('is a complete, accessible, mobile-friendly document', () => {
    expect(doc.startsWith('<!doctype html>')).toBe(true);
    const all = tags(doc);
    expect(all.find((t) => t.name === 'html')?.attrs.lang).toBe('en');
    expect(all.some((t) => t.name === 'meta' && t.attrs.charset === 'utf-8')).toBe(true);
    expect(all.find((t) => t.name === 'meta' && t.attrs.name === 'viewport')?.attrs.content).toContain(
      'width=device-width',
    );
    expect(all.filter((t) => t.name === 'main')).toHaveLength(1);
    expect(doc).toMatch(/:focus-visible\{outline:3px solid/);
  });

  it('escapes the title and carries no scripts or third-party assets', () => {
    expect(doc).toContain('<title>Title &lt;script&gt;alert(1)&lt;/script&gt; – Ladder</title>');
    expect(doc).toContain('<footer><p>Footer &lt;script&gt;alert(1)&lt;/script&gt;</p></footer>');
    const all = tags(doc);
    expect(all.filter((t) => ['script', 'link', 'img', 'iframe'].includes(t.name))).toEqual([]);
    expect(doc).not.toMatch(/https?:\/\/|@import|url\(/);
    const csp = all.find((t) => t.name === 'meta' && t.attrs['http-equiv'] === 'Content-Security-Policy');
    expect(csp?.attrs.content).toContain("default-src 'none'");
  });

  it('emailLayout escapes title and preheader', () => {
    const mail = emailLayout({
      lang: 'de',
      title: SCRIPT,
      preheader: IMG,
      body: html`<p>x</p>`,
      footer: IMG,
    });
    expect(mail).not.toContain(SCRIPT);
    expect(mail).not.toContain('<img');
    expect(tags(mail).find((t) => t.name === 'html')?.attrs.lang).toBe('de');
    expect(tags(mail).some((t) => t.name === 'meta' && t.attrs.name === 'viewport')).toBe(true);
  });
});
