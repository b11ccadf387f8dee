import { TextField } from '@material-ui/core';
import {
  REPOSITORY_FIELDS,
  REPOSITORY_INPUT_KEYS,
  type RepositoryField,
  type RepositoryInput,
  type RepositoryPaths,
} from '@openchoreo-ci/plugin-openchoreo-common';

const FIELD_TEXT: Record<
  RepositoryField,
  { label: string; helperText?: string; placeholder?: string }
> = {
  url: {
    label: 'Repository URL',
    helperText: 'e.g. https://github.com/acme/orders-api',
  },
  branch: { label: 'Branch', placeholder: 'main' },
  commit: {
    label: 'Commit',
    helperText: 'Build this commit instead of the latest of the branch',
  },
  'app-path': {
    label: 'Application path',
    placeholder: '.',
    helperText: 'The directory of the application within the repository',
  },
  'secret-ref': {
    label: 'Repository credentials secret',
    helperText: 'The secret holding the credentials of a private repository',
  },
};

/**
 * The repository fields the workflow's parameter schema marks (any of url, branch, commit,
 * app path, secret reference), in that order; the action places each at its marker.
 */
export function RepositoryFields(props: {
  paths: RepositoryPaths;
  value: Partial<RepositoryInput>;
  onChange: (patch: Partial<RepositoryInput>) => void;
}) {
  const { paths, value, onChange } = props;
  return (
    <>
      {REPOSITORY_FIELDS.filter(field => paths[field]).map(field => {
        const key = REPOSITORY_INPUT_KEYS[field];
        const text = FIELD_TEXT[field];
        return (
          <TextField
            key={field}
            fullWidth
            margin="normal"
            id={`openchoreo-repository-${field}`}
            label={text.label}
            required={field === 'url'}
            value={value[key] ?? ''}
            placeholder={text.placeholder}
            helperText={text.helperText}
            onChange={e =>
              onChange({
                // The URL stays a string so "required" can say it is empty.
                [key]:
                  field === 'url'
                    ? e.target.value
                    : e.target.value || undefined,
              })
            }
          />
        );
      })}
    </>
  );
}
