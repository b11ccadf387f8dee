import fs from 'node:fs';
import path from 'node:path';
import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { SidebarOpenStateProvider } from '@backstage/core-components';
import { SidebarLogo } from './SidebarLogo';

function renderLogo(isOpen: boolean, title?: string) {
  return renderInTestApp(
    <SidebarOpenStateProvider value={{ isOpen, setOpen: () => {} }}>
      <SidebarLogo />
    </SidebarOpenStateProvider>,
    {
      config: {
        app: { baseUrl: 'http://localhost:3000', ...(title ? { title } : {}) },
        backend: { baseUrl: 'http://localhost:7007' },
      },
    },
  );
}

describe('SidebarLogo', () => {
  it('shows the OpenChoreo mark and the portal title of app.title in the open sidebar', async () => {
    await renderLogo(true, 'Acme Developer Portal');

    const home = screen.getByRole('link', { name: 'Home' });
    expect(home).toHaveTextContent('Acme Developer Portal');
    expect(home.querySelector('svg')).not.toBeNull();
  });

  it('says OpenChoreo without app.title', async () => {
    await renderLogo(true);
    expect(screen.getByRole('link', { name: 'Home' })).toHaveTextContent(
      /^OpenChoreo$/,
    );
  });

  it('shows the mark alone in the collapsed sidebar', async () => {
    await renderLogo(false, 'Acme Developer Portal');

    const home = screen.getByRole('link', { name: 'Home' });
    expect(home).toHaveTextContent(/^$/);
    expect(home.querySelector('svg')).not.toBeNull();
  });
});

describe('the page shell (public/)', () => {
  const read = (file: string) =>
    fs.readFileSync(path.join(__dirname, '../../../public', file), 'utf8');

  it('names the portal OpenChoreo, with the title from app.title', () => {
    const index = read('index.html');
    expect(index).toContain(
      "<title><%= config.getOptionalString('app.title') ?? 'OpenChoreo' %></title>",
    );
    expect(index).not.toMatch(/Backstage/);
    const manifest = JSON.parse(read('manifest.json'));
    expect(manifest).toMatchObject({
      name: 'OpenChoreo',
      short_name: 'OpenChoreo',
    });
    for (const icon of manifest.icons) {
      expect(
        fs.existsSync(path.join(__dirname, '../../../public', icon.src)),
      ).toBe(true);
    }
  });
});
