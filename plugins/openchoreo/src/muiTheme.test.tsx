import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { useTheme } from '@mui/material/styles';

function ThemeProbe() {
  const theme = useTheme();
  return (
    <span data-testid="probe">
      {JSON.stringify({
        mode: theme.palette.mode,
        // Only Backstage's themes have these palette entries.
        backstagePalette:
          'navigation' in theme.palette && 'status' in theme.palette,
        pageTheme: 'getPageTheme' in theme,
      })}
    </span>
  );
}

describe("the plugin's @mui/material components", () => {
  it("get Backstage's theme from the app (its palette, not MUI's default)", async () => {
    await renderInTestApp(<ThemeProbe />);
    expect(JSON.parse(screen.getByTestId('probe').textContent!)).toEqual({
      mode: 'light',
      backstagePalette: true,
      pageTheme: true,
    });
  });
});
