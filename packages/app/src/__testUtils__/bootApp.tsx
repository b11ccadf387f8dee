import { render } from '@testing-library/react';
import App from '../App';

/**
 * Boots the whole app with `data` as its configuration. The app keeps the configuration it
 * first reads, so each test file boots it once.
 */
export function bootApp(data: Record<string, unknown>) {
  process.env = {
    NODE_ENV: 'test',
    APP_CONFIG: [
      {
        data: {
          app: { title: 'OpenChoreo Test Portal' },
          backend: { baseUrl: 'http://localhost:7007' },
          ...data,
        },
        context: 'test',
      },
    ] as any,
  };
  render(App.createRoot());
}
