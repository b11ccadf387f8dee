import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import type { BuildOptionsResponse } from '@openchoreo-ci/plugin-openchoreo-common';
import { openchoreoApiRef } from '../../api';
import { mockOpenChoreoApi } from '../../__testUtils__/render';
import { setupUser } from '../../__testUtils__/user';
import { BuildWithOptionsDialog } from './BuildWithOptionsDialog';

// Dialogs, forms and tables of MUI take seconds on a loaded machine.
jest.setTimeout(30_000);
const user = setupUser();
const SHA = '0123456789abcdef0123456789abcdef01234567';

const options: BuildOptionsResponse = {
  workflow: { kind: 'ClusterWorkflow', name: 'dockerfile-builder' },
  schema: {
    type: 'object',
    required: ['repository'],
    properties: {
      repository: {
        type: 'object',
        required: ['url'],
        properties: {
          url: { type: 'string', title: 'Repository URL' },
          revision: {
            type: 'object',
            properties: {
              branch: { type: 'string', title: 'Branch in schema' },
              commit: { type: 'string', title: 'Commit in schema' },
            },
          },
          appPath: { type: 'string', title: 'App path' },
        },
      },
    },
  },
  parameters: {
    repository: {
      url: 'https://github.com/o/r',
      revision: { branch: 'main', commit: '' },
      appPath: '/service',
    },
  },
  repositoryPaths: {
    url: ['repository', 'url'],
    branch: ['repository', 'revision', 'branch'],
    commit: ['repository', 'revision', 'commit'],
    'app-path': ['repository', 'appPath'],
  },
};

async function renderDialog() {
  const onStarted = jest.fn();
  const api = mockOpenChoreoApi({
    getBuildOptions: jest.fn(async () => options),
    triggerWorkflowRun: jest.fn(async () => ({
      run: {
        name: 'reading-list-run-9',
        namespace: 'default',
        status: 'Pending' as const,
      },
      replayed: false,
    })),
  });
  await renderInTestApp(
    <BuildWithOptionsDialog
      open
      componentRef={{ namespace: 'default', component: 'reading-list' }}
      onClose={jest.fn()}
      onStarted={onStarted}
    />,
    { apis: [[openchoreoApiRef, api], mockApis.permission()] },
  );
  const dialog = await screen.findByRole('dialog', {
    name: 'Build with options',
  });
  await within(dialog).findByText(/Workflow dockerfile-builder/);
  return { api, onStarted, dialog };
}

describe('BuildWithOptionsDialog', () => {
  it('builds a chosen commit with a parameter overridden in the form, then in the YAML view', async () => {
    const { api, onStarted, dialog } = await renderDialog();
    // Branch and Commit are the dialog's own fields: the form does not repeat them.
    expect(within(dialog).getByText('Commit in schema')).not.toBeVisible();
    expect(within(dialog).getByText('Branch in schema')).not.toBeVisible();
    expect(within(dialog).getByText('App path')).toBeVisible();
    await user.click(within(dialog).getByLabelText('Commit'));
    await user.paste(SHA);
    const appPath = within(dialog).getByLabelText('App path');
    await user.clear(appPath);
    await user.paste('/service-v2');

    await user.click(within(dialog).getByRole('tab', { name: 'YAML' }));
    const yaml = within(dialog).getByLabelText(
      'Parameters (YAML)',
    ) as HTMLTextAreaElement;
    expect(yaml.value).toContain('appPath: /service-v2');
    expect(yaml.value).toContain(`commit: ${SHA}`);
    fireEvent.change(yaml, {
      target: {
        value: yaml.value.replace('branch: main', 'branch: release-1.2'),
      },
    });
    expect(within(dialog).getByLabelText('Branch')).toHaveValue('release-1.2');

    await user.click(
      within(dialog).getByRole('button', { name: 'Start build' }),
    );
    await waitFor(() => expect(onStarted).toHaveBeenCalled());
    expect(api.triggerWorkflowRun).toHaveBeenCalledWith(
      { namespace: 'default', component: 'reading-list' },
      {
        idempotencyKey: expect.any(String),
        request: {
          commit: SHA,
          branch: 'release-1.2',
          parameters: {
            repository: {
              url: 'https://github.com/o/r',
              revision: { branch: 'release-1.2', commit: SHA },
              appPath: '/service-v2',
            },
          },
        },
      },
    );
  });

  it('refuses a commit that is not a SHA before sending anything', async () => {
    const { api, dialog } = await renderDialog();
    await user.type(within(dialog).getByLabelText('Commit'), 'main');
    expect(
      within(dialog).getByRole('alert', { name: 'problems' }),
    ).toHaveTextContent(
      'Commit "main" must be a commit SHA of 7 to 40 hex digits.',
    );
    expect(
      within(dialog).getByRole('button', { name: 'Start build' }),
    ).toBeDisabled();
    expect(api.triggerWorkflowRun).not.toHaveBeenCalled();
  });

  it('refuses parameters that fail the schema, and YAML that cannot be read', async () => {
    const { api, dialog } = await renderDialog();
    await user.click(within(dialog).getByRole('tab', { name: 'YAML' }));
    const yaml = within(dialog).getByLabelText('Parameters (YAML)');
    fireEvent.change(yaml, { target: { value: 'repository:\n  url: 42\n' } });
    expect(
      within(dialog).getByRole('alert', { name: 'problems' }),
    ).toHaveTextContent('repository.url must be string');
    fireEvent.change(yaml, { target: { value: 'repository: [unclosed' } });
    expect(
      within(dialog).getByRole('alert', { name: 'problems' }),
    ).toHaveTextContent('The YAML cannot be read');
    expect(
      within(dialog).getByRole('button', { name: 'Start build' }),
    ).toBeDisabled();
    expect(api.triggerWorkflowRun).not.toHaveBeenCalled();
  });
});
