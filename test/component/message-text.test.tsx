// @vitest-environment happy-dom
import { cleanup, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { MessageText, safeHref } from '../../components/MessageText';
import { renderIn } from './render';

afterEach(cleanup);

describe('MessageText: a message is text, never HTML', () => {
  it('shows markup as typed and runs nothing', () => {
    const text = '<img src=x onerror="alert(1)"> <b>vet</b> & <script>alert(2)</script>';
    const { container } = renderIn(<MessageText text={text} />);
    expect(container.textContent).toBe(text);
    expect(container.querySelector('img, b, script')).toBeNull();
  });

  it('makes http and https addresses links that open safely in a new tab', () => {
    renderIn(<MessageText text={'Zie https://example.org/afspraken, en http://intranet.local/x.'} />);
    const links = screen.getAllByRole('link');
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['https://example.org/afspraken', 'http://intranet.local/x']);
    for (const a of links) {
      expect(a.getAttribute('rel')).toBe('noopener noreferrer');
      expect(a.getAttribute('target')).toBe('_blank');
    }
  });

  it.each(['javascript:alert(1)', 'data:text/html,<b>x</b>', 'file:///etc/passwd', 'vbscript:msgbox'])('never links %s', (text) => {
    const { container } = renderIn(<MessageText text={`klik ${text}`} />);
    expect(container.querySelector('a')).toBeNull();
    expect(container.textContent).toBe(`klik ${text}`);
  });

  it('keeps line breaks and only accepts http(s) as link targets', () => {
    const { container } = renderIn(<MessageText text={'regel 1\nregel 2'} />);
    expect(container.textContent).toBe('regel 1\nregel 2');
    expect(safeHref('https://a.nl/x')).toBe('https://a.nl/x');
    expect(safeHref('javascript:alert(1)')).toBeNull();
  });
});
