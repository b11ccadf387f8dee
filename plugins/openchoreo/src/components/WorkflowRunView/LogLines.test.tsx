import { screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
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

async function renderLines(
  props: Partial<Parameters<typeof LogLines>[0]> = {},
) {
  const onLinkLine = jest.fn();
  await renderInTestApp(
    <LogLines
      lines={lines}
      fileName="run-1-build-image.log"
      lineHref={n => `?run=run-1&step=build-image&line=${n}`}
      onLinkLine={onLinkLine}
      canFollow={false}
      {...props}
    />,
  );
  return { onLinkLine };
}

describe('LogLines', () => {
  it('finds matches case-insensitively, counts them and steps through them', async () => {
    await renderLines();
    await user.type(screen.getByLabelText('Search logs'), 'error');
    expect(screen.getByRole('status')).toHaveTextContent('1 of 2 matches');
    const marks = screen.getByRole('log').querySelectorAll('mark');
    expect([...marks].map(m => m.textContent)).toEqual(['ERROR', 'error']);
    await user.click(screen.getByRole('button', { name: 'Next match' }));
    expect(screen.getByRole('status')).toHaveTextContent('2 of 2 matches');
    await user.click(screen.getByRole('button', { name: 'Next match' }));
    expect(screen.getByRole('status')).toHaveTextContent('1 of 2 matches');
    await user.clear(screen.getByLabelText('Search logs'));
    await user.type(screen.getByLabelText('Search logs'), 'kaniko');
    expect(screen.getByRole('status')).toHaveTextContent('No matches');
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

  it('links every line by its number and highlights the linked one', async () => {
    const scrollIntoView = jest.fn();
    Element.prototype.scrollIntoView = scrollIntoView;
    const { onLinkLine } = await renderLines({ linkedLine: 3 });
    const log = screen.getByRole('log');
    const linked = log.querySelector('[aria-current="true"]');
    expect(linked).toHaveTextContent('ERROR: go build failed');
    expect(scrollIntoView).toHaveBeenCalled();
    const link = within(log).getByRole('link', { name: 'Link to line 4' });
    expect(link).toHaveAttribute('href', '?run=run-1&step=build-image&line=4');
    await user.click(link);
    expect(onLinkLine).toHaveBeenCalledWith(4);
  });

  it('offers Follow only while the step runs', async () => {
    await renderLines({ canFollow: true });
    expect(screen.getByRole('checkbox', { name: 'Follow' })).toBeChecked();
  });
});
