import { useMemo, useState } from 'react';
import { act, screen, waitFor, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { mockLayout } from '../../__testUtils__/layout';
import { setupUser } from '../../__testUtils__/user';
import { LogLines, logsAsText } from './LogLines';

// Dialogs, forms and tables of MUI take seconds on a loaded machine.
jest.setTimeout(30_000);
const user = setupUser();
const lines = [
  {
    timestamp: '2026-01-01T10:00:00Z',
    log: '+ git clone https://github.com/o/r',
  },
  { timestamp: '2026-01-01T10:00:05Z', log: 'Step 1/4 : FROM golang:1.22' },
  { log: 'ERROR: go build failed' },
  { timestamp: '2026-01-01T10:00:09Z', log: 'error: exit status 1' },
];
/** A long log: line n says `line n`, every 100th also `ERROR`. */
const longLog = (count: number) =>
  Array.from({ length: count }, (_, i) => ({
    log: `line ${i + 1}${(i + 1) % 100 === 0 ? ' ERROR' : ''}`,
  }));

// A 480px box of 20px lines: 24 lines in view.
let undoLayout: () => void;
beforeEach(() => {
  undoLayout = mockLayout({
    viewport: '[role="log"]',
    viewportHeight: 480,
    row: '[data-line]',
    rowHeight: 20,
  });
});
afterEach(() => undoLayout());

async function renderLines(
  props: Partial<Parameters<typeof LogLines>[0]> = {},
) {
  const onLinkLine = jest.fn();
  const rendered = await renderInTestApp(
    <LogLines
      lines={lines}
      fileName="run-1-build-image.log"
      lineHref={n => `?run=run-1&step=build-image&line=${n}`}
      onLinkLine={onLinkLine}
      canFollow={false}
      {...props}
    />,
  );
  return { onLinkLine, ...rendered };
}

/** The numbers of the lines in the DOM. */
const drawnLines = () =>
  [...screen.getByRole('log').querySelectorAll('[data-line]')].map(l =>
    Number(l.getAttribute('data-line')),
  );

describe('LogLines', () => {
  it('finds matches case-insensitively, counts them and steps through them', async () => {
    await renderLines();
    await user.type(screen.getByLabelText('Search logs'), 'error');
    expect(await screen.findByRole('status')).toHaveTextContent(
      '1 of 2 matches',
    );
    const marks = screen.getByRole('log').querySelectorAll('mark');
    expect([...marks].map(m => m.textContent)).toEqual(['ERROR', 'error']);
    await user.click(screen.getByRole('button', { name: 'Next match' }));
    expect(screen.getByRole('status')).toHaveTextContent('2 of 2 matches');
    await user.click(screen.getByRole('button', { name: 'Next match' }));
    expect(screen.getByRole('status')).toHaveTextContent('1 of 2 matches');
    await user.clear(screen.getByLabelText('Search logs'));
    await user.type(screen.getByLabelText('Search logs'), 'kaniko');
    await waitFor(() =>
      expect(screen.getByRole('status')).toHaveTextContent('No matches'),
    );
  });

  it('searches characters that mean something in a pattern literally', async () => {
    await renderLines();
    await user.type(screen.getByLabelText('Search logs'), '1/4 :');
    expect(await screen.findByRole('status')).toHaveTextContent(
      '1 of 1 matches',
    );
    await user.clear(screen.getByLabelText('Search logs'));
    await user.type(screen.getByLabelText('Search logs'), '.*');
    await waitFor(() =>
      expect(screen.getByRole('status')).toHaveTextContent('No matches'),
    );
  });

  it('draws only the lines in view, whatever the length of the log', async () => {
    await renderLines({ lines: longLog(10_000) });
    const drawn = drawnLines();
    expect(drawn[0]).toBe(1);
    expect(drawn.length).toBeGreaterThanOrEqual(24);
    // The lines in view and a few more around them; not 10,000.
    expect(drawn.length).toBeLessThan(50);
  });

  it('scrolls to the match it steps to, far down a long log', async () => {
    await renderLines({ lines: longLog(10_000) });
    await user.type(screen.getByLabelText('Search logs'), 'error');
    expect(await screen.findByRole('status')).toHaveTextContent(
      '1 of 100 matches',
    );
    await waitFor(() => expect(drawnLines()).toContain(100));
    await user.click(screen.getByRole('button', { name: 'Previous match' }));
    expect(screen.getByRole('status')).toHaveTextContent('100 of 100 matches');
    await waitFor(() => expect(drawnLines()).toContain(10_000));
    expect(drawnLines()).not.toContain(1);
    expect(
      screen.getByRole('log').querySelector('[data-line="10000"] mark'),
    ).toHaveTextContent('ERROR');
  });

  it('downloads every line, with its timestamp, as a file named after the run and step', async () => {
    const createObjectURL = jest.fn((_blob: Blob) => 'blob:logs');
    const revokeObjectURL = jest.fn();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function clickAnchor(this: HTMLAnchorElement) {
        expect(this.download).toBe('run-1-build-image.log');
        expect(this.href).toBe('blob:logs');
      });
    await renderLines();
    await user.click(screen.getByRole('button', { name: 'Download logs' }));
    expect(click).toHaveBeenCalledTimes(1);
    const blob = createObjectURL.mock.calls[0][0];
    expect(await blob.text()).toBe(logsAsText(lines));
    expect(logsAsText(lines)).toBe(
      '2026-01-01T10:00:00Z + git clone https://github.com/o/r\n' +
        '2026-01-01T10:00:05Z Step 1/4 : FROM golang:1.22\n' +
        'ERROR: go build failed\n' +
        '2026-01-01T10:00:09Z error: exit status 1\n',
    );
    expect(revokeObjectURL).toHaveBeenCalledWith('blob:logs');
    click.mockRestore();
  });

  it('copies every line, not only the ones drawn, and says so', async () => {
    const writeText = jest.fn(async (_text: string) => {});
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText },
    });
    const long = longLog(1000);
    await renderLines({ lines: long });
    await user.click(screen.getByRole('button', { name: 'Copy logs' }));
    expect(await screen.findByRole('status')).toHaveTextContent(
      'Copied 1000 lines',
    );
    expect(writeText).toHaveBeenCalledWith(logsAsText(long));
  });

  it('says when the browser refuses the clipboard', async () => {
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: {
        writeText: jest.fn(async () => Promise.reject(new Error('no'))),
      },
    });
    await renderLines();
    await user.click(screen.getByRole('button', { name: 'Copy logs' }));
    expect(await screen.findByRole('status')).toHaveTextContent(
      'Could not copy',
    );
  });

  it('links every line by its number and highlights the linked one', async () => {
    const { onLinkLine } = await renderLines({ linkedLine: 3 });
    const log = screen.getByRole('log');
    const linked = log.querySelector('[aria-current="true"]');
    expect(linked).toHaveTextContent('ERROR: go build failed');
    const link = within(log).getByRole('link', { name: 'Link to line 4' });
    expect(link).toHaveAttribute('href', '?run=run-1&step=build-image&line=4');
    await user.click(link);
    expect(onLinkLine).toHaveBeenCalledWith(4);
  });

  it('opens a long log at the linked line', async () => {
    await renderLines({ lines: longLog(10_000), linkedLine: 4321 });
    await waitFor(() => expect(drawnLines()).toContain(4321));
    expect(drawnLines()).not.toContain(1);
    expect(
      screen.getByRole('log').querySelector('[aria-current="true"]'),
    ).toHaveTextContent(/^4321line 4321$/);
  });

  it('offers Follow only while the step runs, and then keeps the newest line in view', async () => {
    let grow: (count: number) => void = () => {};
    function Growing() {
      const [count, setCount] = useState(1000);
      grow = setCount;
      const grown = useMemo(() => longLog(count), [count]);
      return (
        <LogLines
          lines={grown}
          fileName="run-1-build-image.log"
          lineHref={n => `?line=${n}`}
          onLinkLine={jest.fn()}
          canFollow
        />
      );
    }
    await renderInTestApp(<Growing />);
    expect(screen.getByRole('checkbox', { name: 'Follow' })).toBeChecked();
    await waitFor(() => expect(drawnLines()).toContain(1000));
    act(() => grow(2000));
    await waitFor(() => expect(drawnLines()).toContain(2000));
    await user.click(screen.getByRole('checkbox', { name: 'Follow' }));
    act(() => grow(3000));
    // Unfollowed: the view stays where it was.
    expect(drawnLines()).toContain(2000);
    expect(drawnLines()).not.toContain(3000);
  });

  it('does not offer Follow for a finished step', async () => {
    await renderLines();
    expect(screen.queryByRole('checkbox', { name: 'Follow' })).toBeNull();
  });
});
