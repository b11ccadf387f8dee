import { fireEvent, screen, waitFor } from '@testing-library/react';
import { alertApiRef } from '@backstage/frontend-plugin-api';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { openchoreoApiRef, OpenChoreoRequestError } from '../../api';
import { mockOpenChoreoApi } from '../../__testUtils__/render';
import {
  CONFLICT_MESSAGE,
  EditAnnotationsDialog,
} from './EditAnnotationsDialog';
import { setupUser } from '../../__testUtils__/user';

const loaded = {
  annotations: { 'jenkins.io/job-full-name': 'library/reading-list' },
  reserved: { 'openchoreo.dev/project': 'library' },
};

const user = setupUser();

/** Types a whole value at once: one change event, as a paste would. */
function enter(label: string, value: string) {
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
}

function renderDialog(
  api = mockOpenChoreoApi({ getAnnotations: jest.fn(async () => loaded) }),
  canEdit = true,
  refusedReason?: string,
) {
  const onSaved = jest.fn();
  const onClose = jest.fn();
  const alerts = mockApis.alert();
  renderInTestApp(
    <EditAnnotationsDialog
      open
      componentRef={{ namespace: 'default', component: 'reading-list' }}
      canEdit={canEdit}
      refusedReason={refusedReason}
      onClose={onClose}
      onSaved={onSaved}
    />,
    {
      apis: [
        [openchoreoApiRef, api],
        [alertApiRef, alerts],
      ],
    },
  );
  return { api, onSaved, onClose, alerts };
}

describe('EditAnnotationsDialog', () => {
  it('shows reserved annotations read-only', async () => {
    renderDialog();
    const reserved = await screen.findByLabelText(
      'Reserved openchoreo.dev/project',
    );
    expect(reserved).toHaveValue('library');
    expect(reserved).toHaveAttribute('readonly');
    expect(screen.getByLabelText('Value 1')).not.toHaveAttribute('readonly');
  });

  it('saves the edited annotations with what it loaded as expected', async () => {
    const api = mockOpenChoreoApi({
      getAnnotations: jest.fn(async () => loaded),
      updateAnnotations: jest.fn(async () => loaded),
    });
    const rendered = renderDialog(api);
    const { onSaved, onClose } = rendered;
    await user.click(
      await screen.findByRole('button', { name: 'Add annotation' }),
    );
    enter('Key 2', 'example.com/team');
    enter('Value 2', 'books');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(api.updateAnnotations).toHaveBeenCalledWith(
      { namespace: 'default', component: 'reading-list' },
      {
        expected: { 'jenkins.io/job-full-name': 'library/reading-list' },
        annotations: {
          'jenkins.io/job-full-name': 'library/reading-list',
          'example.com/team': 'books',
        },
      },
    );
    expect(onClose).toHaveBeenCalled();
    const { alerts } = rendered;
    expect(alerts.getAlerts()).toEqual([]);
  });

  it('removes a row', async () => {
    const api = mockOpenChoreoApi({
      getAnnotations: jest.fn(async () => loaded),
      updateAnnotations: jest.fn(async () => loaded),
    });
    renderDialog(api);
    await user.click(
      await screen.findByRole('button', {
        name: 'Remove jenkins.io/job-full-name',
      }),
    );
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(api.updateAnnotations).toHaveBeenCalledWith(expect.anything(), {
        expected: loaded.annotations,
        annotations: {},
      }),
    );
  });

  it("turns seed 000's /job/a/job/b form into the job full name, with a visible note", async () => {
    renderDialog();
    await screen.findByLabelText('Value 1');
    enter('Value 1', '/job/library/job/reading-list');
    fireEvent.blur(screen.getByLabelText('Value 1'));
    expect(screen.getByLabelText('Value 1')).toHaveValue(
      'library/reading-list',
    );
    expect(
      await screen.findByText(
        'Changed the Jenkins URL path "/job/library/job/reading-list" to the job full name "library/reading-list".',
      ),
    ).toBeInTheDocument();
    // Typing again clears the note.
    enter('Value 1', 'library/other');
    expect(screen.queryByText(/Changed the Jenkins URL path/)).toBeNull();
  });

  it('saves a pasted Jenkins job URL as the job full name', async () => {
    const api = mockOpenChoreoApi({
      getAnnotations: jest.fn(async () => loaded),
      updateAnnotations: jest.fn(async () => loaded),
    });
    const { alerts, onClose } = renderDialog(api);
    await screen.findByLabelText('Value 1');
    enter('Value 1', 'https://jenkins.local/job/library/job/reading-list/');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(api.updateAnnotations).toHaveBeenCalledWith(expect.anything(), {
        expected: loaded.annotations,
        annotations: { 'jenkins.io/job-full-name': 'library/reading-list' },
      }),
    );
    // The dialog closes; the change of the value is still told, until dismissed.
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(alerts.getAlerts()).toEqual([
      {
        severity: 'info',
        display: 'permanent',
        message:
          'Saved the annotations of reading-list. Changed the Jenkins URL "https://jenkins.local/job/library/job/reading-list/" to the job full name "library/reading-list".',
      },
    ]);
  });

  it('refuses a Jenkins URL without a job, and control characters, saying what to enter', async () => {
    const { api } = renderDialog();
    await screen.findByLabelText('Value 1');
    enter('Value 1', 'https://jenkins.local/');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(
      await screen.findByText(
        /is a Jenkins URL, not a job full name.*e\.g\. "my-folder\/my-service"/,
      ),
    ).toBeInTheDocument();
    // A single-line field drops pasted line breaks; a tab stays.
    enter('Value 1', 'library/reading-list\tmore');
    expect(
      await screen.findByText(/line break, tab or another control character/),
    ).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(api.updateAnnotations).not.toHaveBeenCalled();
  });

  it('rejects invalid and reserved keys', async () => {
    const { api } = renderDialog();
    await user.click(
      await screen.findByRole('button', { name: 'Add annotation' }),
    );
    enter('Key 2', 'Bad Key!');
    enter('Value 2', 'x');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText(/must be 1-63 letters/)).toBeInTheDocument();

    enter('Key 2', 'openchoreo.dev/owner');
    expect(
      await screen.findByText(/openchoreo.dev\/owner is reserved/),
    ).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(api.updateAnnotations).not.toHaveBeenCalled();
  });

  it('explains a 409 and reloads on request', async () => {
    const api = mockOpenChoreoApi({
      getAnnotations: jest.fn(async () => loaded),
      updateAnnotations: jest.fn(async () => {
        throw new OpenChoreoRequestError('Annotations changed', 409);
      }),
    });
    const { onSaved } = renderDialog(api);
    await user.click(await screen.findByRole('button', { name: 'Save' }));
    expect(await screen.findByText(CONFLICT_MESSAGE)).toBeInTheDocument();
    expect(CONFLICT_MESSAGE).toMatch(
      /changed by someone else meanwhile: reload/,
    );
    expect(onSaved).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Reload' }));
    await waitFor(() => expect(api.getAnnotations).toHaveBeenCalledTimes(2));
  });

  it("shows the backend's message for other errors", async () => {
    const api = mockOpenChoreoApi({
      getAnnotations: jest.fn(async () => loaded),
      updateAnnotations: jest.fn(async () => {
        throw new OpenChoreoRequestError(
          'openchoreo.io/namespace is reserved',
          400,
        );
      }),
    });
    renderDialog(api);
    await user.click(await screen.findByRole('button', { name: 'Save' }));
    expect(
      await screen.findByText(
        'Could not save the annotations: openchoreo.io/namespace is reserved',
      ),
    ).toBeInTheDocument();
  });

  it('says what OpenChoreo refused when saving, and why', async () => {
    const refusal =
      'OpenChoreo does not allow you to update the annotations of component "default/reading-list" (403 FORBIDDEN: no role bound to groups viewers grants component:update). Ask a platform engineer for access.';
    const api = mockOpenChoreoApi({
      getAnnotations: jest.fn(async () => loaded),
      updateAnnotations: jest.fn(async () => {
        throw new OpenChoreoRequestError(refusal, 403);
      }),
    });
    renderDialog(api);
    await user.click(await screen.findByRole('button', { name: 'Save' }));
    expect(
      await screen.findByText('You may not save the annotations'),
    ).toBeInTheDocument();
    expect(screen.getByText(refusal)).toBeInTheDocument();
  });

  it('opens read-only with the reason when OpenChoreo refuses edits up front', async () => {
    const reason =
      'OpenChoreo does not allow you to edit components in namespace "default". Ask a platform engineer for access.';
    renderDialog(undefined, false, reason);
    expect(
      await screen.findByText(
        `You can view these annotations but not change them: ${reason}`,
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Save' })).toBeDisabled();
  });

  it('cannot save without the update permission', async () => {
    renderDialog(undefined, false);
    expect(
      await screen.findByText(/openchoreo.annotations.update/),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Save' })).toBeDisabled();
    expect(screen.getByLabelText('Value 1')).toBeDisabled();
  });
});
