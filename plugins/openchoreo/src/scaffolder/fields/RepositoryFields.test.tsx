import { fireEvent, render, screen } from '@testing-library/react';
import type { RepositoryPaths } from '@openchoreo-ci/plugin-openchoreo-common';
import { RepositoryFields } from './RepositoryFields';

const ALL_FIVE: RepositoryPaths = {
  url: ['repository', 'url'],
  branch: ['repository', 'revision', 'branch'],
  commit: ['repository', 'revision', 'commit'],
  'app-path': ['repository', 'appPath'],
  'secret-ref': ['repository', 'secretRef'],
};

describe('RepositoryFields', () => {
  it('shows every field the schema marks, in order, including commit and secret', () => {
    render(
      <RepositoryFields paths={ALL_FIVE} value={{}} onChange={jest.fn()} />,
    );
    expect(screen.getAllByRole('textbox').map(input => input.id)).toEqual([
      'openchoreo-repository-url',
      'openchoreo-repository-branch',
      'openchoreo-repository-commit',
      'openchoreo-repository-app-path',
      'openchoreo-repository-secret-ref',
    ]);
  });

  it('shows only the marked fields', () => {
    render(
      <RepositoryFields
        paths={{ url: ['git'], 'app-path': ['dir'] }}
        value={{ url: 'https://git/x' }}
        onChange={jest.fn()}
      />,
    );
    expect(screen.getAllByRole('textbox')).toHaveLength(2);
    expect(
      screen.getByLabelText(/Repository URL/, { selector: 'input' }),
    ).toHaveValue('https://git/x');
  });

  it('reports each field under the action input key it belongs to', () => {
    const onChange = jest.fn();
    render(
      <RepositoryFields paths={ALL_FIVE} value={{}} onChange={onChange} />,
    );
    fireEvent.change(screen.getByLabelText(/Commit/, { selector: 'input' }), {
      target: { value: 'a1b2c3d' },
    });
    fireEvent.change(
      screen.getByLabelText(/credentials secret/, { selector: 'input' }),
      { target: { value: 'git-credentials' } },
    );
    fireEvent.change(
      screen.getByLabelText(/Application path/, { selector: 'input' }),
      { target: { value: 'svc' } },
    );
    expect(onChange.mock.calls).toEqual([
      [{ commit: 'a1b2c3d' }],
      [{ secretRef: 'git-credentials' }],
      [{ appPath: 'svc' }],
    ]);
  });
});
